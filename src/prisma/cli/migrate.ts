import path from 'node:path';
import { parseConfig } from '../../config/config.schema.js';
import { sqliteFilePath } from '../database-url.js';
import { runMigrations } from '../migration-runner.js';

/** `npm run db:migrate`: what the server does at start-up, on its own. */
const file = sqliteFilePath(parseConfig(process.env).DATABASE_URL);
const report = runMigrations(file, path.resolve(import.meta.dirname, '../../../prisma/migrations'));
console.log(
  `${file}: applied ${report.applied.length}, already applied ${report.alreadyApplied.length}`,
);
