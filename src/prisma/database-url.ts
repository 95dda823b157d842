import path from 'node:path';

/** `file:<path>` → absolute path; a relative path is taken from the working directory. */
export function sqliteFilePath(databaseUrl: string): string {
  const raw = databaseUrl.replace(/^file:/, '').split('?')[0];
  if (!raw) throw new Error(`DATABASE_URL has no file path: ${databaseUrl}`);
  return path.resolve(raw);
}
