import type { CheckOutcome } from './check-evaluator.js';
import { OBSERVED_PLACEHOLDER } from '../labs/schema/common.schema.js';

interface WithWording {
  messages?: { pass?: string; fail?: string } | undefined;
  see?: string | undefined;
}

/** What a check kind says on its own: learner sentences, the technical detail, evidence. */
export interface Wording {
  pass: string;
  fail: string;
  /** Technical, for the instructor and `labs:test`; the kind's own sentence when left out. */
  detail?: string;
  /** The one observed value a lab's message may quote as `{observed}`. */
  value?: string | undefined;
  /** The kind's own learner-runnable command; the lab's `see` wins. */
  see?: string | undefined;
  expected?: unknown;
  observed?: unknown;
}

/**
 * Pass or fail with the lab's own sentence where it has one, else the German default. A lab's
 * sentence with `{observed}` needs a value to quote; without one (nothing was found, the command
 * failed) the kind's own sentence says what happened.
 */
export function verdict(spec: WithWording, passed: boolean, wording: Wording): CheckOutcome {
  const own = passed ? spec.messages?.pass : spec.messages?.fail;
  const fallback = passed ? wording.pass : wording.fail;
  const message = own === undefined ? fallback : (withObserved(own, wording.value) ?? fallback);
  const see = spec.see ?? wording.see;
  const detail = wording.detail ?? fallback;
  return {
    status: passed ? 'pass' : 'fail',
    message,
    // Where the learner's sentence says it all, the instructor reads that.
    ...(detail !== message ? { detail } : {}),
    ...(see ? { see } : {}),
    ...(wording.expected !== undefined ? { expected: wording.expected } : {}),
    ...(wording.observed !== undefined ? { observed: wording.observed } : {}),
  };
}

/** A fail whose reason is specific (e.g. the object is missing); the lab's fail text still wins. */
export function failure(
  spec: WithWording,
  message: string,
  evidence: Omit<Wording, 'pass' | 'fail'> = {},
): CheckOutcome {
  return verdict(spec, false, { ...evidence, pass: message, fail: message });
}

function withObserved(text: string, value: string | undefined): string | undefined {
  if (!text.includes(OBSERVED_PLACEHOLDER)) return text;
  if (value === undefined || value.trim() === '') return undefined;
  return text.replaceAll(OBSERVED_PLACEHOLDER, value);
}

/** `„x“, „y“ und „z“`, for German messages. */
export function quoteList(items: readonly string[], limit = 5): string {
  const quoted = items.slice(0, limit).map((i) => `„${i}“`);
  const rest = items.length - quoted.length;
  if (rest > 0) return `${quoted.join(', ')} und ${rest} weitere`;
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} und ${quoted.at(-1)}`;
}
