/**
 * Marks of internals in text a learner reads: what a check runs or matches belongs in the
 * instructor's detail, not in a title, message, question or hint. `Code` in backticks is a
 * command for the learner and is not judged.
 */
const LEAKS: [RegExp, string][] = [
  [/\{\.?\[|\{\.[A-Za-z]|\[\?\(@/, 'enthält einen JSONPath'],
  [/\b(ba)?sh -c\b/, 'enthält ein Skript (sh -c)'],
  [
    /\\[dswbDSWB.]|\(\?[:=!]|\.\*|\.\+|\[\^|\\\$|(^|\s)\^\S|\S\$($|\s)/,
    'enthält einen regulären Ausdruck',
  ],
  [/\{"|\\"/, 'enthält JSON'],
  [/"/, 'braucht deutsche Anführungszeichen („…“) statt "…"'],
];

/** Why this learner text shows internals, or undefined when it does not. */
export function learnerTextProblem(text: string): string | undefined {
  const prose = text.replace(/`[^`]*`/g, ' ');
  return LEAKS.find(([pattern]) => pattern.test(prose))?.[1];
}
