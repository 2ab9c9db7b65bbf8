import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Config } from '../config.js';
import { type Db, openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrator.js';

export type TestDatabaseKind = 'sqlite' | 'postgres';

/** Which database this test run uses: the vitest project sets KEFU_TEST_DB. */
export function testDatabaseKind(): TestDatabaseKind {
  const kind = process.env.KEFU_TEST_DB ?? 'sqlite';
  if (kind !== 'sqlite' && kind !== 'postgres') throw new Error(`KEFU_TEST_DB must be sqlite or postgres, got ${kind}`);
  return kind;
}

export const TEST_POSTGRES_URL = process.env.KEFU_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  db: Db;
  database: Config['database'];
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database per test file: an in-memory SQLite database, or a new schema in the local
 * PostgreSQL. An unreachable PostgreSQL fails the test; it never skips.
 */
export async function createTestDatabase(kind = testDatabaseKind()): Promise<TestDatabase> {
  if (kind === 'sqlite') {
    const database = { kind: 'sqlite', file: ':memory:' } as const;
    const db = openDatabase(database);
    await migrateToLatest(db.kysely);
    return { db, database, drop: () => db.close() };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(`PostgreSQL at ${TEST_POSTGRES_URL} is not reachable: ${(error as Error).message}`);
  }
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const database = { kind: 'postgres', url: TEST_POSTGRES_URL } as const;
  const db = openDatabase(database, { pgSchema: schema, poolSize: 5 });
  await migrateToLatest(db.kysely);
  return {
    db,
    database,
    async drop() {
      await db.close();
      const cleanup = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await cleanup.connect();
      await cleanup.query(`drop schema ${schema} cascade`);
      await cleanup.end();
    },
  };
}
