/**
 * Figures for the grading engine (`npm run bench:grading`, after `npm run build`). Not a test:
 * it prints wall times against the targets of the grading issue.
 *  1. A step with 5 resource/answer checks and a 3×3 reachability matrix, against a stand-in
 *     cluster whose every exec takes 50 ms and every API request 5 ms (target ≤ 1 s).
 *  2. The NetworkPolicy evaluator: 200 pods, 50 policies, all 40,000 pairs (target ≤ 300 ms).
 */
import type { EnvironmentHandle, ClusterNode, ExecResult } from '../clusters/environment-handle.js';
import type { CheckSpec } from '../labs/schema/check.schema.js';
import type { Lab, LoadedStep } from '../labs/lab.types.js';
import { ALL_CHECKS } from '../grading/grading.module.js';
import type { KubeObject, KubeReader, ListRef, ObjectRef } from '../kube/kube-reader.js';
import { evaluateReachability } from '../grading/policy/reachability.js';
import { StepGraderService } from '../grading/step-grader.service.js';

const EXEC_MS = 50;
const API_MS = 5;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function pod(namespace: string, name: string, ip: string, labels: Record<string, string>) {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { namespace, name, labels },
    spec: { containers: [{ name: 'main', ports: [{ name: 'http', containerPort: 80 }] }] },
    status: {
      phase: 'Running',
      podIP: ip,
      conditions: [{ type: 'Ready', status: 'True' }],
    },
  };
}

/** An API over objects in memory; label selectors of the form `k=v` only. */
class MemoryKube implements KubeReader {
  constructor(private readonly objects: KubeObject[]) {}

  async get(ref: ObjectRef): Promise<KubeObject | undefined> {
    await sleep(API_MS);
    return this.objects.find((o) => {
      const meta = o.metadata as { name: string; namespace?: string };
      return o.kind === ref.kind && meta.name === ref.name && meta.namespace === ref.namespace;
    });
  }

  async list(ref: ListRef): Promise<KubeObject[]> {
    await sleep(API_MS);
    const [key, value] = (ref.labelSelector ?? '').split('=');
    return this.objects.filter((o) => {
      const meta = o.metadata as { namespace?: string; labels?: Record<string, string> };
      return (
        o.kind === ref.kind &&
        (!ref.namespace || meta.namespace === ref.namespace) &&
        (!key || meta.labels?.[key] === value)
      );
    });
  }
}

/** Every exec takes 50 ms; agnhost connects everywhere. */
class SlowHandle implements EnvironmentHandle {
  readonly name = 'kl-bench';
  execs = 0;
  kubeConfig = () => Promise.reject(new Error('no API server'));
  nodes = (): Promise<ClusterNode[]> => Promise.resolve([]);
  openShell = () => Promise.reject(new Error('no shells'));
  readonly unprivilegedShellNode = null;
  execInNode = () => this.exec();
  execInPod = () => this.exec();

  private async exec(): Promise<ExecResult> {
    this.execs += 1;
    await sleep(EXEC_MS);
    return { exitCode: 0, stdout: '', stderr: '', timedOut: false };
  }
}

async function benchStep(): Promise<{ ms: number; execs: number; statuses: string[] }> {
  const names = ['a', 'b', 'c'];
  const kube = new MemoryKube([
    ...names.map((n, i) => pod('x', n, `10.244.1.${i + 10}`, { pod: n, role: 'probe' })),
    { apiVersion: 'v1', kind: 'Node', metadata: { name: 'w' }, spec: { podCIDR: '10.244.1.0/24' } },
  ]);
  const running = { path: '{.status.phase}', equals: 'Running' };
  const checks: (CheckSpec & { id: string })[] = [
    ...names.map((n) => ({
      id: `pod-${n}`,
      kind: 'resource' as const,
      object: { apiVersion: 'v1', kind: 'Pod', namespace: 'x', name: n },
      expect: 'exists' as const,
      fields: [running],
    })),
    {
      id: 'alle-probes',
      kind: 'resource',
      object: { apiVersion: 'v1', kind: 'Pod', namespace: 'x', selector: 'role=probe' },
      expect: 'exists',
      count: { equals: 3 },
      fields: [],
    },
    {
      id: 'ip-von-a',
      kind: 'answer',
      prompt: 'IP von a?',
      type: 'ip',
      expected: {
        object: { apiVersion: 'v1', kind: 'Pod', namespace: 'x', name: 'a' },
        path: '{.status.podIP}',
      },
    },
    {
      id: 'matrix',
      kind: 'reachability',
      pods: [{ namespace: 'x', selector: 'role=probe' }],
      port: 80,
      protocol: 'TCP',
      expect: { default: 'allow', except: [] },
    },
  ];
  const step = { id: 'bench', checks, hints: [] } as unknown as LoadedStep;
  const handle = new SlowHandle();
  const grader = new StepGraderService(ALL_CHECKS());
  const started = performance.now();
  const results = await grader.grade({
    lab: { id: 'bench', steps: [step] } as unknown as Lab,
    step,
    answers: { 'ip-von-a': '10.244.1.10' },
    handle: () => Promise.resolve(handle),
    kube: () => Promise.resolve(kube),
    transcript: () => Promise.resolve([]),
    stepStartedAt: new Date(),
  });
  return {
    ms: performance.now() - started,
    execs: handle.execs,
    statuses: results.map((r) => `${r.id}:${r.status}`),
  };
}

/** 10 namespaces × 20 pods; 50 policies mixing pod/namespace selectors, ipBlocks and ports. */
function evaluatorCluster(): object[] {
  const objects: object[] = [];
  for (let n = 0; n < 10; n++) {
    const ns = `ns${n}`;
    objects.push({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: ns, labels: { team: `t${n % 3}` } },
    });
    for (let p = 0; p < 20; p++) {
      objects.push(
        pod(ns, `p${p}`, `10.244.${n}.${p + 2}`, {
          app: `app${p % 5}`,
          tier: p % 2 ? 'web' : 'db',
        }),
      );
    }
  }
  for (let i = 0; i < 50; i++) {
    const peer =
      i % 3 === 0
        ? { podSelector: { matchLabels: { app: `app${i % 5}` } } }
        : i % 3 === 1
          ? {
              namespaceSelector: { matchLabels: { team: `t${i % 3}` } },
              podSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['web'] }] },
            }
          : { ipBlock: { cidr: `10.244.${i % 10}.0/24`, except: [`10.244.${i % 10}.8/30`] } };
    objects.push({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { namespace: `ns${i % 10}`, name: `np${i}` },
      spec: {
        podSelector: i % 4 === 0 ? {} : { matchLabels: { app: `app${i % 5}` } },
        policyTypes: i % 2 ? ['Ingress', 'Egress'] : ['Ingress'],
        ingress: [{ from: [peer], ports: [{ port: i % 2 ? 80 : 'http', protocol: 'TCP' }] }],
        ...(i % 2 ? { egress: [{ to: [peer] }] } : {}),
      },
    });
  }
  return objects;
}

function benchEvaluator(): { pairs: number; allowed: number; runs: number[] } {
  const objects = evaluatorCluster();
  const runs: number[] = [];
  let pairs = 0;
  let allowed = 0;
  for (let run = 0; run < 5; run++) {
    const started = performance.now();
    const results = evaluateReachability(objects, { port: 80, protocol: 'TCP' });
    runs.push(performance.now() - started);
    pairs = results.length;
    allowed = results.filter((r) => r.allowed).length;
  }
  return { pairs, allowed, runs };
}

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

const step = await benchStep();
console.log(
  `step: 5 resource/answer checks + 3×3 reachability, exec ${EXEC_MS} ms, API ${API_MS} ms: ` +
    `${fmt(step.ms)} wall (target ≤ 1000 ms), ${step.execs} execs [${step.statuses.join(', ')}]`,
);
const evaluator = benchEvaluator();
const sorted = [...evaluator.runs].sort((a, b) => a - b);
console.log(
  `evaluator: 200 pods, 50 policies, ${evaluator.pairs} pairs (${evaluator.allowed} allowed): ` +
    `first ${fmt(evaluator.runs[0] ?? 0)}, median ${fmt(sorted[2] ?? 0)} (target ≤ 300 ms)`,
);
