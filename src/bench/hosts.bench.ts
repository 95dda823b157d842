import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Docker from 'dockerode';
import type { Overview } from '../contract/instructor.views.js';
import { listenContainerBenchApp } from './bench-app.js';
import { benchInstance, runBench, type OnCleanUp } from './bench-run.js';
import { timeToTerminal } from './lab-00-client.js';
import { percentile, summary } from './percentiles.js';
import { SecondEngine } from './second-engine/second-engine.js';

/**
 * `npm run bench:hosts`: lab 00 on one Docker engine and on two (this host's, and a second
 * dockerd in a privileged container reached over TCP with TLS, from kubelab/test-engine:1:
 * scripts/images/build-engine-image.sh). BENCH_SESSIONS (40) sessions in waves of BENCH_WAVE
 * (10) started at once; per setup the placement spread and `POST /api/sessions` → first prompt
 * p50/p95. Then the second engine is stopped: the time until every learner on it is offered
 * „Fortsetzen“ (their session `unavailable`), and after it starts again the time until what was
 * left there is removed. Removes everything it made, also on Ctrl-C.
 */
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 40);
const WAVE = Number(process.env.BENCH_WAVE ?? 10);
const CHECK_SECONDS = Number(process.env.BENCH_ENGINE_CHECK_SECONDS ?? 2);
const LOST_AFTER = Number(process.env.BENCH_ENGINE_LOST_AFTER ?? 3);
const LAB = '00-linux-netzwerk';
const LOCAL = 'unix:///var/run/docker.sock';
const TOKEN = 'bench-instructor-token-000000001';

interface Server {
  base: string;
  stop: () => Promise<void>;
  overview: () => Promise<Overview>;
}

async function startServer(engines: string, onCleanUp: OnCleanUp): Promise<Server> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubelab-bench-'));
  onCleanUp(() => fs.rmSync(dir, { recursive: true, force: true }));
  const instance = benchInstance();
  const env = {
    ...process.env,
    DATABASE_URL: `file:${path.join(dir, 'bench.db')}`,
    KUBELAB_LABS_DIR: path.resolve('labs'),
    KUBELAB_DOCKER_HOSTS: engines,
    KUBELAB_MAX_CLUSTERS: undefined,
    KUBELAB_CREATE_CONCURRENCY: '4',
    KUBELAB_INSTANCE: instance,
    KUBELAB_INSTRUCTOR_TOKEN: TOKEN,
    KUBELAB_ENGINE_CHECK_SECONDS: String(CHECK_SECONDS),
    KUBELAB_ENGINE_LOST_AFTER: String(LOST_AFTER),
    // One client plays the whole class here: sign-ups and starts from one address are not limited.
    KUBELAB_RATE_SIGNUPS_PER_IP: '100000/h',
    KUBELAB_RATE_SIGNUPS: '100000/h',
    KUBELAB_RATE_SESSION_STARTS: '100000/h',
    KUBELAB_RECONCILE: 'false',
  };
  const { base, stop } = await listenContainerBenchApp(env, onCleanUp);
  const overview = async () =>
    (await (
      await fetch(`${base}/api/instructor/overview`, {
        headers: { Authorization: `Bearer ${TOKEN}` },
      })
    ).json()) as Overview;
  return { base, stop, overview };
}

type Started = Awaited<ReturnType<typeof timeToTerminal>>;

/** SESSIONS learners in waves of WAVE starting at once; each until its first prompt. */
async function startClass(base: string): Promise<Started[]> {
  const started: Started[] = [];
  for (let first = 0; first < SESSIONS; first += WAVE) {
    const wave = Array.from({ length: Math.min(WAVE, SESSIONS - first) }, () =>
      timeToTerminal(base, LAB),
    );
    started.push(...(await Promise.all(wave)));
  }
  return started;
}

function spread(overview: Overview): string {
  return overview.capacity.engines
    .map((e) => `${e.name} ${e.environments}/${e.capacity}`)
    .join(', ');
}

async function oneEngine(onCleanUp: OnCleanUp): Promise<number[]> {
  const server = await startServer(`local=${LOCAL}?capacity=${SESSIONS}`, onCleanUp);
  const started = await startClass(server.base);
  const times = started.map((s) => s.ms);
  console.log(`one engine:  placement ${spread(await server.overview())}`);
  console.log(`one engine:  POST /api/sessions → first prompt: ${summary(times)}`);
  await server.stop();
  return times;
}

async function twoEngines(engine: SecondEngine, onCleanUp: OnCleanUp): Promise<void> {
  const half = Math.ceil(SESSIONS / 2);
  const server = await startServer(
    `local=${LOCAL}?capacity=${half} fern=${engine.endpoint}?capacity=${half}&tls=${engine.certPath}`,
    onCleanUp,
  );
  const started = await startClass(server.base);
  const times = started.map((s) => s.ms);
  const overview = await server.overview();
  console.log(`two engines: placement ${spread(overview)}`);
  console.log(`two engines: POST /api/sessions → first prompt: ${summary(times)}`);

  const onFern = new Set(
    overview.sessions.filter((s) => s.cluster?.engine === 'fern').map((s) => s.id),
  );
  const lostAt = performance.now();
  await engine.stop();
  const offered = await waitUntil(async () => {
    const { sessions } = await server.overview();
    return sessions.filter((s) => onFern.has(s.id)).every((s) => s.status === 'unavailable');
  });
  console.log(
    `engine lost: all ${onFern.size} learners on it offered „Fortsetzen“ ${((offered - lostAt) / 1000).toFixed(1)} s after it stopped (asked every ${CHECK_SECONDS} s, lost after ${LOST_AFTER})`,
  );
  const others = started.length - onFern.size;
  const stillReady = (await server.overview()).sessions.filter((s) => s.status === 'ready').length;
  console.log(`engine lost: ${stillReady} of ${others} sessions on the other engine still ready`);

  const backAt = performance.now();
  await engine.start();
  const cleaned = await waitUntil(async () => {
    const fern = (await server.overview()).capacity.engines.find((e) => e.name === 'fern');
    return fern?.state === 'up' && fern.lost === 0;
  });
  const left = await engine.docker.listContainers({ all: true });
  console.log(
    `engine back: clean-up done ${((cleaned - backAt) / 1000).toFixed(1)} s after its start; ${left.length} container(s) left there`,
  );
  await server.stop();
}

/** Polls every 100 ms; the moment `done` first held. */
async function waitUntil(done: () => Promise<boolean>, timeoutMs = 120_000): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  while (!(await done())) {
    if (performance.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return performance.now();
}

runBench(async (onCleanUp) => {
  const host = new Docker();
  const engine = await SecondEngine.start({ name: `bench-${Date.now().toString(36)}`, host });
  onCleanUp(() => engine.remove());
  await engine.loadImage(process.env.KUBELAB_CONTAINER_IMAGE ?? 'kubelab/netlab:2');
  const one = await oneEngine(onCleanUp);
  await twoEngines(engine, onCleanUp);
  console.log(
    `one engine p50/p95 for comparison: ${percentile(one, 50).toFixed(0)} / ${percentile(one, 95).toFixed(0)} ms`,
  );
});
