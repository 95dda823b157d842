import type { CheckSpec } from '../../labs/schema/check.schema.js';
import { CannotCheckError } from '../check-errors.js';
import type { CheckEvaluator, CheckOutcome } from '../check-evaluator.js';
import { key } from '../../kube/cluster-objects.js';
import { findPods } from '../refs/pod-refs.js';
import { verdict } from '../outcome.js';
import { parseClusterState } from '../policy/cluster-state.js';
import { explainCompiled } from '../policy/explain.js';
import { compileCluster, type CompiledCluster } from '../policy/policy-index.js';
import { podKey } from '../policy/policy-model.js';
import { isConnectionAllowed } from '../policy/reachability.js';
import { compareMatrix, describeMismatches } from '../reachability-matrix.js';
import type { GradeInput } from '../step-grader.js';

type PolicySpec = Extract<CheckSpec, { kind: 'policy' }>;

/**
 * What the learner's NetworkPolicies mean, whatever their YAML looks like: the live namespaces,
 * pods and policies go through the evaluator (src/grading/policy) and the resulting matrix over
 * the named pods is compared with the expected one. Nothing is sent over the network.
 */
export class PolicyCheck implements CheckEvaluator<'policy'> {
  readonly kind = 'policy' as const;

  async evaluate(spec: PolicySpec & { id: string }, input: GradeInput): Promise<CheckOutcome> {
    const kube = await input.kube();
    const [namespaces, pods, policies] = await Promise.all([
      kube.list({ apiVersion: 'v1', kind: 'Namespace' }),
      kube.list({ apiVersion: 'v1', kind: 'Pod' }),
      kube.list({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy' }),
    ]);
    const cluster = compileCluster(parseClusterState([namespaces, pods, policies]));
    const names: string[] = [];
    for (const ref of spec.pods) {
      const found = await findPods(kube, ref);
      const missing = found.find((p) => !cluster.podIndex.has(key(p)));
      if (found.length === 0 || missing) {
        const what = missing ? key(missing) : `${ref.namespace}/${ref.pod ?? ref.selector ?? ''}`;
        throw new CannotCheckError(
          `Der Pod „${what}“, den diese Prüfung braucht, läuft nicht. Bitte gib der Kursleitung Bescheid.`,
        );
      }
      names.push(...found.map(key).filter((n) => !names.includes(n)));
    }
    const probe = { port: spec.port, protocol: spec.protocol };
    const { observed, mismatches } = compareMatrix(names, spec.expect, (from, to) =>
      isConnectionAllowed(
        cluster,
        cluster.podIndex.get(from) as number,
        cluster.podIndex.get(to) as number,
        probe,
      ),
    );
    const [first] = mismatches;
    const explanation = first
      ? explainCompiled(cluster, first.from, first.to, probe).text.filter((line) => line !== '')
      : [];
    return verdict(spec, mismatches.length === 0, {
      pass: `Deine NetworkPolicies erlauben und blockieren genau die verlangten Verbindungen auf Port ${spec.port}/${spec.protocol}.`,
      fail: describeMismatches(mismatches),
      detail:
        mismatches.length === 0
          ? undefined
          : [describeMismatches(mismatches), ...explanation].join('\n'),
      expected: { ...spec.expect, port: spec.port, protocol: spec.protocol },
      observed: {
        ...observed,
        selectedPods: selectedPods(cluster),
        // Why the first differing connection is what it is, rule by rule (German).
        ...(first ? { explanation } : {}),
      },
    });
  }
}

/** Per policy, how many pods it selects: a policy selecting none usually has wrong labels. */
function selectedPods(cluster: CompiledCluster): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(
    cluster.state.policies.map((p) => [podKey(p), 0]),
  );
  cluster.pods.forEach((_, i) => {
    const isolating = [
      ...(cluster.ingress[i]?.isolatedBy ?? []),
      ...(cluster.egress[i]?.isolatedBy ?? []),
    ];
    for (const policy of new Set(isolating.map(podKey))) counts[policy] = (counts[policy] ?? 0) + 1;
  });
  return counts;
}
