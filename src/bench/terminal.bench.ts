import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EnvironmentDriversService } from '../clusters/environment-drivers.service.js';
import { PrismaService } from '../prisma/prisma.service.js';
import { SessionProvisioner } from '../sessions/session-provisioner.js';
import { DEFAULT_TERMINAL_OPTIONS, TERMINAL_OPTIONS } from '../terminal/terminal-options.js';
import {
  benchInstance,
  removeInstanceEnvironments,
  runBench,
  type OnCleanUp,
} from './bench-run.js';
import { listenBenchApp } from './bench-app.js';
import { percentile } from './percentiles.js';
import { openKubelabPipe, roundTrip, stream, type ShellPipe } from './terminal-bench-client.js';

/**
 * `node dist/bench/terminal.bench.js` (needs Docker and the kubelab/netlab:2 image): the lab
 * 00-linux-netzwerk in its real container environment, measured through kubelab's WebSocket and
 * straight through a Docker exec stream into the same container.
 * - keystroke round trip (a character and its echo by readline): p50/p99, and what kubelab adds;
 * - output throughput of 100 MB (`head -c | tr`), with a client that acknowledges every frame;
 * - the process's RSS with 100 open terminals (their 100 WebSocket clients run in this process).
 * Targets (terminal issue): added p99 ≤ 5 ms, ≥ 50 MB/s, RSS ≤ 300 MB at 100 terminals.
 * Smaller runs: BENCH_SAMPLES (500), BENCH_STREAM_MB (100), BENCH_TERMINALS (100). Ends by
 * itself, also on Ctrl-C, and removes its container, network and database (bench-run.ts).
 */
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 500);
const STREAM_BYTES = Number(process.env.BENCH_STREAM_MB ?? 100) * 1_000_000;
const TERMINALS = Number(process.env.BENCH_TERMINALS ?? 100);
const PROMPT = '# ';

async function main(onCleanUp: OnCleanUp): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubelab-bench-'));
  onCleanUp(() => fs.rmSync(dir, { recursive: true, force: true }));
  const instance = benchInstance();
  onCleanUp(() => removeInstanceEnvironments(instance));
  const env = {
    ...process.env,
    DATABASE_URL: `file:${path.join(dir, 'bench.db')}`,
    KUBELAB_LABS_DIR: path.resolve('labs'),
    KUBELAB_WEB_DIR: path.join(dir, 'no-web'),
    KUBELAB_RECONCILE: 'false',
    KUBELAB_INSTANCE: instance,
    // All terminals belong to one learner here.
    KUBELAB_MAX_SOCKETS_PER_LEARNER: String(TERMINALS + 2),
    KUBELAB_MAX_SOCKETS: String(TERMINALS + 2),
    KUBELAB_CONTAINER_MEMORY_MB: '2048',
    KUBELAB_CONTAINER_PIDS_LIMIT: '1024',
    LOG_LEVEL: 'error',
  };
  const { app, base } = await listenBenchApp(
    env,
    {
      provide: TERMINAL_OPTIONS,
      useValue: { ...DEFAULT_TERMINAL_OPTIONS, maxTerminalsPerSession: TERMINALS + 2 },
    },
    onCleanUp,
  );
  const url = `${base.replace(/^http/, 'ws')}/ws/terminal`;
  const learner = (await post(`${base}/api/learners`, { name: 'Bench' })) as { token: string };
  const { id: sessionId } = (await post(
    `${base}/api/sessions`,
    { labId: '00-linux-netzwerk' },
    learner.token,
  )) as { id: string };
  await app.get(SessionProvisioner).whenIdle();
  console.log(`KUBELAB_INSTANCE=${instance}`);
  const session = await app.get(PrismaService).labSession.findUniqueOrThrow({
    where: { id: sessionId },
    select: { status: true, message: true, cluster: true },
  });
  if (session.status !== 'ready' || !session.cluster) {
    throw new Error(`Session not ready: ${session.status} ${session.message ?? ''}`);
  }
  const baseline = process.memoryUsage().rss;

  const pipes: ShellPipe[] = [];
  onCleanUp(() => pipes.forEach((pipe) => pipe.close()));
  const kubelab = await openKubelabPipe(url, { token: learner.token, sessionId });
  pipes.push(kubelab);
  const handle = await app
    .get(EnvironmentDriversService)
    .for('container')
    .handle(session.cluster.name, session.cluster.dockerEndpoint);
  const shell = await handle.openShell({ node: 'control-plane' }, { cols: 200, rows: 50 });
  shell.stream.on('data', () => undefined);
  const direct: ShellPipe = {
    send: (bytes) => shell.stream.write(bytes),
    onOutput: (listener) => {
      shell.stream.on('data', listener);
      return () => shell.stream.off('data', listener);
    },
    close: () => void shell.close(),
  };
  pipes.push(direct);
  await waitForPrompt(kubelab);
  await waitForPrompt(direct);

  const viaKubelab = await keystrokes(kubelab);
  const viaDocker = await keystrokes(direct);
  const ms = (n: number) => `${n.toFixed(2)} ms`;
  console.log(
    `Keystroke round trip (n=${SAMPLES}): kubelab p50 ${ms(percentile(viaKubelab, 50))} p99 ${ms(percentile(viaKubelab, 99))}; ` +
      `docker exec p50 ${ms(percentile(viaDocker, 50))} p99 ${ms(percentile(viaDocker, 99))}; ` +
      `added p50 ${ms(percentile(viaKubelab, 50) - percentile(viaDocker, 50))} p99 ${ms(percentile(viaKubelab, 99) - percentile(viaDocker, 99))}`,
  );

  const command = `head -c ${STREAM_BYTES} /dev/zero | tr '\\0' x; echo; echo ende-$((20+22))\r`;
  for (const [name, pipe] of [
    ['kubelab', kubelab],
    ['docker exec', direct],
  ] as const) {
    const { bytes, ms: took } = await stream(pipe, command, 'ende-42');
    console.log(
      `Throughput ${name}: ${(bytes / 1e6).toFixed(0)} MB in ${(took / 1000).toFixed(2)} s = ${(bytes / 1e6 / (took / 1000)).toFixed(0)} MB/s`,
    );
    await waitForPrompt(pipe);
  }

  const open = pipes.length;
  for (let i = 0; i < TERMINALS; i += 10) {
    const batch = Array.from({ length: Math.min(10, TERMINALS - i) }, () =>
      openKubelabPipe(url, { token: learner.token, sessionId }),
    );
    pipes.push(...(await Promise.all(batch)));
  }
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const rss = process.memoryUsage().rss;
  console.log(
    `RSS with ${pipes.length - open + 1} terminals open: ${(rss / 1e6).toFixed(0)} MB ` +
      `(${((rss - baseline) / 1e6).toFixed(0)} MB more than with none; clients in the same process)`,
  );
}

async function post(url: string, body: unknown, token?: string): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return response.json();
}

async function keystrokes(pipe: ShellPipe): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    times.push(await roundTrip(pipe, 'x', 'x'));
    times.push(await roundTrip(pipe, '\x7f', '\b'));
  }
  return times;
}

async function waitForPrompt(pipe: ShellPipe): Promise<void> {
  await roundTrip(pipe, '\r', PROMPT);
}

runBench(main);
