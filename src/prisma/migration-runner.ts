import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

/**
 * Applies prisma/migrations/<name>/migration.sql in name order, each in its own transaction,
 * bookkept in Prisma's own `_prisma_migrations` table (same columns, sha256 checksum), so the
 * server migrates itself at start-up without the Prisma CLI and `prisma migrate` still agrees.
 */
export interface MigrationReport {
  applied: string[];
  alreadyApplied: string[];
}

const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

interface MigrationRow {
  migration_name: string;
  checksum: string;
  finished_at: string | number | null;
  rolled_back_at: string | number | null;
}

export function runMigrations(dbFile: string, migrationsDir: string): MigrationReport {
  fs.mkdirSync(path.dirname(dbFile), { recursive: true });
  const db = new Database(dbFile);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.exec(MIGRATIONS_TABLE);
    const rows = db
      .prepare(
        'SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations',
      )
      .all() as MigrationRow[];
    const report: MigrationReport = { applied: [], alreadyApplied: [] };
    for (const name of listMigrations(migrationsDir)) {
      const sql = fs.readFileSync(path.join(migrationsDir, name, 'migration.sql'), 'utf8');
      const checksum = createHash('sha256').update(sql).digest('hex');
      const existing = rows.filter((r) => r.migration_name === name && r.rolled_back_at === null);
      if (existing.some((r) => r.finished_at === null)) {
        throw new Error(
          `Migration ${name} failed earlier and was never finished; fix the database by hand (see README, "Database").`,
        );
      }
      if (existing.length > 0) {
        report.alreadyApplied.push(name);
        continue;
      }
      applyOne(db, name, sql, checksum);
      report.applied.push(name);
    }
    return report;
  } finally {
    db.close();
  }
}

function listMigrations(migrationsDir: string): string[] {
  return fs
    .readdirSync(migrationsDir, { withFileTypes: true })
    .filter(
      (e) => e.isDirectory() && fs.existsSync(path.join(migrationsDir, e.name, 'migration.sql')),
    )
    .map((e) => e.name)
    .sort();
}

function applyOne(db: Database.Database, name: string, sql: string, checksum: string): void {
  const startedAt = prismaTimestamp();
  db.transaction(() => {
    db.exec(sql);
    db.prepare(
      `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
       VALUES (?, ?, ?, ?, NULL, NULL, ?, 1)`,
    ).run(randomUUID(), checksum, prismaTimestamp(), name, startedAt);
  })();
}

/** The format Prisma's schema engine writes into `_prisma_migrations` (RFC 3339, ms, +00:00). */
function prismaTimestamp(): string {
  return new Date().toISOString().replace('Z', '+00:00');
}
