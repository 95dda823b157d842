import type { EnvironmentType } from '../clusters/environment-driver.js';
import { ContainerDriver } from '../clusters/container/container.driver.js';
import { dockerEnginesOf } from '../clusters/engines/docker-engines.js';
import { KindDriver } from '../clusters/kind/kind.driver.js';
import { probeKubectl } from '../clusters/preflight/kubectl.probe.js';
import type { PreflightItem } from '../clusters/preflight/preflight.types.js';
import { SystemClock } from '../common/adapters/clock.js';
import { AppConfigService } from '../config/app-config.js';
import { loadLabs } from '../labs/lab-loader.js';
import { engineItems, labOnEngines, readiness, type EngineReports } from './engine-readiness.js';

/**
 * `npm run doctor`: what each Docker engine (KUBELAB_DOCKER_HOSTS) and this host have and lack
 * to run kubelab, with a fix in English and German for each gap, then which labs this server
 * can run (a lab runs when some engine can hold it). Exit code 1 when an enabled environment
 * type has no engine with all it requires.
 */
async function main(): Promise<number> {
  const config = AppConfigService.fromEnv(process.env);
  const enabled = config.get('KUBELAB_ENVIRONMENTS');
  const clock = new SystemClock();
  const drivers: Partial<Record<EnvironmentType, KindDriver | ContainerDriver>> = {};
  if (enabled.includes('kind')) drivers.kind = new KindDriver(config, clock);
  if (enabled.includes('container')) drivers.container = new ContainerDriver(config, clock);
  const engines: EngineReports[] = await Promise.all(
    dockerEnginesOf(config)
      .all()
      .map(async (engine) => ({
        engine,
        reports: {
          ...(drivers.kind ? { kind: await drivers.kind.preflight(engine.endpoint) } : {}),
          ...(drivers.container
            ? { container: await drivers.container.preflight(engine.endpoint) }
            : {}),
        },
      })),
  );
  const { labs, problems } = loadLabs(config.get('KUBELAB_LABS_DIR'));
  const server: PreflightItem[] = [
    { id: 'node', label: 'Node.js', required: true, ok: true, found: process.version },
    await probeKubectl(),
    {
      id: 'labs',
      label: 'labs',
      required: false,
      ok: problems.length === 0,
      found: `${labs.length} valid, ${problems.length} problem(s) – details: npm run labs:check`,
    },
  ];

  console.log(
    `kubelab doctor – mode ${config.get('KUBELAB_MODE')}, database ${config.get('DATABASE_URL')}\n`,
  );
  console.log('This server:');
  printItems(server);
  for (const e of engines) {
    console.log(
      `\nDocker engine ${e.engine.name} – ${e.engine.endpoint}, capacity ${e.engine.capacity}:`,
    );
    printItems(engineItems(e));
  }

  console.log(`\nLabs on this server (KUBELAB_ENVIRONMENTS=${enabled.join(',')}):`);
  const several = engines.length > 1;
  for (const lab of labs) {
    const answer = labOnEngines(lab, engines, config.get('KUBELAB_MODE'));
    const where = several && answer.available ? ` (on ${answer.engines.join(', ')})` : '';
    const blockers = answer.blockers && ` – ${answer.available ? 'not on ' : ''}${answer.blockers}`;
    console.log(`${answer.available ? 'ok     ' : 'refused'}  ${lab.id}${where}${blockers}`);
  }

  const { ready, gaps, warnings } = readiness(engines, enabled);
  if (warnings.length > 0) console.log('');
  for (const warning of warnings) console.log(`warning: ${warning}`);
  console.log(
    ready
      ? '\nReady: kubelab can create environments on this server.'
      : `\nNot ready: ${gaps.join('; ')}. The server still runs; the start page shows the labs that need it as not available.`,
  );
  return ready ? 0 : 1;
}

function printItems(items: PreflightItem[]): void {
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
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 2;
  },
);
