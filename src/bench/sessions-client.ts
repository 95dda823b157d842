import { parentPort, workerData } from 'node:worker_threads';
import { sessionUntilReady } from './learner-session.js';

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

const timings: number[] = [];
let next = 0;
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < sessions) {
      const index = next++;
      timings.push((await sessionUntilReady(base, labId, POLL_MS, `Bench ${index}`)).ms);
    }
  }),
);
parentPort?.postMessage(timings);
