import type { EnvironmentHandle } from '../../clusters/environment-handle.js';
import { CannotCheckError } from '../check-errors.js';
import type { ProbePod } from '../refs/pod-refs.js';
import type { Protocol } from '../policy/policy-model.js';
import {
  CONNECT_TIMEOUT_SECONDS,
  connectArgv,
  readConnectResult,
  type ConnectResult,
} from '../../clusters/probe/agnhost-connect.js';
import { execInProbe } from './tool-exec.js';
import { mapLimit } from './map-limit.js';

export interface Probe {
  source: ProbePod;
  /** What the learner sees, e.g. `lab/web` or `Service lab/web`. */
  targetLabel: string;
  host: string;
  port: number;
  protocol: Protocol;
  expectConnected: boolean;
}

export interface ProbeOutcome extends Probe {
  result: ConnectResult;
  /** 2 when the first result was unexpected and the probe ran again. */
  attempts: number;
}

/** Enough parallel execs to finish a 3×3 matrix in one round without flooding the API server. */
const CONCURRENCY = 8;
/** agnhost's own timeout plus the exec's start-up, generously. */
const EXEC_TIMEOUT_MS = (CONNECT_TIMEOUT_SECONDS + 7) * 1000;

/**
 * Runs every probe from inside its source pod, several at once. A result that contradicts the
 * expectation is measured once more and the second result counts: a single lost SYN or a
 * policy that the CNI is still programming should not fail a learner.
 */
export function runProbes(
  handle: EnvironmentHandle,
  probes: readonly Probe[],
): Promise<ProbeOutcome[]> {
  return mapLimit(probes, CONCURRENCY, async (probe) => {
    const first = await measure(handle, probe);
    if ((first === 'connected') === probe.expectConnected) {
      return { ...probe, result: first, attempts: 1 };
    }
    return { ...probe, result: await measure(handle, probe), attempts: 2 };
  });
}

async function measure(handle: EnvironmentHandle, probe: Probe): Promise<ConnectResult> {
  const argv = connectArgv(probe.host, probe.port, probe.protocol);
  const output = await execInProbe(handle, probe.source, argv, EXEC_TIMEOUT_MS);
  const result = readConnectResult(output, probe.protocol);
  if (!result) {
    throw new CannotCheckError(
      `Die Messung im Prüf-Pod „${probe.source.name}“ (Namespace „${probe.source.namespace}“) lieferte kein lesbares Ergebnis. Bitte gib der Kursleitung Bescheid.`,
      `exit ${output.exitCode}: ${output.stderr.trim()}`,
    );
  }
  return result;
}
