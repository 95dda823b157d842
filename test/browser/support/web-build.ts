import path from 'node:path';
import { execa } from 'execa';

/**
 * Builds the front end from web/src into `outDir` (the test's own temp dir), so the test sees
 * the current sources and never races another build of web/dist.
 */
export async function buildWeb(outDir: string): Promise<string> {
  await execa(
    path.resolve('node_modules/.bin/vite'),
    [
      'build',
      '--config',
      'web/vite.config.ts',
      '--outDir',
      outDir,
      '--emptyOutDir',
      '--logLevel',
      'error',
    ],
    { stdio: 'inherit' },
  );
  return outDir;
}
