import { LAB_MODES, type LabMode } from './lab-mode.js';

/**
 * Mode switches in step Markdown: a line `::: shared` (or `::: local`) opens a block shown only
 * in that mode, a line `:::` closes it. Lines inside fenced code are text, never switches.
 */
const OPEN = /^\s*:::[ \t]*(\S+)\s*$/;
const CLOSE = /^\s*:::\s*$/;
const FENCE = /^\s*(```|~~~)/;

type Line = { kind: 'text'; text: string } | { kind: 'open'; mode: string } | { kind: 'close' };

function classify(markdown: string): Line[] {
  let fenced = false;
  return markdown.split('\n').map((text): Line => {
    if (FENCE.test(text)) fenced = !fenced;
    if (fenced) return { kind: 'text', text };
    if (CLOSE.test(text)) return { kind: 'close' };
    const open = OPEN.exec(text);
    return open ? { kind: 'open', mode: open[1] ?? '' } : { kind: 'text', text };
  });
}

/** The Markdown a learner reads in `mode`: other modes' blocks and the switch lines left out. */
export function markdownInMode(markdown: string, mode: LabMode): string {
  let blockMode: string | undefined;
  const kept: string[] = [];
  for (const line of classify(markdown)) {
    if (line.kind === 'open') blockMode = line.mode;
    else if (line.kind === 'close') blockMode = undefined;
    else if (blockMode === undefined || blockMode === mode) kept.push(line.text);
  }
  return kept.join('\n');
}

export interface ModeBlockProblem {
  /** 1-based line in the step file. */
  line: number;
  message: string;
}

/** Unknown modes, modes the lab does not claim, nested, stray and unclosed blocks. */
export function modeBlockProblems(
  markdown: string,
  claimed: readonly LabMode[],
): ModeBlockProblem[] {
  const problems: ModeBlockProblem[] = [];
  let open: { mode: string; line: number } | undefined;
  classify(markdown).forEach((line, index) => {
    const at = index + 1;
    if (line.kind === 'open') {
      if (open) {
        problems.push({
          line: at,
          message: `„::: ${line.mode}“ steht in einem offenen „::: ${open.mode}“-Block (Zeile ${open.line}); Blöcke lassen sich nicht schachteln, schließe ihn vorher mit „:::“`,
        });
      }
      if (!(LAB_MODES as readonly string[]).includes(line.mode)) {
        problems.push({
          line: at,
          message: `„::: ${line.mode}“: unbekannter Modus, erlaubt sind ${LAB_MODES.join(' und ')}`,
        });
      } else if (!claimed.includes(line.mode as LabMode)) {
        problems.push({
          line: at,
          message: `„::: ${line.mode}“: die Übung gibt diesen Modus in modes nicht an (${claimed.join(', ')})`,
        });
      }
      open = { mode: line.mode, line: at };
    } else if (line.kind === 'close') {
      if (!open) problems.push({ line: at, message: '„:::“ schließt keinen offenen Block' });
      open = undefined;
    }
  });
  if (open) {
    problems.push({
      line: open.line,
      message: `der Block „::: ${open.mode}“ wird nie mit „:::“ geschlossen`,
    });
  }
  return problems;
}
