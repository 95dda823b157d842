import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { execa } from 'execa';
import { runMigrations } from '../../src/prisma/migration-runner.js';
import { tempDir } from '../support/temp-dir.js';

const MIGRATIONS = path.resolve('prisma/migrations');
const allMigrations = fs
  .readdirSync(MIGRATIONS)
  .filter((n) => fs.existsSync(path.join(MIGRATIONS, n, 'migration.sql')));

describe(runMigrations.name, () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('creates the database file and its folder, and applies every migration once', () => {
    const file = path.join(tmp.dir, 'fresh', 'nested', 'kubelab.db');
    expect(runMigrations(file, MIGRATIONS)).toEqual({ applied: allMigrations, alreadyApplied: [] });
    expect(runMigrations(file, MIGRATIONS)).toEqual({ applied: [], alreadyApplied: allMigrations });
    const db = new Database(file, { readonly: true });
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all();
    db.close();
    expect(tables).toEqual(
      expect.arrayContaining([
        'Learner',
        'LabSession',
        'Cluster',
        'StepProgress',
        'GradingAttempt',
        'TranscriptEntry',
        '_prisma_migrations',
      ]),
    );
  });

  it('keeps the rows of an older database when a later migration redefines a table', () => {
    const [first, ...later] = allMigrations;
    const dir = path.join(tmp.dir, 'only-first');
    fs.mkdirSync(dir);
    fs.cpSync(path.join(MIGRATIONS, first ?? ''), path.join(dir, first ?? ''), { recursive: true });
    const file = path.join(tmp.dir, 'upgrade.db');
    runMigrations(file, dir);
    const db = new Database(file);
    db.exec(`INSERT INTO "Learner" ("id", "name", "tokenHash") VALUES ('l1', 'Ada', 'h1');
      INSERT INTO "LabSession" ("id", "learnerId", "labId", "labHash", "status", "expiresAt", "lastActiveAt")
        VALUES ('s1', 'l1', '00-linux-netzwerk', 'x', 'ready', 0, 0);
      INSERT INTO "GradingAttempt" ("id", "sessionId", "stepId", "passed", "results", "durationMs")
        VALUES ('a1', 's1', 'knoten', 1, '[]', 5);`);
    db.close();

    expect(runMigrations(file, MIGRATIONS).applied).toEqual(later);
    const after = new Database(file, { readonly: true });
    const rows = after.prepare('SELECT "id", "stepId", "trigger" FROM "GradingAttempt"').all();
    const fk = after.prepare('PRAGMA foreign_key_check').all();
    after.close();
    expect(rows).toEqual([{ id: 'a1', stepId: 'knoten', trigger: 'learner' }]);
    expect(fk).toEqual([]);
  });

  it('leaves one live session per learner and lab (the newest), and refuses a second from then on', () => {
    const before = allMigrations.filter((n) => n < '20261130150000');
    const dir = path.join(tmp.dir, 'before-live-index');
    fs.mkdirSync(dir);
    for (const name of before)
      fs.cpSync(path.join(MIGRATIONS, name), path.join(dir, name), { recursive: true });
    const file = path.join(tmp.dir, 'duplicates.db');
    runMigrations(file, dir);
    const db = new Database(file);
    const session = db.prepare(
      `INSERT INTO "LabSession" ("id", "learnerId", "labId", "labHash", "status", "createdAt", "expiresAt", "lastActiveAt")
       VALUES (?, 'l1', ?, 'x', ?, ?, 0, 0)`,
    );
    db.exec(`INSERT INTO "Learner" ("id", "name", "tokenHash") VALUES ('l1', 'Ada', 'h1')`);
    session.run('older', '01-quiz', 'ready', 1);
    session.run('newer', '01-quiz', 'provisioning', 2);
    session.run('ended', '01-quiz', 'finished', 3);
    session.run('other-lab', '02-dns', 'ready', 1);
    db.close();

    runMigrations(file, MIGRATIONS);
    const after = new Database(file);
    const statuses = after
      .prepare('SELECT "id", "status" FROM "LabSession" ORDER BY "id"')
      .all() as { id: string; status: string }[];
    expect(statuses).toEqual([
      { id: 'ended', status: 'finished' },
      { id: 'newer', status: 'provisioning' },
      { id: 'older', status: 'expired' },
      { id: 'other-lab', status: 'ready' },
    ]);
    const insert = after.prepare(
      `INSERT INTO "LabSession" ("id", "learnerId", "labId", "labHash", "status", "createdAt", "expiresAt", "lastActiveAt")
       VALUES (?, 'l1', '01-quiz', 'x', ?, 4, 0, 0)`,
    );
    expect(() => insert.run('second-live', 'queued')).toThrow(/UNIQUE constraint failed/);
    expect(() => insert.run('second-ended', 'expired')).not.toThrow();
    after.close();
  });

  it('rolls a failing migration back completely and refuses to go on', () => {
    const dir = path.join(tmp.dir, 'broken-migrations');
    fs.cpSync(MIGRATIONS, dir, { recursive: true });
    fs.mkdirSync(path.join(dir, '99999999999999_broken'));
    fs.writeFileSync(
      path.join(dir, '99999999999999_broken', 'migration.sql'),
      'CREATE TABLE "Half" ("id" TEXT);\nTHIS IS NOT SQL;',
    );
    const file = path.join(tmp.dir, 'broken.db');
    expect(() => runMigrations(file, dir)).toThrow();
    const db = new Database(file, { readonly: true });
    const half = db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'Half'").pluck().get();
    const recorded = db.prepare('SELECT migration_name FROM _prisma_migrations').pluck().all();
    db.close();
    expect(half).toBe(0);
    expect(recorded).toEqual(allMigrations);
  });

  it('keeps books the way `prisma migrate deploy` does, so the Prisma CLI sees nothing pending', async () => {
    const ours = path.join(tmp.dir, 'ours.db');
    runMigrations(ours, MIGRATIONS);
    const result = await execa('node_modules/.bin/prisma', ['migrate', 'status'], {
      env: { DATABASE_URL: `file:${ours}` },
      reject: false,
    });
    expect(result.stdout).toContain('Database schema is up to date!');

    const theirs = path.join(tmp.dir, 'theirs.db');
    await execa('node_modules/.bin/prisma', ['migrate', 'deploy'], {
      env: { DATABASE_URL: `file:${theirs}` },
    });
    const rows = (file: string) => {
      const db = new Database(file, { readonly: true });
      const result = db
        .prepare(
          'SELECT migration_name, checksum, logs, rolled_back_at, applied_steps_count, finished_at IS NOT NULL AS finished FROM _prisma_migrations ORDER BY migration_name',
        )
        .all();
      db.close();
      return result;
    };
    expect(rows(ours)).toEqual(rows(theirs));
  }, 60_000);
});
