import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A fresh temporary directory, removed by `cleanup()`. */
export function tempDir(prefix = 'kubelab-test-'): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** A fresh temporary directory for each test of the block it is called in, removed after it. */
export function tempDirPerTest(prefix?: string): { readonly dir: string } {
  let current: { dir: string; cleanup: () => void } | undefined;
  beforeEach(() => {
    current = tempDir(prefix);
  });
  afterEach(() => current?.cleanup());
  return {
    get dir() {
      if (!current) throw new Error('The temporary directory exists only during a test.');
      return current.dir;
    },
  };
}
