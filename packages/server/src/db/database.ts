import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, type SqliteDatabase, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.js';
import { registerSqliteDatabase, StatementCache } from './directSqlite.js';
import type { Database } from './schema.js';

export type DatabaseKind = 'sqlite' | 'postgres';

export interface Db {
  kind: DatabaseKind;
  kysely: Kysely<Database>;
  /** The raw SQLite handle, for online backup; undefined on PostgreSQL. */
  sqlite: SQLite.Database | undefined;
  /** SQLite's prepared statements (db/directSqlite.ts); undefined on PostgreSQL. */
  statements: StatementCache | undefined;
  close(): Promise<void>;
}

// int8 (bigint, count(*)) would arrive as strings; every int8 here is epoch ms or a count, far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export function openDatabase(database: Config['database'], options: { pgSchema?: string; poolSize?: number } = {}): Db {
  if (database.kind === 'sqlite') {
    if (database.file !== ':memory:') mkdirSync(path.dirname(database.file), { recursive: true });
    const sqlite = new SQLite(database.file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('synchronous = NORMAL');
    const statements = new StatementCache(sqlite);
    const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(statements) }) });
    registerSqliteDatabase(kysely, statements);
    return { kind: 'sqlite', kysely, sqlite, statements, close: () => kysely.destroy() };
  }
  const pool = new pg.Pool({
    connectionString: database.url,
    max: options.poolSize ?? 10,
    ...(options.pgSchema ? { options: `-c search_path=${options.pgSchema}` } : {}),
  });
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { kind: 'postgres', kysely, sqlite: undefined, statements: undefined, close: () => kysely.destroy() };
}

/**
 * Kysely's SQLite driver prepares every query anew; with the shared cache (db/directSqlite.ts) a statement is
 * prepared once per SQL text. Safe because Kysely runs one query at a time on the one connection (its mutex).
 */
function withStatementCache(cache: StatementCache): SqliteDatabase {
  return { close: () => cache.sqlite.close(), prepare: (sql: string) => cache.prepare(sql) };
}

export async function pingDatabase(db: Db): Promise<void> {
  await sql`select 1`.execute(db.kysely);
}
