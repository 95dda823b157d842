import path from 'node:path';
import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import type { EnvironmentHandle } from '../../src/clusters/environment-handle.js';
import { Clock } from '../../src/common/adapters/clock.js';
import {
  NETWORK_POLICY_PROOF,
  type EnforcementResult,
  type NetworkPolicyProof,
} from '../../src/clusters/pool/network-policy-proof.js';
import { WarmPool } from '../../src/clusters/pool/warm-pool.js';
import { nftQueueItem } from '../../src/clusters/preflight/nft-queue.probe.js';
import { FakeClock } from '../support/fake-clock.js';
import { FakeEnvironmentDriver } from '../support/fake-environment-driver.js';
import { createTestApp, type TestContext } from '../support/test-app.js';

/** Answers as told and records which clusters it was asked about. */
class ScriptedProof implements NetworkPolicyProof {
  readonly proved: string[] = [];
  answer: EnforcementResult = { enforced: true, detail: 'blocked' };

  prove(handle: EnvironmentHandle): Promise<EnforcementResult> {
    this.proved.push(handle.name);
    return Promise.resolve(this.answer);
  }
}

describe('Warm pool of a NetworkPolicy lab (e2e, stand-in driver and proof)', () => {
  let ctx: TestContext;
  let driver: FakeEnvironmentDriver;
  let proof: ScriptedProof;
  let clock: FakeClock;
  const warnings: string[] = [];

  beforeAll(async () => {
    jest.spyOn(Logger.prototype, 'warn').mockImplementation((message: unknown) => {
      warnings.push(String(message));
    });
    driver = new FakeEnvironmentDriver();
    proof = new ScriptedProof();
    proof.answer = {
      enforced: false,
      detail: 'a default-deny ingress policy did not block the client',
    };
    clock = new FakeClock();
    ctx = await createTestApp({
      drivers: [driver],
      overrides: [
        { provide: NETWORK_POLICY_PROOF, useValue: proof },
        { provide: Clock, useValue: clock },
      ],
      env: {
        KUBELAB_LABS_DIR: path.resolve('test/fixtures/labs-netpol'),
        KUBELAB_POOL_SIZE: '1',
        KUBELAB_POOL_LABS: '01-policy',
      },
    });
    await ctx.settle();
  });
  afterAll(async () => {
    await ctx.close();
    jest.restoreAllMocks();
  });

  const pool = () => ctx.app.get(WarmPool);
  const clusters = () => ctx.prisma.cluster.findMany({ orderBy: { createdAt: 'asc' } });

  it('destroys a pool cluster that does not prove enforcement and says so in the log', async () => {
    expect(proof.proved).toEqual([driver.created[0].name]);
    const [cluster] = await clusters();
    expect(cluster).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('did not block'),
    });
    expect(driver.destroyed).toEqual([cluster.name]);
    expect(warnings).toContainEqual(
      expect.stringMatching(
        /^Pool cluster kl-\w+ \(lab 01-policy\) does not enforce NetworkPolicy: .*next pool attempt for this profile is in 1 min/,
      ),
    );
  });

  it('does not hand the failed cluster out: the learner gets a cluster of their own', async () => {
    const learner = await ctx.newLearner();
    const session = await ctx.newSession(learner, '01-policy');
    expect(session.status).toBe('ready');
    expect(session.cluster!.name).not.toBe(driver.destroyed[0]);
    await ctx.http().delete(`/api/sessions/${session.id}`).set(learner.auth).expect(204);
  });

  it('backs off instead of creating again and again', async () => {
    const poolCreations = () => proof.proved.length;
    pool().refill();
    await ctx.settle();
    expect(poolCreations()).toBe(1);

    clock.advanceMinutes(1);
    pool().refill();
    await ctx.settle();
    expect(poolCreations()).toBe(2);

    // The second failure doubles the wait.
    clock.advanceMinutes(1);
    pool().refill();
    await ctx.settle();
    expect(poolCreations()).toBe(2);
  });

  it('admits a cluster that proves enforcement and hands it out', async () => {
    proof.answer = { enforced: true, detail: 'with default-deny TIMEOUT' };
    clock.advanceMinutes(1);
    pool().refill();
    await ctx.settle();
    const ready = await ctx.prisma.cluster.findMany({ where: { status: 'ready' } });
    expect(ready).toHaveLength(1);
    expect(proof.proved.at(-1)).toBe(ready[0].name);
    const session = await ctx.newSession(await ctx.newLearner(), '01-policy');
    expect(session.cluster!.name).toBe(ready[0].name);
  });
});

describe('Warm pool of a NetworkPolicy lab where preflight knows policies are not enforced', () => {
  it('makes no cluster at all and says once in the log why the pool stays empty', async () => {
    const warnings: string[] = [];
    const spy = jest.spyOn(Logger.prototype, 'warn').mockImplementation((message: unknown) => {
      warnings.push(String(message));
    });
    const driver = new FakeEnvironmentDriver();
    driver.preflightItems = [
      ...driver.preflightItems,
      nftQueueItem({
        exitCode: 1,
        output: 'Error: Could not process rule: No such file or directory',
      }),
    ];
    const proof = new ScriptedProof();
    const ctx = await createTestApp({
      drivers: [driver],
      overrides: [{ provide: NETWORK_POLICY_PROOF, useValue: proof }],
      env: {
        KUBELAB_LABS_DIR: path.resolve('test/fixtures/labs-netpol'),
        KUBELAB_POOL_SIZE: '1',
        KUBELAB_POOL_LABS: '01-policy',
      },
    });
    try {
      await ctx.settle();
      ctx.app.get(WarmPool).refill();
      await ctx.app.get(WarmPool).whenIdle();
      expect(driver.created).toEqual([]);
      expect(proof.proved).toEqual([]);
      expect(warnings.filter((w) => w.includes('stays empty'))).toEqual([
        expect.stringMatching(/^Pool for lab 01-policy stays empty: .*CONFIG_NFT_QUEUE missing/),
      ]);
    } finally {
      await ctx.close();
      spy.mockRestore();
    }
  });
});
