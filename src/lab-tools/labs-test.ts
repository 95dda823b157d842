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
import { KindLabTarget } from './kind-lab-target.js';
import { runLabsTest } from './labs-test.command.js';
import { sharedModeTarget } from './shared-mode-target.js';

/**
 * `npm run labs:test -- [lab-id …] [--mode local|shared|all] [--keep]`: the labs against real kind
 * clusters (needs kind), each in every mode it claims unless `--mode` picks one.
 */
configureGermanMessages();
const config = AppConfigService.fromEnv(process.env);
const driver = new KindDriver(config, new SystemClock());
const kube = new KubeClients();
const setup = new LabSetupService(kube, config);
const grader = new StepGraderService(ALL_CHECKS());
const log = (line: string) => console.log(line);

process.exitCode = await runLabsTest(process.argv.slice(2), {
  labs: () => loadLabs(config.get('KUBELAB_LABS_DIR')),
  preflight: () => driver.preflight(),
  target: (_lab, name, mode) => {
    if (mode === 'shared') return sharedModeTarget();
    return new KindLabTarget({
      driver,
      setup,
      grader,
      kube,
      dockerEndpoint: config.get('KUBELAB_DOCKER_HOST'),
      name,
      kubeconfigPath: kubeconfigPath(config.get('KUBELAB_CLUSTER_DIR'), name),
      log,
    });
  },
  print: log,
  settle: { attempts: 20, delayMs: 3000 },
});
