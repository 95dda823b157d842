import { KindDriver } from '../clusters/kind/kind.driver.js';
import { probeKubectl } from '../clusters/preflight/kubectl.probe.js';
import type { PreflightItem } from '../clusters/preflight/preflight.types.js';
import { SystemClock } from '../common/adapters/clock.js';
import { AppConfigService } from '../config/app-config.js';
import { loadLabs } from '../labs/lab-loader.js';

/**
 * `npm run doctor`: what this host has and lacks to run kubelab, with a fix in English and
 * German for each gap. Exit code 1 when something required is missing.
 */
async function main(): Promise<number> {
  const config = AppConfigService.fromEnv(process.env);
  const report = await new KindDriver(config, new SystemClock()).preflight();
  const items: PreflightItem[] = [
    { id: 'node', label: 'Node.js', required: true, ok: true, found: process.version },
    ...report.items,
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
  const missing = items.filter((i) => i.required && !i.ok);
  console.log(
    missing.length === 0
      ? '\nReady: kubelab can create kind clusters on this host.'
      : `\nNot ready: ${missing.map((i) => i.label).join(', ')} missing. The server still runs; sessions end "unavailable".`,
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
