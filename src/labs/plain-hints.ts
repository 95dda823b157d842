import type { HintSpec } from './schema/check.schema.js';

/** Hints revealed one by one on request: plain text, or text with only `modes`. */
export function plainHints(hints: HintSpec[]): string[] {
  return hints.flatMap((hint) => {
    if (typeof hint === 'string') return [hint];
    return hint.when ? [] : [hint.text];
  });
}
