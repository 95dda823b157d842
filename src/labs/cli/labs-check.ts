import path from 'node:path';
import { configureGermanMessages } from '../../common/zod-locale.js';
import { loadLabs } from '../lab-loader.js';

/**
 * `npm run labs:check [labs-dir]`: validates every lab statically (schema, referenced files)
 * and exits 1 if any lab has a problem.
 */
configureGermanMessages();
const labsDir = path.resolve(process.argv[2] ?? process.env.KUBELAB_LABS_DIR ?? 'labs');
const { labs, problems } = loadLabs(labsDir);

for (const lab of labs) {
  const checks = lab.steps.reduce((n, s) => n + s.checks.length, 0);
  console.log(`ok    ${lab.id}  (${lab.steps.length} steps, ${checks} checks)`);
}
for (const p of problems) {
  const where = `${path.relative(process.cwd(), p.file)}${p.line ? `:${p.line}` : ''}`;
  console.log(`error ${p.labId}  ${where}  ${p.path ? `${p.path}: ` : ''}${p.message}`);
}
const broken = new Set(problems.map((p) => p.labId)).size;
console.log(`\n${labs.length} lab(s) valid, ${broken} lab(s) with errors in ${labsDir}`);
process.exitCode = problems.length > 0 ? 1 : 0;
