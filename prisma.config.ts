import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';

const url = process.env.DATABASE_URL ?? `file:${path.resolve('data/kubelab.db')}`;

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  adapter: () => Promise.resolve(new PrismaBetterSQLite3({ url })),
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
