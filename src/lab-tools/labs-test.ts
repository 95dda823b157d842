import { dockerEnginesOf } from '../clusters/engines/docker-engines.js';
import { KindDriver } from '../clusters/kind/kind.driver.js';
import { kubeconfigPath } from '../clusters/kind/kind-cluster-name.js';
import { SystemClock } from '../common/adapters/clock.js';
import { configureGermanMessages } from '../common/zod-locale.js';
import { AppConfigService } from '../config/app-config.js';
import { ALL_CHECKS } from '../grading/grading.module.js';
import { StepGraderService } from '../grading/step-grader.service.js';
import { LabSetupService } from '../sessions/lab-setup.service.js';
import { KubeClients } from '../kube/kube-clients.js';
import { loadLabs } from '../labs/lab-loader.js';
import { LearnerAccessService } from '../sessions/access/learner-access.service.js';
import type { LabMode } from '../labs/modes/lab-mode.js';
import { kindLabTarget } from './kind-lab-target.js';
import { LabTestKnoten } from './lab-test-knoten.js';
import { runLabsTest } from './labs-test.command.js';

/**
 * `npm run labs:test -- [lab-id …] [--mode local|shared|all] [--keep]`: the labs against real kind
 * clusters (needs kind), each in every mode it claims unless `--mode` picks one.
 */
configureGermanMessages();
const config = AppConfigService.fromEnv(process.env);
/** Per mode a driver: in shared mode it makes each cluster with the learner's toolbox. */
const drivers: Record<LabMode, KindDriver> = {
  local: new KindDriver(
    AppConfigService.fromEnv({ ...process.env, KUBELAB_MODE: 'local' }),
    new SystemClock(),
  ),
  shared: new KindDriver(
    AppConfigService.fromEnv({ ...process.env, KUBELAB_MODE: 'shared' }),
    new SystemClock(),
  ),
};
const driver = drivers.local;
const kube = new KubeClients();
const setup = new LabSetupService(kube, config);
const access = new LearnerAccessService(kube, config);
const knoten = new LabTestKnoten();
const grader = new StepGraderService(ALL_CHECKS());
const log = (line: string) => console.log(line);
const dockerEndpoint = await engineForLabsTest();

process.exitCode = await runLabsTest(process.argv.slice(2), {
  labs: () => loadLabs(config.get('KUBELAB_LABS_DIR')),
  preflight: () => driver.preflight(dockerEndpoint),
  target: (_lab, name, mode) =>
    kindLabTarget(mode, {
      driver: drivers[mode],
      setup,
      access,
      knoten: (handle) => knoten.credentials(handle),
      grader,
      kube,
      dockerEndpoint,
      name,
      kubeconfigPath: kubeconfigPath(config.get('KUBELAB_CLUSTER_DIR'), name),
      log,
    }),
  print: log,
  settle: { attempts: 20, delayMs: 3000 },
});
await knoten.close();

/**
 * With several engines (KUBELAB_DOCKER_HOSTS) the labs run on the first whose kind preflight
 * passes, else on the first, whose report then says what is missing.
 */
async function engineForLabsTest(): Promise<string> {
  const engines = dockerEnginesOf(config).all();
  if (engines.length === 1) return engines[0].endpoint;
  const reports = await Promise.all(engines.map((e) => driver.preflight(e.endpoint)));
  const engine =
    engines[
      Math.max(
        0,
        reports.findIndex((r) => r.ok),
      )
    ];
  log(`labs:test on Docker engine ${engine.name} (${engine.endpoint})`);
  return engine.endpoint;
}
