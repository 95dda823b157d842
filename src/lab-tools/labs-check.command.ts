import fs from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { loadLabs } from '../labs/lab-loader.js';
import type { Lab, LabProblem } from '../labs/lab.types.js';
import { lintLab } from '../labs/lint/lab-lint.js';
import { YamlLocations } from '../labs/yaml-locations.js';

/**
 * Validates every lab in `labsDir` (schema, files, then the authoring rules of `lintLab`), prints
 * one line per lab and problem; returns the exit code.
 */
export function runLabsCheck(labsDir: string, print: (line: string) => void = console.log): number {
  const { labs, problems } = loadLabs(labsDir);
  const all: LabProblem[] = [...problems];
  for (const lab of labs) {
    const findings = lintProblems(lab);
    if (findings.length === 0) {
      const checks = lab.steps.reduce((n, s) => n + s.checks.length, 0);
      print(`ok    ${lab.id}  (${lab.steps.length} steps, ${checks} checks)`);
    }
    all.push(...findings);
  }
  for (const p of all) {
    const where = `${path.relative(process.cwd(), p.file)}${p.line ? `:${p.line}` : ''}`;
    print(`error ${p.labId}  ${where}  ${p.path ? `${p.path}: ` : ''}${p.message}`);
  }
  const broken = new Set(all.map((p) => p.labId));
  const valid = labs.filter((lab) => !broken.has(lab.id)).length;
  print(`\n${valid} lab(s) valid, ${broken.size} lab(s) with errors in ${labsDir}`);
  return all.length > 0 ? 1 : 0;
}

function lintProblems(lab: Lab): LabProblem[] {
  const findings = lintLab(lab);
  if (findings.length === 0) return [];
  const labYaml = path.join(lab.dir, 'lab.yaml');
  const lines = new LineCounter();
  const locations = new YamlLocations(
    parseDocument(fs.readFileSync(labYaml, 'utf8'), { lineCounter: lines }),
    lines,
  );
  return findings.map((f) => {
    const line = f.file === 'lab.yaml' ? locations.lineOf(f.path) : undefined;
    return {
      labId: lab.id,
      file: path.join(lab.dir, f.file),
      path: f.path.join('.'),
      ...(line ? { line } : {}),
      message: f.message,
    };
  });
}
