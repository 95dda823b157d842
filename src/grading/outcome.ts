import type { CheckOutcome } from './check-evaluator.js';

interface WithMessages {
  messages?: { pass?: string; fail?: string } | undefined;
}

/** Pass or fail with the lab's own message where it has one, else the German default. */
export function verdict(
  spec: WithMessages,
  passed: boolean,
  defaults: { pass: string; fail: string },
  details: { expected?: unknown; observed?: unknown } = {},
): CheckOutcome {
  const message = passed
    ? (spec.messages?.pass ?? defaults.pass)
    : (spec.messages?.fail ?? defaults.fail);
  return { status: passed ? 'pass' : 'fail', message, ...details };
}

/** A fail whose reason is specific (e.g. the object is missing); the lab's fail text still wins. */
export function failure(
  spec: WithMessages,
  message: string,
  details: { expected?: unknown; observed?: unknown } = {},
): CheckOutcome {
  return { status: 'fail', message: spec.messages?.fail ?? message, ...details };
}

/** `„x“, „y“ und „z“`, for German messages. */
export function quoteList(items: readonly string[], limit = 5): string {
  const quoted = items.slice(0, limit).map((i) => `„${i}“`);
  const rest = items.length - quoted.length;
  if (rest > 0) return `${quoted.join(', ')} und ${rest} weitere`;
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} und ${quoted.at(-1)}`;
}
