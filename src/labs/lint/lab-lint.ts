import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../../kube/kube-reader.js';
import type { Lab, LoadedStep } from '../lab.types.js';
import { scriptCommands } from '../script-commands.js';
import type { CheckSpec } from '../schema/check.schema.js';
import { OBSERVED_PLACEHOLDER } from '../schema/common.schema.js';
import { hasPlaceholder, looksGerman } from './german-text.js';
import { learnerTextProblem } from './learner-text.js';
import { imagesInScript, imagesOf, isPinned } from './image-refs.js';
import { lintModes } from './mode-rules.js';
import type { LintFinding } from './lint-finding.js';
import { plainHints } from '../plain-hints.js';
import { belongsTo } from '../modes/lab-mode.js';

/** Kinds that read what the cluster *is*: objects, live values, the policies in force. */
const STATE_KINDS = new Set(['resource', 'policy']);
/** Kinds that read what *happens*: packets, DNS answers, the dataplane, the learner's commands. */
const TRACE_KINDS = new Set([
  'connectivity',
  'reachability',
  'dns',
  'sourceIp',
  'nodeExec',
  'kubeProxyRules',
  'transcript',
]);

const MIN_HINTS = 2;

export function readsState(check: CheckSpec): boolean {
  return STATE_KINDS.has(check.kind) || (check.kind === 'answer' && 'object' in check.expected);
}

export function readsTrace(check: CheckSpec): boolean {
  return TRACE_KINDS.has(check.kind);
}

/**
 * What `npm run labs:check` demands beyond the schema, so every lab teaches and grades the same
 * way: checks that look at both the cluster and what happens in it, hints, German text, pinned
 * images, manifests that are Kubernetes objects.
 */
export function lintLab(lab: Lab): LintFinding[] {
  const findings: LintFinding[] = [];
  const yaml = (fieldPath: (string | number)[], message: string) =>
    findings.push({ file: 'lab.yaml', path: fieldPath, message });

  if (!looksGerman([lab.title, lab.summary, ...lab.goals].join(' '), 8)) {
    yaml(['summary'], 'Titel, Zusammenfassung und Lernziele müssen deutscher Text sein');
  }
  lab.steps.forEach((step, index) => {
    lintStep(lab, step, index, yaml, findings);
  });
  for (const file of lab.setup) {
    if (file.endsWith('.yaml')) findings.push(...lintManifestFile(lab, file));
    else findings.push(...lintScriptFile(lab, file));
  }
  findings.push(...lintModes(lab));
  return findings;
}

function lintStep(
  lab: Lab,
  step: LoadedStep,
  index: number,
  yaml: (fieldPath: (string | number)[], message: string) => void,
  findings: LintFinding[],
): void {
  const at = ['steps', index];
  // Each mode grades the step with its own checks: each must hold the rules on its own.
  const unless = (holds: (checks: CheckSpec[]) => boolean, field: string, message: string) => {
    const failing = lab.modes.filter(
      (mode) => !holds(step.checks.filter((check) => belongsTo(check, mode))),
    );
    if (failing.length === 0) return;
    const where = failing.length < lab.modes.length ? ` im Modus ${failing.join(', ')}` : '';
    yaml([...at, field], `${message}${where}`);
  };
  unless((checks) => checks.length >= 2, 'checks', 'braucht mindestens zwei Prüfungen');
  if (lab.environment === 'kind') {
    unless(
      (checks) => checks.some(readsState),
      'checks',
      'braucht eine Prüfung, die den Zustand des Clusters liest (resource, policy oder answer mit expected.object)',
    );
    unless(
      (checks) => checks.some(readsTrace),
      'checks',
      'braucht eine Prüfung, die nachsieht, was wirklich passiert (connectivity, reachability, dns, sourceIp, nodeExec, kubeProxyRules oder transcript)',
    );
  }
  if (step.observe) {
    unless(
      (checks) => checks.some((c) => c.kind === 'answer' || c.kind === 'transcript'),
      'observe',
      'ein Schritt zum Ansehen (observe: true) braucht eine answer- oder transcript-Prüfung: sie zeigt, dass hingesehen wurde',
    );
  }
  lintLearnerTexts(step, (fieldPath, message) => yaml([...at, ...fieldPath], message));
  for (const mode of lab.modes) {
    const hints = plainHints(step.hints.filter((h) => typeof h === 'string' || belongsTo(h, mode)));
    if (hints.length < MIN_HINTS) {
      const where = lab.modes.length > 1 ? ` im Modus ${mode}` : '';
      yaml(
        [...at, 'hints'],
        `braucht${where} mindestens ${MIN_HINTS} Tipps, vom sanften zum deutlichen`,
      );
    }
  }
  if (!looksGerman(step.markdown)) {
    findings.push({
      file: step.content,
      path: [],
      message: 'braucht deutschen Text (mindestens ein paar Sätze)',
    });
  }
  if (hasPlaceholder(step.markdown)) {
    findings.push({
      file: step.content,
      path: [],
      message: 'enthält einen Platzhalter (TODO, TBD, …)',
    });
  }
  for (const file of step.setupFiles) {
    if (file.type === 'manifest') findings.push(...lintManifestFile(lab, file.file));
    else findings.push(...lintScriptFile(lab, file.file));
  }
  for (const solution of step.solutions) {
    if (solution.text.trim() === '') {
      findings.push({ file: solution.file, path: [], message: 'die Lösung ist leer' });
    } else if (solution.type === 'manifest') {
      findings.push(...lintManifestFile(lab, solution.file));
    } else {
      findings.push(...lintScriptFile(lab, solution.file));
    }
  }
}

/**
 * What the learner reads of a step besides its text: check titles, questions, messages and
 * hints, in German without internals; `{observed}` is the only placeholder a message knows.
 */
function lintLearnerTexts(
  step: LoadedStep,
  yaml: (fieldPath: (string | number)[], message: string) => void,
): void {
  const texts: [(string | number)[], string | undefined][] = [];
  step.checks.forEach((check, i) => {
    texts.push([['checks', i, 'title'], check.title]);
    if (check.kind === 'answer') texts.push([['checks', i, 'prompt'], check.prompt]);
    texts.push([['checks', i, 'messages', 'pass'], check.messages?.pass]);
    texts.push([['checks', i, 'messages', 'fail'], check.messages?.fail]);
  });
  step.hints.forEach((hint, i) => {
    texts.push([['hints', i], typeof hint === 'string' ? hint : hint.text]);
  });
  for (const [fieldPath, text] of texts) {
    if (text === undefined) continue;
    const isMessage = fieldPath.includes('messages');
    const placeholder = isMessage
      ? text.replace(/`[^`]*`/g, '').match(/\{(?!observed\})[^}\s]*\}/)
      : null;
    const problem = placeholder
      ? `kennt nur den Platzhalter {observed}, nicht ${placeholder[0]}`
      : learnerTextProblem(isMessage ? text.replaceAll(OBSERVED_PLACEHOLDER, '') : text);
    if (problem) yaml(fieldPath, `Text für Lernende ${problem}`);
  }
}

function lintManifestFile(lab: Lab, file: string): LintFinding[] {
  const text = fs.readFileSync(path.join(lab.dir, file), 'utf8');
  const findings: LintFinding[] = [];
  parseAllDocuments(text).forEach((doc, index) => {
    const where = `Dokument ${index + 1}`;
    if (doc.errors.length > 0) {
      findings.push({
        file,
        path: [],
        message: `${where}: YAML-Fehler: ${doc.errors[0]?.message.split('\n')[0] ?? ''}`,
      });
      return;
    }
    const object = doc.toJS() as KubeObject | null;
    if (object === null) return;
    findings.push(...lintObject(file, where, object));
  });
  return findings;
}

function lintObject(file: string, where: string, object: KubeObject): LintFinding[] {
  const meta = (object.metadata ?? {}) as Record<string, unknown>;
  if (
    typeof object.apiVersion !== 'string' ||
    typeof object.kind !== 'string' ||
    typeof meta.name !== 'string'
  ) {
    return [{ file, path: [], message: `${where}: braucht apiVersion, kind und metadata.name` }];
  }
  return imagesOf(object)
    .filter((image) => !isPinned(image))
    .map((image) => ({
      file,
      path: [],
      message: `${where} (${String(object.kind)} ${String(meta.name)}): Image „${image || '(leer)'}“ braucht eine feste Version (Tag außer latest, oder Digest)`,
    }));
}

function lintScriptFile(lab: Lab, file: string): LintFinding[] {
  const text = fs.readFileSync(path.join(lab.dir, file), 'utf8');
  const findings: LintFinding[] = imagesInScript(text)
    .filter((image) => !isPinned(image))
    .map((image) => ({
      file,
      path: [],
      message: `Image „${image}“ braucht eine feste Version (Tag außer latest, oder Digest)`,
    }));
  // Manifests inside heredocs are objects too.
  for (const [index, body] of heredocs(text).entries()) {
    const docs = parseAllDocuments(body);
    docs.forEach((doc) => {
      const object = doc.errors.length === 0 ? (doc.toJS() as KubeObject | null) : null;
      if (object && typeof object === 'object' && 'kind' in object) {
        findings.push(...lintObject(file, `Heredoc ${index + 1}`, object));
      }
    });
  }
  return findings;
}

/**
 * The bodies of `<<EOF`, `<<'EOF'` and `<<-EOF` heredocs, read the way the lab tests run the
 * script; a script whose heredoc is never closed has none to check.
 */
export function heredocs(script: string): string[] {
  try {
    return scriptCommands(script).flatMap((c) => (c.stdin === undefined ? [] : [c.stdin]));
  } catch {
    return [];
  }
}
