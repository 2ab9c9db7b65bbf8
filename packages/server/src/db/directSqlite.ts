import type SQLite from 'better-sqlite3';
import type { Executor } from './transaction.js';

export type SqlValue = string | number | bigint | Buffer | null;

/** Distinct SQL texts kept prepared; values are always parameters, so there is one text per query shape. */
const STATEMENT_CACHE_SIZE = 2000;

/**
 * better-sqlite3 statements kept by SQL text, for Kysely's driver and for the direct statements below.
 * Preparing had been a quarter of the server's CPU under chat load. Safe to share: better-sqlite3 runs one
 * statement at a time on the one connection, and SQLite re-prepares a statement when the schema changes.
 * Bounded: a full cache starts over.
 */
export class StatementCache {
  private readonly statements = new Map<string, SQLite.Statement>();

  constructor(readonly sqlite: SQLite.Database) {}

  prepare(sql: string): SQLite.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.sqlite.prepare(sql);
      if (this.statements.size >= STATEMENT_CACHE_SIZE) this.statements.clear();
      this.statements.set(sql, statement);
    }
    return statement;
  }
}

/** Runs SQL on the SQLite connection at once, without Kysely (repositories only, on the chat's hot path). */
export class DirectSqlite {
  constructor(private readonly cache: StatementCache) {}

  get<T>(sql: string, ...params: SqlValue[]): T | undefined {
    return this.cache.prepare(sql).get(...params) as T | undefined;
  }

  all<T>(sql: string, ...params: SqlValue[]): T[] {
    return this.cache.prepare(sql).all(...params) as T[];
  }

  /** Returns the number of rows changed. */
  run(sql: string, ...params: SqlValue[]): number {
    return this.cache.prepare(sql).run(...params).changes;
  }
}

/** The database itself (SQLite): direct statements only while no transaction is open on the connection. */
const databases = new WeakMap<object, { sqlite: SQLite.Database; direct: DirectSqlite }>();
/** Connections inside a transaction this process holds (db/groupCommit.ts). */
const held = new WeakMap<object, DirectSqlite>();

export function registerSqliteDatabase(kysely: object, cache: StatementCache): void {
  databases.set(kysely, { sqlite: cache.sqlite, direct: new DirectSqlite(cache) });
}

/** For the length of a transaction the caller holds on `executor`'s connection. */
export function holdDirect(executor: object, cache: StatementCache): DirectSqlite {
  const direct = new DirectSqlite(cache);
  held.set(executor, direct);
  return direct;
}

export function releaseDirect(executor: object): void {
  held.delete(executor);
}

/** Inside the group commit's transaction: it holds SQLite's write lock from its start (BEGIN IMMEDIATE). */
export function holdsWriteLock(db: Executor): boolean {
  return held.has(db);
}

/**
 * Kysely builds and compiles each query anew, which cost more CPU than SQLite running it. On the chat's hot path
 * repositories run hand-written SQL straight on better-sqlite3 instead, where that cannot mix with anybody
 * else's work on the one connection:
 *
 * - inside a transaction this process holds (the group commit): nothing else runs on the connection until it
 *   ends, and better-sqlite3 is synchronous;
 * - on the database while no transaction is open: the statement runs alone, in autocommit, before anything else
 *   can start. While another transaction is open (it may be waiting between two statements) it could see that
 *   transaction's uncommitted rows, or join it, so then Kysely (which waits for the connection) runs it.
 *
 * Undefined on PostgreSQL and everywhere else: the caller uses Kysely.
 */
export function directSqlite(db: Executor): DirectSqlite | undefined {
  const inHeldTransaction = held.get(db);
  if (inHeldTransaction) return inHeldTransaction;
  const database = databases.get(db);
  return database && !database.sqlite.inTransaction ? database.direct : undefined;
}
