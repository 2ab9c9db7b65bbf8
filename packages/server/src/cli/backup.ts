import { existsSync } from 'node:fs';
import SQLite from 'better-sqlite3';
import type { Config } from '../config.js';

const PG_ADVICE =
  'On PostgreSQL use its own tools: `pg_dump --format=custom "$DATABASE_URL" > kefu.dump` to back up and ' +
  '`pg_restore --clean --dbname "$DATABASE_URL" kefu.dump` to restore.';

export class UnsupportedOnPostgres extends Error {
  constructor() {
    super(PG_ADVICE);
  }
}

/** SQLite online backup: consistent while the server keeps running and writing. */
export async function backupDatabase(config: Config, file: string): Promise<void> {
  if (config.database.kind !== 'sqlite') throw new UnsupportedOnPostgres();
  const db = new SQLite(config.database.file, { fileMustExist: true });
  try {
    await db.backup(file);
  } finally {
    db.close();
  }
}

/**
 * Restores through SQLite's backup API into the live file, so the copy takes the database's own locks
 * instead of overwriting files under a running writer. Stop the server first all the same: its caches
 * would not know the data changed.
 */
export async function restoreDatabase(config: Config, file: string): Promise<void> {
  if (config.database.kind !== 'sqlite') throw new UnsupportedOnPostgres();
  if (!existsSync(file)) throw new Error(`No backup file at ${file}`);
  const source = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const result = source.pragma('integrity_check', { simple: true });
    if (result !== 'ok') throw new Error(`The backup ${file} fails SQLite's integrity check: ${String(result)}`);
    source.prepare('select count(*) from accounts').get();
    await source.backup(config.database.file);
  } finally {
    source.close();
  }
}
