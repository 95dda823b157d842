import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/** Every page in web/ (index, lab, instructor, terminal, …) is an entry of the multi-page build. */
const pages = Object.fromEntries(
  fs
    .readdirSync(root)
    .filter((file) => file.endsWith('.html'))
    .map((file) => [path.basename(file, '.html'), path.join(root, file)]),
);

/** The learner and instructor pages, bundled into web/dist and served by Nest from the same origin (no CDN). */
export default defineConfig({
  root,
  // The API contract shared with the server: src/contract holds types, zod schemas and constants
  // only, never server code (eslint keeps it so), so the bundle takes nothing else from src/.
  resolve: { alias: { '@contract': path.join(root, '../src/contract') } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    rollupOptions: { input: pages },
  },
  server: {
    proxy: {
      '/api': 'http://localhost:3000',
      '/ws': { target: 'ws://localhost:3000', ws: true },
    },
  },
});
