import { RE2JS, RE2JSSyntaxException } from 're2js';

/**
 * The regular expressions a lab supplies (transcript commands and output, nodeExec stdout, field
 * assertions, hint conditions) run on RE2, not on JS RegExp: RE2 matches in time linear in the
 * input, so no command a learner types and no output a cluster prints can hold the single event
 * loop for seconds, as a backtracking pattern like `( -n \S+| -[a-z]+)*` does. The price is RE2's
 * syntax: no backreferences, no lookahead or lookbehind (`labPatternProblem` names them).
 *
 * Where RE2 reads a pattern differently from JS RegExp: `\s` is `[\t\n\f\r ]` (no `\v`, no Unicode
 * spaces), `.` also matches `\r`, and with `multiline` `^` and `$` break lines only at `\n`.
 * `\b`, `\d` and `\w` are ASCII in both.
 */
export interface LabPattern {
  test(text: string): boolean;
}

export interface LabPatternOptions {
  /** `^` and `$` also match at line breaks, for command output. */
  multiline?: boolean;
}

/** Patterns come from lab files loaded at start-up, so this holds at most all of theirs. */
const compiled = new Map<string, LabPattern>();

/** A lab pattern compiled once for RE2; throws for a pattern that `labPatternProblem` refuses. */
export function labPattern(
  source: string,
  { multiline = false }: LabPatternOptions = {},
): LabPattern {
  const key = `${multiline ? 'm' : '-'}${source}`;
  let pattern = compiled.get(key);
  if (!pattern) {
    pattern = RE2JS.compile(source, multiline ? RE2JS.MULTILINE : 0);
    compiled.set(key, pattern);
  }
  return pattern;
}

/** Why RE2 cannot run `source`, in German for labs:check; undefined when it can. */
export function labPatternProblem(source: string): string | undefined {
  try {
    RE2JS.compile(source);
    return undefined;
  } catch (error) {
    if (!(error instanceof RE2JSSyntaxException)) {
      return `ist kein gültiger regulärer Ausdruck (RE2: ${String(error)})`;
    }
    const fragment = error.getPattern() ?? '';
    if (/^\(\?(=|!|<=|<!)/.test(fragment)) {
      return 'nutzt Lookahead oder Lookbehind („(?=“, „(?!“, „(?<=“, „(?<!“); RE2 kennt beides nicht';
    }
    if (/^\\([1-9]|k)/.test(fragment)) {
      return 'nutzt einen Rückverweis wie „\\1“; RE2 kennt keine Rückverweise';
    }
    return `ist kein gültiger regulärer Ausdruck (RE2: ${error.getDescription()}: „${fragment}“)`;
  }
}
