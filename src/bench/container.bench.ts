import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Docker from 'dockerode';
import { WarmPool } from '../clusters/pool/warm-pool.js';
import { listenContainerBenchApp } from './bench-app.js';
import { benchInstance, runBench, type OnCleanUp } from './bench-run.js';
import { timeToTerminal } from './lab-00-client.js';
import { summary } from './percentiles.js';

/**
 * `npm run bench:container`: lab 00 in real container environments (Docker must run and the
 * image kubelab/netlab:2 exist). Time from `POST /api/sessions` to a usable terminal (the
 * first prompt over the WebSocket), cold (container created) and warm (from the pool),
 * and the memory of an idle environment. Targets (issue 8): warm p95 ≤ 500 ms,
 * cold p95 ≤ 2 s, ≤ 20 MB per idle environment. BENCH_SESSIONS (20) sessions a run. Ends by
 * itself, also on Ctrl-C, and removes its containers, networks and databases (bench-run.ts).
 */
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 20);
const LAB = '00-linux-netzwerk';

/** A server with its own database and instance; `stop` closes it and removes its environments. */
async function startServer(pool: number, onCleanUp: OnCleanUp) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubelab-bench-'));
  onCleanUp(() => fs.rmSync(dir, { recursive: true, force: true }));
  const instance = benchInstance();
  console.log(`KUBELAB_INSTANCE=${instance}`);
  const env = {
    ...process.env,
    DATABASE_URL: `file:${path.join(dir, 'bench.db')}`,
    KUBELAB_LABS_DIR: path.resolve('labs'),
    KUBELAB_POOL_SIZE: String(pool),
    KUBELAB_POOL_LABS: pool ? LAB : '',
    KUBELAB_MAX_CLUSTERS: String(SESSIONS * 2 + 2),
    KUBELAB_CREATE_CONCURRENCY: '4',
    KUBELAB_INSTANCE: instance,
    // One client plays the whole class here: sign-ups from one address must not be limited.
    KUBELAB_RATE_SIGNUPS_PER_IP: '100000/h',
    KUBELAB_RATE_SIGNUPS: '100000/h',
    KUBELAB_RECONCILE: 'false',
  };
  const { app, base, stop } = await listenContainerBenchApp(env, onCleanUp);
  await app.get(WarmPool).whenIdle();
  return { base, stop };
}

async function run(label: string, pool: number, onCleanUp: OnCleanUp): Promise<void> {
  const { base, stop } = await startServer(pool, onCleanUp);
  const timings: number[] = [];
  const sessions: { name: string }[] = [];
  for (let i = 0; i < SESSIONS; i++) {
    const result = await timeToTerminal(base, LAB);
    timings.push(result.ms);
    sessions.push(result);
  }
  console.log(`${label}: POST /api/sessions → first prompt in the terminal: ${summary(timings)}`);
  if (pool === 0) await reportMemory(sessions.map((s) => s.name));
  await stop();
}

/** cgroup memory of idle environments (after their terminals closed), without page cache. */
async function reportMemory(names: string[]): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const docker = new Docker();
  const usages = await Promise.all(
    names.map(async (name) => {
      const stats = await docker.getContainer(name).stats({ stream: false });
      const cache =
        (stats.memory_stats.stats as Record<string, number> | undefined)?.inactive_file ?? 0;
      return (stats.memory_stats.usage - cache) / 1024 ** 2;
    }),
  );
  const mean = usages.reduce((a, b) => a + b, 0) / usages.length;
  console.log(
    `memory per idle environment: mean ${mean.toFixed(1)} MiB, max ${Math.max(...usages).toFixed(1)} MiB (n=${usages.length})`,
  );
}

runBench(async (onCleanUp) => {
  await run('cold (container created)', 0, onCleanUp);
  await run('warm (from the pool)', SESSIONS, onCleanUp);
});
