import path from 'node:path';
import { loadLabs } from '../lab-loader.js';

/** Validates every lab in `labsDir`, prints one line per lab and problem; returns the exit code. */
export function runLabsCheck(labsDir: string, print: (line: string) => void = console.log): number {
  const { labs, problems } = loadLabs(labsDir);
  for (const lab of labs) {
    const checks = lab.steps.reduce((n, s) => n + s.checks.length, 0);
    print(`ok    ${lab.id}  (${lab.steps.length} steps, ${checks} checks)`);
  }
  for (const p of problems) {
    const where = `${path.relative(process.cwd(), p.file)}${p.line ? `:${p.line}` : ''}`;
    print(`error ${p.labId}  ${where}  ${p.path ? `${p.path}: ` : ''}${p.message}`);
  }
  const broken = new Set(problems.map((p) => p.labId)).size;
  print(`\n${labs.length} lab(s) valid, ${broken} lab(s) with errors in ${labsDir}`);
  return problems.length > 0 ? 1 : 0;
}
