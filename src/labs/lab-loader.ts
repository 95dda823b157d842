import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { labSchema, type LabSpec, type StepFileEntry } from './schema/lab.schema.js';
import type { Lab, LabProblem, LoadedStep, SolutionFile } from './lab.types.js';
import { renderMarkdown } from './markdown.js';
import { markdownInMode } from './modes/mode-blocks.js';
import { YamlLocations } from './yaml-locations.js';

export interface LoadResult {
  labs: Lab[];
  problems: LabProblem[];
}

const LAB_ID = /^[a-z0-9][a-z0-9-]*$/;

/** Reads every `labs/<id>/lab.yaml`; a broken lab becomes a list of problems, never an exception. */
export function loadLabs(labsDir: string): LoadResult {
  const result: LoadResult = { labs: [], problems: [] };
  if (!fs.existsSync(labsDir)) {
    result.problems.push({
      labId: '-',
      file: labsDir,
      path: '',
      message: 'Der Übungsordner existiert nicht',
    });
    return result;
  }
  const ids = fs
    .readdirSync(labsDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.') && !e.name.startsWith('_'))
    .map((e) => e.name)
    .sort();
  for (const id of ids) {
    const loaded = loadLab(path.join(labsDir, id));
    if ('lab' in loaded) result.labs.push(loaded.lab);
    else result.problems.push(...loaded.problems);
  }
  return result;
}

export function loadLab(dir: string): { lab: Lab } | { problems: LabProblem[] } {
  const id = path.basename(dir);
  const file = path.join(dir, 'lab.yaml');
  const problem = (message: string, fieldPath = '', line?: number): LabProblem => ({
    labId: id,
    file,
    path: fieldPath,
    ...(line ? { line } : {}),
    message,
  });
  if (!LAB_ID.test(id)) {
    return {
      problems: [
        problem('Der Ordnername darf nur Kleinbuchstaben, Ziffern und Bindestriche enthalten'),
      ],
    };
  }
  if (!fs.existsSync(file)) return { problems: [problem('lab.yaml fehlt')] };

  const lines = new LineCounter();
  const doc = parseDocument(fs.readFileSync(file, 'utf8'), {
    lineCounter: lines,
    prettyErrors: false,
  });
  if (doc.errors.length > 0) {
    return {
      problems: doc.errors.map((e) =>
        // `linePos` is only filled in with prettyErrors, so the line comes from the offset.
        problem(`YAML-Fehler: ${e.message.split('\n')[0]}`, '', lines.linePos(e.pos[0]).line),
      ),
    };
  }
  const locations = new YamlLocations(doc, lines);
  const parsed = labSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    return {
      problems: parsed.error.issues.map((issue) =>
        problem(issue.message, issue.path.join('.'), locations.lineOf(issue.path)),
      ),
    };
  }
  const missing = missingFiles(dir, parsed.data).map(({ fieldPath, relative }) =>
    problem(`Datei nicht gefunden: ${relative}`, fieldPath.join('.'), locations.lineOf(fieldPath)),
  );
  if (missing.length > 0) return { problems: missing };
  return { lab: buildLab(id, dir, parsed.data) };
}

function missingFiles(
  dir: string,
  spec: LabSpec,
): { fieldPath: (string | number)[]; relative: string }[] {
  const references: { fieldPath: (string | number)[]; relative: string }[] = [
    ...spec.setup.map((relative, i) => ({ fieldPath: ['setup', i], relative })),
    ...spec.steps.flatMap((step, i) => [
      { fieldPath: ['steps', i, 'content'], relative: step.content },
      ...step.setup.map(({ file }, j) => ({
        fieldPath: ['steps', i, 'setup', j],
        relative: file,
      })),
      ...step.solution.map(({ file }, j) => ({
        fieldPath: ['steps', i, 'solution', ...(step.solution.length > 1 ? [j] : [])],
        relative: file,
      })),
    ]),
  ];
  return references.filter(
    ({ relative }) => !fs.statSync(path.join(dir, relative), { throwIfNoEntry: false })?.isFile(),
  );
}

function buildLab(id: string, dir: string, spec: LabSpec): Lab {
  const steps: LoadedStep[] = spec.steps.map((step) => {
    const markdown = fs.readFileSync(path.join(dir, step.content), 'utf8');
    return {
      ...step,
      markdown,
      // The lab's first mode until the catalog takes the view of the server's mode (labInMode).
      html: renderMarkdown(markdownInMode(markdown, spec.modes[0] ?? 'local')),
      solutions: step.solution.map((entry) => stepFile(dir, entry)),
      setupFiles: step.setup.map((entry) => stepFile(dir, entry)),
    };
  });
  return { ...spec, id, dir, contentHash: hashDirectory(dir), steps };
}

function stepFile(dir: string, { file, modes }: StepFileEntry): SolutionFile {
  return { ...labFile(dir, file), ...(modes ? { modes } : {}) };
}

function labFile(dir: string, file: string): SolutionFile {
  return {
    file,
    type: file.endsWith('.sh') ? 'script' : 'manifest',
    text: fs.readFileSync(path.join(dir, file), 'utf8'),
  };
}

/** sha256 over relative path + content of every file, in path order. */
export function hashDirectory(dir: string): string {
  const hash = createHash('sha256');
  const files = fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
  for (const relative of files) {
    hash
      .update(relative)
      .update('\0')
      .update(fs.readFileSync(path.join(dir, relative)))
      .update('\0');
  }
  return hash.digest('hex');
}
