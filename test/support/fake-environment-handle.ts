import fs from 'node:fs';
import path from 'node:path';
import type {
  EnvironmentHandle,
  ClusterNode,
  ExecOptions,
  ExecResult,
  ShellStream,
} from '../../src/clusters/environment-handle.js';
import type { Lab, LoadedStep } from '../../src/labs/lab.types.js';
import type { KubeReader } from '../../src/kube/kube-reader.js';
import type { GradeInput } from '../../src/grading/step-grader.js';
import type { TranscriptCommand } from '../../src/grading/transcript-reader.repository.js';
import { CLUSTER_STATE_DIR } from './fake-kube.js';

const OUTPUTS = path.join(CLUSTER_STATE_DIR, 'outputs');

type Recorded = Record<string, { exitCode: number; stdout: string; stderr: string }>;

/** A recorded run of a tool (outputs/<tool>.json, see outputs/README.md) as an exec result. */
export function recorded(tool: 'agnhost-connect' | 'curl-clientip', name: string): ExecResult {
  const runs = JSON.parse(fs.readFileSync(path.join(OUTPUTS, `${tool}.json`), 'utf8')) as Recorded;
  const run = runs[name];
  if (!run) throw new Error(`no recorded ${tool} run "${name}"`);
  return { exitCode: run.exitCode, stdout: run.stdout, stderr: run.stderr, timedOut: false };
}

/** A recorded stdout (outputs/<file>), e.g. `dig/showsearch-web-a.solved.txt`. */
export function recordedText(file: string): string {
  return fs.readFileSync(path.join(OUTPUTS, file), 'utf8');
}

export function ok(stdout = '', exitCode = 0): ExecResult {
  return { exitCode, stdout, stderr: '', timedOut: false };
}

/** An exec's result with what the test names; the rest empty, 0 or false. */
export function execResult(fields: Partial<ExecResult>): ExecResult {
  return { exitCode: 0, stdout: '', stderr: '', timedOut: false, ...fields };
}

/** The nodes of the recorded cluster (test/fixtures/cluster-state/kind-base.json). */
export const KIND_NODES: ClusterNode[] = [
  { name: 'kl-test-control-plane', role: 'control-plane', containerId: 'c0ffee000001' },
  { name: 'kl-test-worker', role: 'worker', containerId: 'c0ffee000002' },
  { name: 'kl-test-worker2', role: 'worker', containerId: 'c0ffee000003' },
];

interface Rule {
  target: string;
  argv: string[];
  results: ExecResult[];
}

/**
 * A stand-in EnvironmentHandle whose execs replay recorded tool output. A rule answers the execs in a
 * pod (`namespace/pod`) or node whose argv starts with the given words; the newest matching rule
 * wins, and its results are handed out in order (the last one repeats). An exec without a rule
 * answers like a missing binary, so a test that forgot one cannot pass by accident.
 */
export class FakeEnvironmentHandle implements EnvironmentHandle {
  readonly name = 'kl-test';
  readonly calls: { target: string; argv: string[]; options?: ExecOptions }[] = [];
  /** Every exec takes this long (for the benchmark-like timing tests). */
  delayMs = 0;
  private readonly rules: Rule[] = [];
  private execError?: Error;

  constructor(private readonly nodeList: ClusterNode[] = KIND_NODES) {}

  onPod(podKey: string, argvPrefix: string[], ...results: ExecResult[]): this {
    this.rules.push({ target: `pod:${podKey}`, argv: argvPrefix, results });
    return this;
  }

  onNode(node: string, argvPrefix: string[], ...results: ExecResult[]): this {
    this.rules.push({ target: `node:${node}`, argv: argvPrefix, results });
    return this;
  }

  /** Every exec fails before running anything, as when the Docker engine does not answer. */
  failExecs(error: Error): this {
    this.execError = error;
    return this;
  }

  kubeConfig(): Promise<string> {
    return Promise.reject(new Error('the fake cluster has no API server; use FakeKube'));
  }

  nodes(): Promise<ClusterNode[]> {
    return Promise.resolve(this.nodeList);
  }

  execInNode(node: string, argv: string[], options?: ExecOptions): Promise<ExecResult> {
    return this.exec(`node:${node}`, argv, options);
  }

  execInPod(
    namespace: string,
    pod: string,
    _container: string | undefined,
    argv: string[],
    options?: ExecOptions,
  ): Promise<ExecResult> {
    return this.exec(`pod:${namespace}/${pod}`, argv, options);
  }

  readonly unprivilegedShellNode = null;

  openShell(): Promise<ShellStream> {
    return Promise.reject(new Error('the fake cluster has no shells'));
  }

  private async exec(target: string, argv: string[], options?: ExecOptions): Promise<ExecResult> {
    this.calls.push({ target, argv, ...(options ? { options } : {}) });
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    if (this.execError) throw this.execError;
    const rule = this.rules.findLast(
      (r) => r.target === target && r.argv.every((word, i) => argv[i] === word),
    );
    if (!rule) {
      return {
        exitCode: 127,
        stdout: '',
        stderr: `sh: 1: ${argv[0] ?? ''}: not found (fake: no recorded output for ${target})`,
        timedOut: false,
      };
    }
    const result = rule.results.length > 1 ? rule.results.shift() : rule.results[0];
    return result ?? ok();
  }
}

/** A GradeInput for one check around stand-ins; only what a test sets is reachable. */
export function gradeInput(
  options: {
    kube?: KubeReader;
    handle?: EnvironmentHandle;
    answers?: Record<string, string>;
    transcript?: TranscriptCommand[];
    stepStartedAt?: Date;
    kubeProxyMode?: Lab['cluster']['kubeProxyMode'];
    environment?: Lab['environment'];
  } = {},
): GradeInput {
  const step = { id: 'schritt', checks: [], hints: [] } as unknown as LoadedStep;
  const unavailable = (what: string) => () => Promise.reject(new Error(`this test has no ${what}`));
  const startedAt = options.stepStartedAt ?? new Date('2026-11-23T09:00:00Z');
  return {
    lab: {
      id: '99-test',
      environment: options.environment ?? 'kind',
      steps: [step],
      cluster: { kubeProxyMode: options.kubeProxyMode ?? 'iptables' },
    } as unknown as Lab,
    step,
    answers: options.answers ?? {},
    handle: options.handle
      ? () => Promise.resolve(options.handle as EnvironmentHandle)
      : unavailable('cluster'),
    kube: options.kube ? () => Promise.resolve(options.kube as KubeReader) : unavailable('API'),
    transcript: (since) =>
      Promise.resolve((options.transcript ?? []).filter((c) => c.startedAt >= since)),
    stepStartedAt: startedAt,
  };
}
