import type {
  EnvironmentHandle,
  ExecOptions,
  ExecResult,
} from '../../../src/clusters/environment-handle.js';
import type { Protocol } from '../../../src/grading/policy/policy-model.js';
import type { SimCluster } from './sim-cluster.js';
import { SimNetwork } from './sim-network.js';

const NOT_SIMULATED: ExecResult = {
  exitCode: 127,
  stdout: '',
  stderr: 'exec: executable file not found in $PATH (not simulated)',
  timedOut: false,
};

/**
 * The simulated cluster's exec: `/agnhost connect` and `dig +search … A` in a pod answer as the
 * pod network and CoreDNS would (SimNetwork); every other tool is "not found", so checks that
 * need it report `error`.
 */
export class SimClusterHandle implements EnvironmentHandle {
  readonly name = 'kl-sim';

  constructor(private readonly sim: SimCluster) {}

  kubeConfig(): Promise<string> {
    return Promise.reject(new Error('the simulated cluster has no API endpoint'));
  }

  nodes() {
    return Promise.resolve([]);
  }

  execInNode(): Promise<ExecResult> {
    return Promise.resolve(NOT_SIMULATED);
  }

  execInPod(
    namespace: string,
    pod: string,
    _container: string | undefined,
    argv: string[],
    _options?: ExecOptions,
  ): Promise<ExecResult> {
    const network = new SimNetwork(this.sim.list());
    if (argv[0] === 'dig' && argv.includes('+search') && argv.at(-1) === 'A') {
      const name = argv.at(-2) ?? '';
      return Promise.resolve({
        ...network.dig({ namespace, name: pod }, name),
        stderr: '',
        timedOut: false,
      });
    }
    if (argv[0] !== '/agnhost' || argv[1] !== 'connect') return Promise.resolve(NOT_SIMULATED);
    const target = argv[2] ?? '';
    const at = target.lastIndexOf(':');
    const protocol = (
      argv.find((a) => a.startsWith('--protocol='))?.split('=')[1] ?? 'tcp'
    ).toUpperCase() as Protocol;
    const result = network.connect(
      { namespace, name: pod },
      target.slice(0, at),
      Number(target.slice(at + 1)),
      protocol,
    );
    return Promise.resolve(
      result === 'connected'
        ? { exitCode: 0, stdout: '', stderr: '', timedOut: false }
        : { exitCode: 1, stdout: '', stderr: `${result}: simulated\n`, timedOut: false },
    );
  }

  readonly unprivilegedShellNode = null;

  openShell(): Promise<never> {
    return Promise.reject(new Error('the simulated cluster has no shells'));
  }
}
