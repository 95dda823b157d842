import Docker from 'dockerode';
import { CONTAINER_LABELS } from '../clusters/container/container-labels.js';

export type CleanUp = () => unknown;
/** Registers a clean-up; the function it returns runs it now (once) for a part that is done. */
export type OnCleanUp = (cleanUp: CleanUp) => () => Promise<void>;

/** How long one clean-up may take before the next runs anyway (kind deletes a cluster in ~10 s). */
const CLEAN_UP_TIMEOUT_MS = 120_000;

/**
 * Runs a benchmark so that it always ends and leaves nothing behind: what `main` registers with
 * `onCleanUp` runs once, newest first, whether `main` returns, throws, or the process gets
 * SIGINT, SIGTERM or SIGHUP (Ctrl-C, or a signal to npm and this process alike). Then the
 * process exits: a socket or Docker stream still open cannot keep it alive.
 */
export function runBench(main: (onCleanUp: OnCleanUp) => Promise<void>): void {
  const cleanUps: CleanUp[] = [];
  const onCleanUp: OnCleanUp = (cleanUp) => {
    let ran: Promise<void> | undefined;
    const once = () => (ran ??= withTimeout(cleanUp));
    cleanUps.push(once);
    return once;
  };
  let ending = false;
  const end = async (code: number): Promise<void> => {
    if (ending) return;
    ending = true;
    for (const cleanUp of cleanUps.reverse()) await cleanUp();
    process.exit(code);
  };
  // The terminal or npm may be gone already: a failed write must not stop the clean-up.
  process.stdout.on('error', () => undefined);
  process.stderr.on('error', () => undefined);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
    process.on(signal, () => {
      if (!ending) console.log(`\n${signal}: removing what the benchmark created …`);
      void end(130);
    });
  main(onCleanUp).then(
    () => end(0),
    (error: unknown) => {
      // After a signal the clean-up closes what main still uses: its failure then is no news.
      if (!ending) console.error(error);
      return end(1);
    },
  );
}

async function withTimeout(cleanUp: CleanUp): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      console.error(`a clean-up took longer than ${CLEAN_UP_TIMEOUT_MS / 1000} s; going on`);
      resolve();
    }, CLEAN_UP_TIMEOUT_MS);
  });
  try {
    await Promise.race([Promise.resolve().then(cleanUp), timeout]);
  } catch (error) {
    console.error(`clean-up failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Removes every container and network of one KUBELAB_INSTANCE on the local Docker engine: what a
 * container-environment benchmark made, also when the server did not get to remove it.
 */
export async function removeInstanceEnvironments(instance: string): Promise<void> {
  const docker = new Docker();
  const filters = { label: [`${CONTAINER_LABELS.instance}=${instance}`] };
  const containers = await docker.listContainers({ all: true, filters });
  await Promise.all(
    containers.map((c) => docker.getContainer(c.Id).remove({ force: true, v: true })),
  );
  const networks = await docker.listNetworks({ filters });
  await Promise.all(networks.map((n) => docker.getNetwork(n.Id).remove()));
}

/** A fresh instance name, so that one benchmark's clean-up touches nothing of another run. */
export function benchInstance(): string {
  return `bench-${Date.now().toString(36)}`;
}
