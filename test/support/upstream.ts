import path from 'node:path';

/** Upstream reference data copied into the repository (see test/fixtures/upstream/README.md). */
export const UPSTREAM_DIR = path.resolve('test/fixtures/upstream');

export function upstreamPath(...parts: string[]): string {
  return path.join(UPSTREAM_DIR, ...parts);
}
