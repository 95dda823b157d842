import { parseNodeCommand } from '../modes/node-command.js';
import { isShellScript, shellLine } from '../shell-line.js';
import type { Lab, LoadedStep } from '../lab.types.js';
import { belongsTo, type LabMode, type ModeScoped } from '../modes/lab-mode.js';
import { markdownInMode, modeBlockProblems } from '../modes/mode-blocks.js';
import { scriptCommands, shellWords } from '../script-commands.js';
import type { LintFinding } from './lint-finding.js';

/** `knoten <words…>` up to what the shell reads as the end of the command (pipe, `;`, `&&`, `)`). */
const KNOTEN = /(?:^|[;&|(`]\s*|\$\s+)knoten\s+([^|;&)`\n]*)/g;
/** `<ClusterIP>`, `$NODE`, `"$CLUSTER_IP"`, `…`: a value the learner or the script fills in. */
const PLACEHOLDER = /^<[^>]+>$|\$|…/;
/** Values a placeholder may stand for; one of them must make the command pass. */
const SAMPLE_VALUES = ['worker', '10.96.0.10', '80', 'eth0'];
const MAX_PLACEHOLDERS = 3;

/**
 * The rules of issue #14 for `modes`: mode blocks in step texts are well formed and name modes
 * the lab claims, so do `modes` on checks, hints and step setup; a kind lab that claims `shared`
 * uses only node commands `knoten` allows, in its texts, hints, solutions and node checks.
 */
export function lintModes(lab: Lab): LintFinding[] {
  const findings: LintFinding[] = [];
  lab.steps.forEach((step, index) => {
    for (const problem of modeBlockProblems(step.markdown, lab.modes)) {
      findings.push({
        file: step.content,
        path: [],
        message: `Zeile ${problem.line}: ${problem.message}`,
      });
    }
    findings.push(...unclaimedModes(lab.modes, step, ['steps', index]));
    // A container lab's shell is its node in every mode; only kind nodes are behind knoten.
    if (lab.modes.includes('shared') && lab.environment === 'kind') {
      findings.push(...sharedNodeCommands(step, ['steps', index]));
    }
  });
  return findings;
}

function unclaimedModes(
  claimed: readonly LabMode[],
  step: LoadedStep,
  at: (string | number)[],
): LintFinding[] {
  const scoped: [(string | number)[], ModeScoped][] = [
    ...step.checks.map((check, i): [(string | number)[], ModeScoped] => [['checks', i], check]),
    ...step.hints.flatMap((hint, i): [(string | number)[], ModeScoped][] =>
      typeof hint === 'string' ? [] : [[['hints', i], hint]],
    ),
    ...step.setup.map((entry, i): [(string | number)[], ModeScoped] => [['setup', i], entry]),
    ...step.solution.map((entry, i): [(string | number)[], ModeScoped] => [
      ['solution', ...(step.solution.length > 1 ? [i] : [])],
      entry,
    ]),
  ];
  return scoped.flatMap(([fieldPath, item]) =>
    (item.modes ?? [])
      .filter((mode) => !claimed.includes(mode))
      .map((mode) => ({
        file: 'lab.yaml',
        path: [...at, ...fieldPath, 'modes'],
        message: `nennt den Modus ${mode}, den die Übung in modes nicht angibt (${claimed.join(', ')})`,
      })),
  );
}

function sharedNodeCommands(step: LoadedStep, at: (string | number)[]): LintFinding[] {
  const findings: LintFinding[] = [];
  for (const words of knotenCalls(codeOf(markdownInMode(step.markdown, 'shared')))) {
    const problem = refusal(words);
    if (problem) findings.push({ file: step.content, path: [], message: problem });
  }
  step.hints.forEach((hint, i) => {
    if (typeof hint !== 'string' && !belongsTo(hint, 'shared')) return;
    const text = typeof hint === 'string' ? hint : hint.text;
    for (const words of knotenCalls(inlineCode(text))) {
      const problem = refusal(words);
      if (problem) findings.push({ file: 'lab.yaml', path: [...at, 'hints', i], message: problem });
    }
  });
  for (const solution of step.solutions.filter(
    (s) => s.type === 'script' && belongsTo(s, 'shared'),
  )) {
    let commands: string[];
    try {
      commands = scriptCommands(solution.text).map((c) => c.text);
    } catch {
      continue;
    }
    for (const words of knotenCalls(commands)) {
      const problem = refusal(words);
      if (problem) findings.push({ file: solution.file, path: [], message: problem });
    }
  }
  step.checks.forEach((check, i) => {
    if (check.kind !== 'nodeExec' || !belongsTo(check, 'shared')) return;
    const where = [...at, 'checks', i];
    const command = isShellScript(check.command)
      ? `„${shellLine(check.command)}“ ist ein Skript, das knoten nicht ausführt`
      : refusal([check.node, ...check.command]);
    if (command) findings.push({ file: 'lab.yaml', path: [...where, 'command'], message: command });
    if (check.see !== undefined) {
      const see = refusal([check.node, ...shellWords(check.see.split('|')[0] ?? '')]);
      if (see) findings.push({ file: 'lab.yaml', path: [...where, 'see'], message: see });
    }
  });
  return findings;
}

/** The argument words of every `knoten …` call in these pieces of code. */
export function knotenCalls(pieces: string[]): string[][] {
  return pieces.flatMap((piece) =>
    [...piece.matchAll(KNOTEN)].map((match) =>
      shellWords((match[1] ?? '').replace(/\s\d?>.*$/, '')),
    ),
  );
}

/** Why `knoten <words…>` would be refused, for the lab's author; undefined when allowed. */
export function refusal(words: string[]): string | undefined {
  // `knoten <Knoten> <Befehl>`: how knoten is called, not a command.
  if (PLACEHOLDER.test(words[1] ?? '')) return undefined;
  const holes = words.flatMap((word, i) => (PLACEHOLDER.test(word) ? [i] : []));
  const attempts = holes.length > MAX_PLACEHOLDERS ? [words] : fillings(words, holes);
  if (attempts.some((filled) => parseNodeCommand(filled).ok)) return undefined;
  const answer = parseNodeCommand(attempts[0] ?? words);
  const reason = answer.ok ? '' : (answer.message.split('\n')[0] ?? '');
  return `„knoten ${words.join(' ')}“ lässt knoten im Modus shared nicht zu: ${reason}`;
}

function fillings(words: string[], holes: number[]): string[][] {
  let results = [words];
  for (const hole of holes) {
    results = results.flatMap((filled) =>
      SAMPLE_VALUES.map((value) => filled.map((word, i) => (i === hole ? value : word))),
    );
  }
  return results;
}

/** Fenced code lines and inline code spans: where a step text shows commands. */
function codeOf(markdown: string): string[] {
  const pieces: string[] = [];
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    else if (fenced) pieces.push(line.trim());
    else pieces.push(...inlineCode(line));
  }
  return pieces;
}

function inlineCode(text: string): string[] {
  return [...text.matchAll(/`([^`]+)`/g)].map((m) => (m[1] ?? '').trim());
}
