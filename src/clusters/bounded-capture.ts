import type { Readable } from 'node:stream';

/** Output beyond this is cut: a check never needs more, and memory must stay bounded. */
export const MAX_CAPTURE_BYTES = 1024 * 1024;

/** Collects at most MAX_CAPTURE_BYTES of a stream; the returned function gives the text so far. */
export function boundedCapture(stream: Readable): () => string {
  const chunks: Buffer[] = [];
  let size = 0;
  stream.on('data', (chunk: Buffer) => {
    if (size >= MAX_CAPTURE_BYTES) return;
    chunks.push(chunk.subarray(0, MAX_CAPTURE_BYTES - size));
    size += chunk.length;
  });
  return () => Buffer.concat(chunks).toString('utf8');
}
