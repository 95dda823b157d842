/**
 * A pattern and an input on which a backtracking engine (JS RegExp) would not finish in the
 * lifetime of the machine: every `a` can end the inner or the outer loop, 2^10000 ways, and the
 * `!` makes every way fail. RE2 answers at once. Tests use it to show a call site runs on RE2.
 */
export const NESTED_LOOP = '^(a+)+$';
export const NESTED_LOOP_INPUT = `${'a'.repeat(10_000)}!`;
