import type { HintSpec } from '../labs/schema/check.schema.js';
import type { CheckResult } from './check-result.js';
import { labPattern } from '../labs/lab-pattern.js';

/** The conditional hints whose condition holds for these results, in the lab's order. */
export function matchingHints(hints: HintSpec[], results: CheckResult[]): string[] {
  return hints.flatMap((hint) => {
    if (typeof hint === 'string' || !hint.when) return [];
    const { when } = hint;
    const result = results.find((r) => r.id === when.check);
    if (!result || result.status !== when.status) return [];
    const observed = when.observed;
    if (!observed) return [hint.text];
    const text =
      typeof result.observed === 'string'
        ? result.observed
        : JSON.stringify(result.observed ?? null);
    const holds =
      (observed.equals === undefined || text === String(observed.equals)) &&
      (observed.contains === undefined || text.includes(String(observed.contains))) &&
      (observed.matches === undefined || labPattern(observed.matches).test(text)) &&
      (observed.notMatches === undefined || !labPattern(observed.notMatches).test(text));
    return holds ? [hint.text] : [];
  });
}
