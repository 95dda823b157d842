import { upstreamPath } from './upstream.js';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { Protocol } from '../../src/grading/policy/policy-model.js';

/**
 * Loaders for the upstream NetworkPolicy truth data in test/fixtures/upstream/netpol (see its README,
 * section 1). They turn each case state into API-shaped objects, as `kubectl get -o json` has them.
 */
export const NETPOL_TRUTH_DIR = upstreamPath('netpol');

export type Matrix = Record<string, Record<string, boolean>>;

interface TruthPod {
  namespace: string;
  name: string;
  labels: Record<string, string>;
  ip: string;
  containerPorts: { name: string; containerPort: number; protocol: Protocol }[];
}

interface TruthState {
  namespaces: Record<string, Record<string, string>>;
  pods: TruthPod[];
  policies: object[];
}

interface TruthFile {
  cases: {
    id: string;
    test: string;
    suite: string;
    steps: {
      step: number;
      state: TruthState;
      probes: { port: number; protocol: Protocol; expected: Matrix }[];
    }[];
  }[];
}

/** One expected matrix: a case, one of its steps and one (port, protocol). */
export interface E2eProbe {
  name: string;
  caseId: string;
  step: number;
  port: number;
  protocol: Protocol;
  objects: object[];
  expected: Matrix;
}

export function loadE2eProbes(file: string): E2eProbe[] {
  const truth = JSON.parse(fs.readFileSync(path.join(NETPOL_TRUTH_DIR, file), 'utf8')) as TruthFile;
  return truth.cases.flatMap((c) =>
    c.steps.flatMap((s) =>
      s.probes.map((p) => ({
        name: `${c.id} "${c.test}" (${c.suite}) step ${s.step} ${p.port}/${p.protocol}`,
        caseId: c.id,
        step: s.step,
        port: p.port,
        protocol: p.protocol,
        objects: stateToObjects(s.state),
        expected: p.expected,
      })),
    ),
  );
}

export function stateToObjects(state: TruthState): object[] {
  const namespaces = Object.entries(state.namespaces).map(([name, labels]) => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, labels },
  }));
  const pods = state.pods.map((p) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: p.name, namespace: p.namespace, labels: p.labels },
    spec: { containers: [{ name: 'server', ports: p.containerPorts }] },
    status: { phase: 'Running', podIP: p.ip },
  }));
  return [{ apiVersion: 'v1', kind: 'List', items: [...namespaces, ...pods, ...state.policies] }];
}

/** The synthesized kubectl `List` bundles, keyed `<case id>#<step>`. */
export function loadKubectlBundles(): Map<string, object[]> {
  const file = path.join(NETPOL_TRUTH_DIR, 'k8s-e2e-netpol-cases.latest.kubectl-bundles.json');
  const { bundles } = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    bundles: { case: string; step: number; [list: string]: unknown }[];
  };
  return new Map(
    bundles.map(({ case: id, step, ...lists }) => [
      `${id}#${step}`,
      Object.values(lists) as object[],
    ]),
  );
}

interface PolicyAssistantCase {
  name: string;
  namespaces: string[];
  pods: string[];
  ports: number[];
  protocols: Protocol[];
  policies: object[];
  expected: {
    defaultIngress: 'Allowed' | 'Blocked';
    defaultEgress: 'Allowed' | 'Blocked';
    nonDefaultIngress: [string, string, number, Protocol][];
    nonDefaultEgress: [string, string, number, Protocol][];
  };
}

export interface FlowExpectation {
  from: string;
  to: string;
  port: number;
  protocol: Protocol;
  allowed: boolean;
}

/**
 * policy-assistant's harness: every flow has the default ingress/egress verdict except the listed
 * ones, which have the opposite. Flows from a pod to itself are not part of its expectations.
 */
export function loadPolicyAssistantCases(): {
  name: string;
  objects: object[];
  flows: FlowExpectation[];
}[] {
  const text = fs.readFileSync(
    path.join(NETPOL_TRUTH_DIR, 'policy-assistant-v1-cases.yaml'),
    'utf8',
  );
  const { cases } = parse(text) as { cases: PolicyAssistantCase[] };
  return cases.map((c) => {
    const ports = c.ports.flatMap((port) =>
      c.protocols.map((protocol) => ({
        name: `serve-${port}-${protocol.toLowerCase()}`,
        containerPort: port,
        protocol,
      })),
    );
    const pods = c.namespaces.flatMap((namespace) =>
      c.pods.map((name) => ({
        kind: 'Pod',
        metadata: { namespace, name, labels: { pod: name } },
        spec: { containers: [{ name: 'server', ports }] },
      })),
    );
    const namespaces = c.namespaces.map((name) => ({
      kind: 'Namespace',
      metadata: { name, labels: { 'kubernetes.io/metadata.name': name, ns: name } },
    }));
    const keys = pods.map((p) => `${p.metadata.namespace}/${p.metadata.name}`);
    const listed = (list: PolicyAssistantCase['expected']['nonDefaultIngress']) =>
      new Set(list.map((f) => f.join(' ')));
    const flippedIngress = listed(c.expected.nonDefaultIngress);
    const flippedEgress = listed(c.expected.nonDefaultEgress);
    const flows = keys.flatMap((from) =>
      keys
        .filter((to) => to !== from)
        .flatMap((to) =>
          c.ports.flatMap((port) =>
            c.protocols.map((protocol) => {
              const flow = [from, to, port, protocol].join(' ');
              const ingress =
                (c.expected.defaultIngress === 'Allowed') !== flippedIngress.has(flow);
              const egress = (c.expected.defaultEgress === 'Allowed') !== flippedEgress.has(flow);
              return { from, to, port, protocol, allowed: ingress && egress };
            }),
          ),
        ),
    );
    return { name: c.name, objects: [...namespaces, ...pods, ...c.policies], flows };
  });
}
