import path from 'node:path';
import { AppConfigService } from '../../config/app-config.js';
import { sqliteFilePath } from '../database-url.js';
import { runMigrations } from '../migration-runner.js';

/** `npm run db:migrate`: what the server does at start-up, on its own. */
const file = sqliteFilePath(AppConfigService.fromEnv(process.env).get('DATABASE_URL'));
const report = runMigrations(file, path.resolve(import.meta.dirname, '../../../prisma/migrations'));
console.log(
  `${file}: applied ${report.applied.length}, already applied ${report.alreadyApplied.length}`,
);
