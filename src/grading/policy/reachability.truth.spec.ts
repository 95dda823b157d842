import { loadNpGuardDemo } from '../../../test/support/np-guard-demo.js';
import {
  type Matrix,
  loadE2eProbes,
  loadKubectlBundles,
  loadPolicyAssistantCases,
} from '../../../test/support/netpol-truth.js';
import { type Probe, evaluateReachability } from './reachability.js';

/** Cells where the evaluator disagrees with the upstream matrix, loopback excluded as upstream. */
function mismatches(objects: unknown, probe: Probe, expected: Matrix): string[] {
  return evaluateReachability(objects, probe)
    .filter(({ from, to }) => from !== to && expected[from]?.[to] !== undefined)
    .filter(({ from, to, allowed }) => expected[from]?.[to] !== allowed)
    .map(({ from, to, allowed }) => `${from} -> ${to}: ${allowed ? 'allowed' : 'denied'}`);
}

function expectedCells(expected: Matrix): number {
  return Object.entries(expected).reduce(
    (n, [from, row]) => n + Object.keys(row).filter((to) => to !== from).length,
    0,
  );
}

describe('NetworkPolicy evaluator against upstream truth data', () => {
  const latest = loadE2eProbes('k8s-e2e-netpol-cases.latest.json');
  const full3x3 = loadE2eProbes('k8s-e2e-netpol-cases.full3x3.json');

  it('loads all upstream e2e matrices', () => {
    expect(latest).toHaveLength(65);
    expect(full3x3.length).toBeGreaterThanOrEqual(65);
    expect(full3x3.every((p) => Object.keys(p.expected).length === 9)).toBe(true);
  });

  describe('kubernetes e2e network_policy.go (latest)', () => {
    it.each(latest.map((p) => [p.name, p] as const))('%s', (_name, p) => {
      expect(expectedCells(p.expected)).toBeGreaterThan(0);
      expect(mismatches(p.objects, p, p.expected)).toEqual([]);
    });
  });

  describe('kubernetes e2e network_policy.go (older version, all 9 pods)', () => {
    it.each(full3x3.map((p) => [p.name, p] as const))('%s', (_name, p) => {
      expect(mismatches(p.objects, p, p.expected)).toEqual([]);
    });
  });

  describe('kubectl List bundles of the latest cases', () => {
    const bundles = loadKubectlBundles();
    it('has a bundle for every case step', () => {
      expect(new Set(latest.map((p) => `${p.caseId}#${p.step}`))).toEqual(new Set(bundles.keys()));
    });
    it.each(latest.map((p) => [p.name, p] as const))('%s', (_name, p) => {
      const objects = bundles.get(`${p.caseId}#${p.step}`);
      expect(objects).toBeDefined();
      expect(mismatches(objects, p, p.expected)).toEqual([]);
    });
  });

  describe('policy-assistant TestNetPolV1Connectivity', () => {
    it.each(loadPolicyAssistantCases().map((c) => [c.name, c] as const))('%s', (_name, c) => {
      const wrong = c.flows.filter(
        (f) =>
          evaluateReachability(c.objects, f).find((r) => r.from === f.from && r.to === f.to)
            ?.allowed !== f.allowed,
      );
      expect(wrong).toEqual([]);
    });
  });

  it('np-guard acs-security-demos: exactly the golden connections on TCP 8080', () => {
    const { objects, allowed } = loadNpGuardDemo();
    const results = evaluateReachability(objects, { port: 8080, protocol: 'TCP' });
    expect(results).toHaveLength(11 * 11);
    const actual = results
      .filter((r) => r.allowed && r.from !== r.to)
      .map((r) => `${r.from} -> ${r.to} TCP 8080`);
    expect(new Set(actual)).toEqual(allowed);
  });
});
