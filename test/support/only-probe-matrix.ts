import type { CheckSpecOf } from '../../src/grading/check-evaluator.js';

/**
 * Lab 01's matrix "only probe may reach the others on 8080/TCP" (lab-solved.json:
 * default-deny-ingress + allow-from-probe), as a reachability or a policy check: the two kinds
 * share one schema. `except` replaces the allowed pairs.
 */
export function onlyProbeMatrix<K extends 'reachability' | 'policy'>(
  kind: K,
  except = ['lab/probe -> lab/echo', 'lab/probe -> lab/other'],
): CheckSpecOf<K> {
  return {
    id: 'nur-probe',
    kind,
    pods: [
      { namespace: 'lab', pod: 'probe' },
      { namespace: 'lab', selector: 'app in (other,echo)' },
    ],
    port: 8080,
    protocol: 'TCP',
    expect: { default: 'deny', except },
  } as CheckSpecOf<K>;
}
