import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Docker from 'dockerode';
import { execa } from 'execa';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { NestFactory } from '@nestjs/core';
import { configureApp } from '../app.factory.js';
import { AppModule } from '../app.module.js';
import { kindConfig, kindConfigYaml } from '../clusters/kind/kind-config.js';
import { AppConfigService } from '../config/app-config.js';
import { loadLabs } from '../labs/lab-loader.js';
import { WarmPool } from '../clusters/pool/warm-pool.js';
import { sessionUntilReady } from './learner-session.js';
import { summary } from './percentiles.js';
import { runBench } from './bench-run.js';

/**
 * `npm run bench:kind`: real kind clusters on this host (needs kind and a node image, e.g. from
 * scripts/kind-offline/build.sh). In one run:
 *  1. plain `kind create cluster` with lab 01's config vs `POST /api/sessions` → `ready` for lab
 *     01 with no pool (cold, setup included), and the ratio;
 *  2. memory of that idle 3-node cluster (sum over its nodes, page cache excluded);
 *  3. warm pool hand-out: BENCH_POOL (default 2) sessions taken from a filled pool, p95;
 *  4. with BENCH_CAPACITY=1: how many 1-node, then 3-node clusters the host holds before
 *     `kind create` fails (at most BENCH_CAPACITY_MAX, default 24), and what failed.
 * Everything it creates is removed at the end, also on Ctrl-C.
 */
const LAB = '01-ip-adressierung';
/** Sessions take tens of seconds here: a few polls a second are precise enough. */
const POLL_MS = 250;
const env = { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'error' };
const config = AppConfigService.fromEnv(env);
const kindBin = config.get('KUBELAB_KIND_BIN');
const nodeImage = config.get('KUBELAB_KIND_NODE_IMAGE');
const wait = `${config.get('KUBELAB_KIND_WAIT_SECONDS')}s`;
const docker = new Docker();
const created = new Set<string>();
const INSTRUCTOR_TOKEN = `bench-${Date.now()}-instructor-token`;
const apps = new Set<NestExpressApplication>();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubelab-bench-kind-'));

async function kindCreate(name: string, yaml: string, ownNetwork: boolean) {
  const started = performance.now();
  created.add(name);
  const result = await execa(
    kindBin,
    [
      'create',
      'cluster',
      '--name',
      name,
      '--config',
      '-',
      '--wait',
      wait,
      '--kubeconfig',
      path.join(dir, `${name}.kubeconfig`),
    ],
    {
      input: yaml,
      reject: false,
      env: ownNetwork ? { KIND_EXPERIMENTAL_DOCKER_NETWORK: name } : {},
    },
  );
  return {
    ok: result.exitCode === 0,
    ms: performance.now() - started,
    stderr: String(result.stderr),
  };
}

async function kindDelete(name: string): Promise<void> {
  await execa(
    kindBin,
    ['delete', 'cluster', '--name', name, '--kubeconfig', path.join(dir, `${name}.kubeconfig`)],
    { reject: false },
  );
  await docker
    .getNetwork(name)
    .remove()
    .catch(() => undefined);
  created.delete(name);
}

/** kubectl with the admin kubeconfig in a cluster's control-plane node; never rejects. */
function kubectlIn(cluster: string, args: string[], input?: string) {
  return execa(
    'docker',
    [
      'exec',
      '-i',
      `${cluster}-control-plane`,
      'kubectl',
      '--kubeconfig=/etc/kubernetes/admin.conf',
      ...args,
    ],
    { reject: false, ...(input === undefined ? {} : { input }) },
  );
}

/** What a person would do after `kind create`: apply the lab's setup and wait for its pods; ms. */
async function setupByHand(cluster: string, labDir: string, files: string[]): Promise<number> {
  const started = performance.now();
  const manifests = files.map((f) => fs.readFileSync(path.join(labDir, f), 'utf8')).join('\n---\n');
  const applied = await kubectlIn(cluster, ['apply', '-f', '-'], manifests);
  if (applied.exitCode !== 0)
    throw new Error(`kubectl apply of the setup failed: ${String(applied.stderr)}`);
  const waited = await kubectlIn(cluster, [
    'wait',
    '--for=condition=Ready',
    'pods',
    '--all',
    '--all-namespaces',
    '--timeout=300s',
  ]);
  if (waited.exitCode !== 0)
    throw new Error(`the setup's pods did not get Ready: ${String(waited.stderr)}`);
  return performance.now() - started;
}

/** undefined when every kube-system pod is Ready within 2 minutes, else what is wrong (kubelet's words). */
async function systemPodsReady(cluster: string): Promise<string | undefined> {
  const kubectl = (args: string[]) => kubectlIn(cluster, args);
  const waited = await kubectl([
    'wait',
    '--for=condition=Ready',
    'pods',
    '--all',
    '-n',
    'kube-system',
    '--timeout=120s',
  ]);
  if (waited.exitCode === 0) return undefined;
  const pods = await kubectl([
    'get',
    'pods',
    '-n',
    'kube-system',
    '-o',
    'jsonpath={range .items[*]}{.metadata.name} {.status.containerStatuses[*].state.waiting.reason} {.status.containerStatuses[*].lastState.terminated.exitCode}{"\\n"}{end}',
  ]);
  const broken = String(pods.stdout)
    .split('\n')
    .filter((l) => /\S+ \S/.test(l));
  const first = broken[0]?.split(' ')[0];
  const log = first ? await kubectl(['logs', '-n', 'kube-system', first, '--tail=1']) : undefined;
  return `kube-system not Ready after 2 min: ${broken.join('; ')}${log ? ` — ${String(log.stdout).trim()}` : ''}`;
}

async function nodeMemoryBytes(cluster: string): Promise<number> {
  const nodes = await docker.listContainers({
    filters: { label: [`io.x-k8s.kind.cluster=${cluster}`] },
  });
  let total = 0;
  for (const node of nodes) {
    const stats = (await docker.getContainer(node.Id).stats({ stream: false })) as {
      memory_stats: { usage?: number; stats?: Record<string, number> };
    };
    const s = stats.memory_stats.stats ?? {};
    total += (stats.memory_stats.usage ?? 0) - (s.total_inactive_file ?? s.inactive_file ?? 0);
  }
  return total;
}

async function startApp(extra: Record<string, string>) {
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot(
      AppConfigService.fromEnv({
        ...env,
        DATABASE_URL: `file:${path.join(dir, `bench-${Date.now()}.db`)}`,
        KUBELAB_CLUSTER_DIR: path.join(dir, 'clusters'),
        KUBELAB_RECONCILE: 'false',
        KUBELAB_INSTRUCTOR_TOKEN: INSTRUCTOR_TOKEN,
        ...extra,
      }),
    ),
    { logger: ['error', 'warn'] },
  );
  configureApp(app);
  apps.add(app);
  await app.listen(0, '127.0.0.1');
  return { app, base: await app.getUrl() };
}

let before: string[] = [];

/** kubelab clusters made since the benchmark started (others on this host are left alone). */
async function kubelabClusters(): Promise<string[]> {
  const { stdout } = await execa(kindBin, ['get', 'clusters'], { reject: false });
  return String(stdout)
    .split('\n')
    .filter((n) => n.startsWith('kl-') && !before.includes(n));
}

function lab01() {
  const lab = loadLabs(config.get('KUBELAB_LABS_DIR')).labs.find((l) => l.id === LAB);
  if (!lab || lab.environment !== 'kind') throw new Error(`${LAB} not found`);
  return lab;
}

async function capacity(workers: number, max: number): Promise<void> {
  const lab = lab01();
  const yaml = kindConfigYaml(kindConfig({ ...lab.cluster, workers }, nodeImage));
  let count = 0;
  let failure = `none up to ${max}`;
  for (; count < max; count++) {
    const name = `kl-bench-cap${workers}-${count}`;
    let result = await kindCreate(name, yaml, true);
    // kind returns once the control plane is Ready; a cluster counts only when kube-system runs.
    if (result.ok) {
      const settled = await systemPodsReady(name);
      if (settled) result = { ...result, ok: false, stderr: settled };
    }
    console.log(
      `  ${workers + 1}-node cluster ${count + 1}: ${result.ok ? 'ok' : 'FAILED'} in ${(result.ms / 1000).toFixed(0)} s, host free memory ${(os.freemem() / 1024 ** 3).toFixed(1)} GiB`,
    );
    if (!result.ok) {
      const lines = result.stderr.trim().split('\n');
      failure = (
        lines.find((l) => /^ERROR|error execution phase|kube-system not Ready/.test(l)) ??
        lines.at(-1) ??
        ''
      ).trim();
      await kindDelete(name);
      break;
    }
  }
  console.log(`capacity, ${workers + 1}-node clusters: ${count} held; first failure: ${failure}`);
  for (const name of [...created]) await kindDelete(name);
}

async function main(): Promise<void> {
  if (process.env.BENCH_PARTS === 'capacity') return capacityParts();
  const lab = lab01();
  const yaml = kindConfigYaml(kindConfig(lab.cluster, nodeImage));
  before = await kubelabClusters();
  console.log(`kind: ${kindBin}, node image: ${nodeImage || "kind's default"}, --wait ${wait}`);

  const plain = await kindCreate('kl-bench-plain', yaml, false);
  if (!plain.ok) throw new Error(`plain kind create failed:\n${plain.stderr}`);
  console.log(
    `plain kind create cluster (lab 01 config, ${lab.cluster.workers + 1} nodes): ${(plain.ms / 1000).toFixed(1)} s`,
  );
  const byHand = plain.ms + (await setupByHand('kl-bench-plain', lab.dir, lab.setup));
  console.log(
    `  … plus the lab's setup by hand (kubectl apply, kubectl wait until every pod is Ready): ${(byHand / 1000).toFixed(1)} s`,
  );
  await kindDelete('kl-bench-plain');

  const cold = await startApp({ KUBELAB_POOL_SIZE: '0' });
  const session = await sessionUntilReady(cold.base, LAB, POLL_MS);
  console.log(
    `kubelab POST /api/sessions → ready (lab 01, cold, setup included): ${(session.ms / 1000).toFixed(1)} s`,
  );
  console.log(
    `  vs plain kind create: kubelab adds ${((session.ms - plain.ms) / 1000).toFixed(1)} s, ratio ${(session.ms / plain.ms).toFixed(2)}`,
  );
  console.log(
    `  vs kind create + setup by hand: kubelab adds ${((session.ms - byHand) / 1000).toFixed(1)} s, ratio ${(session.ms / byHand).toFixed(2)}`,
  );
  await new Promise((resolve) => setTimeout(resolve, 60_000));
  const [name] = await kubelabClusters();
  if (name)
    console.log(
      `memory of the idle ${lab.cluster.workers + 1}-node cluster after 60 s: ${((await nodeMemoryBytes(name)) / 1024 ** 2).toFixed(0)} MiB`,
    );
  // The learner is done: the session ends and its cluster is deleted, as on „Übung abschließen“.
  await fetch(`${cold.base}/api/instructor/sessions/${session.id}`, {
    method: 'DELETE',
    headers: { Authorization: `Bearer ${INSTRUCTOR_TOKEN}` },
  });
  for (let i = 0; i < 60 && (await kubelabClusters()).length > 0; i++)
    await new Promise((resolve) => setTimeout(resolve, 2000));
  await closeApp(cold.app);

  const poolSize = Number(process.env.BENCH_POOL ?? 2);
  if (poolSize > 0) {
    // Room for the pool only: hand-outs do not start refills that would share the two cores.
    const warm = await startApp({
      KUBELAB_POOL_SIZE: String(poolSize),
      KUBELAB_POOL_LABS: LAB,
      KUBELAB_MAX_CLUSTERS: String(poolSize),
    });
    try {
      await warm.app.get(WarmPool).whenIdle();
      const timings: number[] = [];
      for (let i = 0; i < poolSize; i++)
        timings.push((await sessionUntilReady(warm.base, LAB, POLL_MS)).ms);
      console.log(`warm pool hand-out (lab 01, setup applied at hand-out): ${summary(timings)}`);
    } catch (error) {
      console.log(
        `warm pool hand-out failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    } finally {
      await closeApp(warm.app);
    }
  }
  for (const name of await kubelabClusters()) await kindDelete(name);

  if (process.env.BENCH_CAPACITY === '1') await capacityParts();
}

async function capacityParts(): Promise<void> {
  const max = Number(process.env.BENCH_CAPACITY_MAX ?? 24);
  await capacity(0, max);
  await capacity(2, max);
}

async function closeApp(app: NestExpressApplication): Promise<void> {
  apps.delete(app);
  await app.close();
}

async function cleanUp(): Promise<void> {
  for (const app of [...apps]) await closeApp(app).catch(() => undefined);
  for (const name of [...created, ...(await kubelabClusters())]) await kindDelete(name);
  fs.rmSync(dir, { recursive: true, force: true });
}

runBench(async (onCleanUp) => {
  onCleanUp(cleanUp);
  await main();
});
