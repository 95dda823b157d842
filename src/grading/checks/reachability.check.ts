import type { CheckEvaluator, CheckOutcome, CheckSpecOf } from '../check-evaluator.js';
import { key } from '../../kube/cluster-objects.js';
import { probePods, type ProbePod } from '../refs/pod-refs.js';
import { verdict } from '../outcome.js';
import { runProbes, type Probe } from '../probe/probe-runner.js';
import {
  compareMatrix,
  describeMismatches,
  normalizeExpectation,
  pairKey,
  podPairs,
} from '../reachability-matrix.js';
import type { GradeInput } from '../step-grader.js';

/** Probes every pair of the named pods (in both directions) and compares with the expected matrix. */
export class ReachabilityCheck implements CheckEvaluator<'reachability'> {
  readonly kind = 'reachability' as const;

  async evaluate(spec: CheckSpecOf<'reachability'>, input: GradeInput): Promise<CheckOutcome> {
    const kube = await input.kube();
    const pods = new Map<string, ProbePod>();
    for (const ref of spec.pods) {
      for (const pod of await probePods(kube, ref)) pods.set(key(pod), pod);
    }
    const names = [...pods.keys()];
    const expected = normalizeExpectation(spec.expect, names);
    const exceptions = new Set(expected.except);
    const probes: Probe[] = podPairs(names).map(([from, to]) => ({
      source: pods.get(from) as ProbePod,
      targetLabel: to,
      host: pods.get(to)?.ips[0] ?? '',
      port: spec.port,
      protocol: spec.protocol,
      expectConnected: exceptions.has(pairKey(from, to)) !== (expected.default === 'allow'),
    }));
    const outcomes = await runProbes(await input.handle(), probes);
    const results = new Map(outcomes.map((o) => [pairKey(key(o.source), o.targetLabel), o.result]));
    const { observed, mismatches } = compareMatrix(
      names,
      expected,
      (from, to) => results.get(pairKey(from, to)) === 'connected',
    );
    return verdict(spec, mismatches.length === 0, {
      pass: `Alle ${probes.length} Verbindungen auf Port ${spec.port}/${spec.protocol} verhalten sich wie verlangt.`,
      fail: describeMismatches(mismatches),
      expected: { ...expected, port: spec.port, protocol: spec.protocol },
      // The raw results name the cause (TIMEOUT: dropped, REFUSED: nothing listens) for hints.
      observed: { ...observed, results: Object.fromEntries(results) },
    });
  }
}
