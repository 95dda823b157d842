import {
  execResult,
  FakeEnvironmentHandle,
  recorded,
} from '../../../test/support/fake-environment-handle.js';
import type { ExecResult } from '../../clusters/environment-handle.js';
import type { ProbePod } from '../refs/pod-refs.js';
import { runProbes, type Probe } from './probe-runner.js';

const source: ProbePod = {
  namespace: 'lab',
  name: 'probe',
  labels: {},
  phase: 'Running',
  ready: true,
  ips: ['10.244.1.2'],
};

function probes(count: number, expectConnected = true): Probe[] {
  return Array.from({ length: count }, (_, i) => ({
    source,
    targetLabel: `lab/p${i}`,
    host: `10.244.2.${i + 10}`,
    port: 80,
    protocol: 'TCP' as const,
    expectConnected,
  }));
}

/** The probe pod answers every `agnhost` call with these results, in turn (the last repeats). */
const probeAnswers = (...results: ExecResult[]) =>
  new FakeEnvironmentHandle().onPod('lab/probe', ['/agnhost'], ...results);

describe(runProbes.name, () => {
  it('runs probes in parallel, at most 8 at a time, keeping their order', async () => {
    const handle = probeAnswers(recorded('agnhost-connect', 'tcp-connected'));
    handle.delayMs = 40;
    let inFlight = 0;
    let most = 0;
    const execInPod = handle.execInPod.bind(handle);
    handle.execInPod = async (...args) => {
      most = Math.max(most, ++inFlight);
      try {
        return await execInPod(...args);
      } finally {
        inFlight -= 1;
      }
    };

    const started = performance.now();
    const outcomes = await runProbes(handle, probes(12));

    expect(most).toBe(8);
    expect(performance.now() - started).toBeLessThan(12 * 40);
    expect(outcomes.map((o) => o.targetLabel)).toEqual(probes(12).map((p) => p.targetLabel));
    expect(outcomes.every((o) => o.result === 'connected' && o.attempts === 1)).toBe(true);
  });

  it('measures an unexpected result once more and keeps the second', async () => {
    const handle = probeAnswers(
      recorded('agnhost-connect', 'tcp-connected'),
      recorded('agnhost-connect', 'tcp-timeout'),
    );

    const [outcome] = await runProbes(handle, probes(1, false));

    expect(outcome).toMatchObject({ result: 'TIMEOUT', attempts: 2 });
  });

  it('does not repeat an expected result', async () => {
    const handle = probeAnswers(recorded('agnhost-connect', 'tcp-timeout'));

    const [outcome] = await runProbes(handle, probes(1, false));

    expect(outcome).toMatchObject({ result: 'TIMEOUT', attempts: 1 });
    expect(handle.calls).toHaveLength(1);
  });

  it('cannot look when agnhost answers with something that is no measurement', async () => {
    const handle = probeAnswers(
      execResult({ exitCode: 1, stderr: 'Error: unknown flag: --timeot' }),
    );

    await expect(runProbes(handle, probes(1))).rejects.toThrow('lieferte kein lesbares Ergebnis');
  });

  it('cannot look when the exec itself runs out of time', async () => {
    const handle = probeAnswers(execResult({ exitCode: 137, timedOut: true }));

    await expect(runProbes(handle, probes(1))).rejects.toThrow('hat nicht rechtzeitig geantwortet');
  });
});
