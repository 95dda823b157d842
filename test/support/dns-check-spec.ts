import type { CheckSpecOf } from '../../src/grading/check-evaluator.js';

/** A dns check as labs write it: „web“ from lab/probe resolves to the ClusterIP of lab/web. */
export function dnsCheckSpec(overrides: Partial<CheckSpecOf<'dns'>> = {}): CheckSpecOf<'dns'> {
  return {
    id: 'web-dns',
    kind: 'dns',
    from: { namespace: 'lab', pod: 'probe' },
    query: 'web',
    type: 'A',
    expect: { serviceIp: { namespace: 'lab', name: 'web' } },
    ...overrides,
  };
}
