import { parentPort, workerData } from 'node:worker_threads';

/**
 * The load side of `bench:sessions`, in its own thread so that its polling does not steal the
 * server's event loop: creates learners, starts sessions, polls each until `ready`.
 */
interface Job {
  base: string;
  sessions: number;
  concurrency: number;
  labId: string;
}

const { base, sessions, concurrency, labId } = workerData as Job;
/** Often enough to resolve a few ms, rarely enough not to become the load being measured. */
const POLL_MS = 5;

function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

async function one(index: number): Promise<number> {
  const learner = (await (
    await post(`${base}/api/learners`, { name: `Bench ${index}` })
  ).json()) as { token: string };
  const auth = { Authorization: `Bearer ${learner.token}` };
  const started = performance.now();
  const session = (await (await post(`${base}/api/sessions`, { labId }, auth)).json()) as {
    id: string;
    status: string;
  };
  let status = session.status;
  while (status !== 'ready') {
    if (['failed', 'unavailable'].includes(status)) throw new Error(`session ended ${status}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    const view = (await (
      await fetch(`${base}/api/sessions/${session.id}`, { headers: auth })
    ).json()) as { status: string };
    status = view.status;
  }
  return performance.now() - started;
}

const timings: number[] = [];
let next = 0;
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < sessions) timings.push(await one(next++));
  }),
);
parentPort?.postMessage(timings);
