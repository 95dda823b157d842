import { labAvailability } from '../clusters/availability/lab-availability.js';
import type { EnvironmentType } from '../clusters/environment-driver.js';
import { ContainerDriver } from '../clusters/container/container.driver.js';
import { KindDriver } from '../clusters/kind/kind.driver.js';
import { probeKubectl } from '../clusters/preflight/kubectl.probe.js';
import type { PreflightItem, PreflightReport } from '../clusters/preflight/preflight.types.js';
import { SystemClock } from '../common/adapters/clock.js';
import { AppConfigService } from '../config/app-config.js';
import { loadLabs } from '../labs/lab-loader.js';

/**
 * `npm run doctor`: what this host has and lacks to run kubelab, with a fix in English and
 * German for each gap, then which labs this server can run. Exit code 1 when something
 * required is missing.
 */
async function main(): Promise<number> {
  const config = AppConfigService.fromEnv(process.env);
  const enabled = config.get('KUBELAB_ENVIRONMENTS');
  const clock = new SystemClock();
  const reports: Partial<Record<EnvironmentType, PreflightReport>> = {};
  if (enabled.includes('kind')) reports.kind = await new KindDriver(config, clock).preflight();
  if (enabled.includes('container'))
    reports.container = await new ContainerDriver(config, clock).preflight();
  const seen = new Set<string>();
  const items: PreflightItem[] = [
    { id: 'node', label: 'Node.js', required: true, ok: true, found: process.version },
    // Both drivers ask Docker: its line once.
    ...[...(reports.kind?.items ?? []), ...(reports.container?.items ?? [])].filter(
      (i) => !seen.has(i.id) && seen.add(i.id),
    ),
    await probeKubectl(),
  ];
  const { labs, problems } = loadLabs(config.get('KUBELAB_LABS_DIR'));
  items.push({
    id: 'labs',
    label: 'labs',
    required: false,
    ok: problems.length === 0,
    found: `${labs.length} valid, ${problems.length} problem(s) – details: npm run labs:check`,
  });

  console.log(
    `kubelab doctor – mode ${config.get('KUBELAB_MODE')}, database ${config.get('DATABASE_URL')}\n`,
  );
  for (const item of items) {
    const mark = item.ok ? 'ok     ' : item.required ? 'MISSING' : 'warning';
    console.log(`${mark}  ${item.label}${item.found ? `: ${item.found}` : ''}`);
    if (!item.ok) {
      if (item.problem) console.log(`         ${item.problem}`);
      if (item.fixEn) console.log(`         fix: ${item.fixEn}`);
      if (item.problemDe) console.log(`         ${item.problemDe}`);
      if (item.fixDe) console.log(`         Lösung: ${item.fixDe}`);
    }
  }
  console.log(`\nLabs on this server (KUBELAB_ENVIRONMENTS=${enabled.join(',')}):`);
  for (const lab of labs) {
    const answer = labAvailability(lab, reports[lab.environment], config.get('KUBELAB_MODE'));
    const blockers = answer.blockers.map((b) => b.label).join(', ');
    console.log(
      `${answer.available ? 'ok     ' : 'refused'}  ${lab.id}${blockers && ` – ${blockers}`}`,
    );
  }
  const missing = items.filter((i) => i.required && !i.ok);
  console.log(
    missing.length === 0
      ? '\nReady: kubelab can create environments on this host.'
      : `\nNot ready: ${missing.map((i) => i.label).join(', ')} missing. The server still runs; the start page shows the labs that need it as not available.`,
  );
  return missing.length === 0 ? 0 : 1;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 2;
  },
);
