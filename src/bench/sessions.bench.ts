import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { ENVIRONMENT_DRIVERS } from '../clusters/environment-driver.js';
import { WarmPool } from '../clusters/pool/warm-pool.js';
import { listenBenchApp } from './bench-app.js';
import { runBench, type OnCleanUp } from './bench-run.js';
import { summary } from './percentiles.js';
import { StandInDriver } from './stand-in-driver.js';

/**
 * `npm run bench:sessions`: kubelab's own overhead from `POST /api/sessions` to `ready` for 50
 * sessions taken from a warm pool, with a stand-in driver (no cluster is made, the lab has no
 * setup), over real HTTP and a real SQLite file; the load runs in a worker thread.
 * Target (clusters issue): p95 ≤ 150 ms. Ends by itself, also on Ctrl-C, and removes its database.
 */
const SESSIONS = 50;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 5);

async function main(onCleanUp: OnCleanUp): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubelab-bench-'));
  onCleanUp(() => fs.rmSync(dir, { recursive: true, force: true }));
  const env = {
    ...process.env,
    DATABASE_URL: `file:${path.join(dir, 'bench.db')}`,
    KUBELAB_LABS_DIR: path.resolve('test/fixtures/labs'),
    KUBELAB_POOL_SIZE: String(SESSIONS),
    KUBELAB_POOL_LABS: '01-quiz',
    KUBELAB_MAX_CLUSTERS: String(SESSIONS * 2),
    // One client plays the whole class here: sign-ups from one address must not be limited.
    KUBELAB_RATE_SIGNUPS_PER_IP: '100000/h',
    KUBELAB_RATE_SIGNUPS: '100000/h',
    KUBELAB_RECONCILE: 'false',
    LOG_LEVEL: 'error',
  };
  const { app, base } = await listenBenchApp(
    env,
    { provide: ENVIRONMENT_DRIVERS, useValue: [new StandInDriver()] },
    onCleanUp,
  );
  await app.get(WarmPool).whenIdle();

  const worker = new Worker(new URL('./sessions-client.js', import.meta.url), {
    workerData: { base, sessions: SESSIONS, concurrency: CONCURRENCY, labId: '01-quiz' },
  });
  onCleanUp(() => worker.terminate());
  const timings = await new Promise<number[]>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  console.log(
    `POST /api/sessions → ready (warm pool, stand-in driver, ${CONCURRENCY} at a time): ${summary(timings)}`,
  );
}

runBench(main);
