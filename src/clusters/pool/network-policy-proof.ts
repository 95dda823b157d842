import { poll } from '../../common/poll.js';
import type { EnvironmentHandle, ExecResult } from '../environment-handle.js';
import type { KubeReader, ObjectRef } from '../../kube/kube-reader.js';
import { connectArgv, readConnectResult, type ConnectResult } from '../probe/agnhost-connect.js';
import type { KubeApplier } from '../../kube/kube-applier.js';
import type { KubeClients } from '../../kube/kube-clients.js';
import { notReady } from '../../kube/object-readiness.js';
import {
  CLIENT,
  DEFAULT_DENY_INGRESS,
  NAMESPACE_REF,
  PROOF_NAMESPACE,
  PROOF_PORT,
  SCRATCH_OBJECTS,
  SERVER,
} from './network-policy-proof.objects.js';

/** Whether a cluster enforces NetworkPolicy; `detail` (English) says what was seen. */
export interface EnforcementResult {
  enforced: boolean;
  detail: string;
}

/** Proves on a fresh cluster that NetworkPolicies are enforced (the warm pool asks before handing one out). */
export interface NetworkPolicyProof {
  prove(handle: EnvironmentHandle): Promise<EnforcementResult>;
}

export const NETWORK_POLICY_PROOF = Symbol('NETWORK_POLICY_PROOF');

export interface ProofTiming {
  pollMs: number;
  /** Reads of the scratch pods (and of the namespace when it is removed) before giving up. */
  readyAttempts: number;
  /** Probes before a policy counts as not enforced: enforcement follows a new policy with a delay. */
  probeAttempts: number;
}

const PROBE_EXEC_TIMEOUT_MS = 15_000;

/**
 * The proof with agnhost: a server pod and a client pod in a scratch namespace; the client
 * must reach the server, then must not once a default-deny ingress policy selects it. The
 * namespace is removed in every case, and a cluster it cannot be removed from is not proven.
 */
export class AgnhostNetworkPolicyProof implements NetworkPolicyProof {
  constructor(
    private readonly kube: KubeClients,
    private readonly timing: ProofTiming,
  ) {}

  async prove(handle: EnvironmentHandle): Promise<EnforcementResult> {
    let applier: KubeApplier;
    let reader: KubeReader;
    try {
      const kubeConfig = await handle.kubeConfig();
      applier = this.kube.applier(kubeConfig);
      reader = this.kube.reader(kubeConfig);
    } catch (error) {
      return { enforced: false, detail: `no access to the cluster's API: ${message(error)}` };
    }
    let result: EnforcementResult;
    try {
      result = await this.probe(handle, applier, reader);
    } catch (error) {
      result = { enforced: false, detail: `the proof could not run: ${message(error)}` };
    }
    const leftover = await this.removeScratch(applier, reader);
    if (!leftover) return result;
    return {
      enforced: false,
      detail: result.enforced ? leftover : `${result.detail}; ${leftover}`,
    };
  }

  private async probe(
    handle: EnvironmentHandle,
    applier: KubeApplier,
    reader: KubeReader,
  ): Promise<EnforcementResult> {
    for (const object of SCRATCH_OBJECTS) await applier.apply(object);
    const waiting = await this.poll(
      () => notReady([SERVER, CLIENT], reader),
      (w) => w.length === 0,
      this.timing.readyAttempts,
    );
    if (waiting.length > 0)
      return { enforced: false, detail: `scratch pods not ready: ${waiting.join(', ')}` };
    const ip = await podIp(reader, {
      apiVersion: 'v1',
      kind: 'Pod',
      namespace: PROOF_NAMESPACE,
      name: 'server',
    });
    if (!ip) return { enforced: false, detail: 'the server pod has no IP' };

    const open = await this.connectUntil(handle, ip, (r) => r === 'connected');
    if (open.result !== 'connected')
      return {
        enforced: false,
        detail: `without a policy the client did not reach the server (${open.seen})`,
      };
    await applier.apply(DEFAULT_DENY_INGRESS);
    const blocked = await this.connectUntil(
      handle,
      ip,
      (r) => r !== undefined && r !== 'connected',
    );
    if (blocked.result === 'connected')
      return {
        enforced: false,
        detail: `a default-deny ingress policy did not block the client (still connected after ${this.timing.probeAttempts} probes): NetworkPolicy is not enforced`,
      };
    if (blocked.result === undefined)
      return {
        enforced: false,
        detail: `the probe under the policy measured nothing (${blocked.seen})`,
      };
    return {
      enforced: true,
      detail: `without a policy connected, with default-deny ${blocked.result}`,
    };
  }

  /** `/agnhost connect` from the client until `done`; the last measurement and how it looked. */
  private async connectUntil(
    handle: EnvironmentHandle,
    ip: string,
    done: (result: ConnectResult | undefined) => boolean,
  ): Promise<{ result: ConnectResult | undefined; seen: string }> {
    const argv = connectArgv(ip, PROOF_PORT, 'TCP');
    const exec = await this.poll(
      () =>
        handle.execInPod(PROOF_NAMESPACE, 'client', 'agnhost', argv, {
          timeoutMs: PROBE_EXEC_TIMEOUT_MS,
        }),
      (r) => done(readConnectResult(r, 'TCP')),
      this.timing.probeAttempts,
    );
    return { result: readConnectResult(exec, 'TCP'), seen: describeExec(exec) };
  }

  /** Deletes the namespace (and with it pods and policy) and waits until it is gone; a problem, or undefined. */
  private async removeScratch(
    applier: KubeApplier,
    reader: KubeReader,
  ): Promise<string | undefined> {
    try {
      await applier.delete(NAMESPACE_REF);
      const left = await this.poll(
        () => reader.get(NAMESPACE_REF),
        (ns) => ns === undefined,
        this.timing.readyAttempts,
      );
      return left ? `the scratch namespace ${PROOF_NAMESPACE} was not removed in time` : undefined;
    } catch (error) {
      return `removing the scratch namespace ${PROOF_NAMESPACE} failed: ${message(error)}`;
    }
  }

  /** Reads until `done` or `attempts` reads were made; the last read. */
  private poll<T>(read: () => Promise<T>, done: (value: T) => boolean, attempts: number) {
    return poll(read, done, { intervalMs: this.timing.pollMs, attempts });
  }
}

async function podIp(reader: KubeReader, ref: ObjectRef): Promise<string | undefined> {
  const pod = await reader.get(ref);
  return ((pod?.status ?? {}) as { podIP?: string }).podIP;
}

function describeExec(result: ExecResult): string {
  const output = `${result.stderr}${result.stdout}`.trim().split('\n')[0] ?? '';
  return `exit ${result.exitCode}${result.timedOut ? ', timed out' : ''}${output ? `: ${output}` : ''}`;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
