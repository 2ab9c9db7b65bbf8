import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, testDatabaseKind } from '../test/testDatabase.js';
import { directSqlite, holdsWriteLock } from './directSqlite.js';
import { inWriteTransaction } from './groupCommit.js';

describe('direct SQLite statements', () => {
  const sqlite = testDatabaseKind() === 'sqlite';
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  it('run on the database only while no transaction is open on its connection; never on PostgreSQL', async () => {
    const db = t.db.kysely;
    if (sqlite) expect(directSqlite(db)?.get<{ one: number }>('select 1 as one')).toEqual({ one: 1 });
    else expect(directSqlite(db)).toBeUndefined();
    await db.transaction().execute(async (trx) => {
      await sql`select 1`.execute(trx);
      // Another transaction holds the connection: a direct statement would see its rows or join it.
      expect(directSqlite(db)).toBeUndefined();
      // Nor inside it: only the group commit's own transaction lends its connection.
      expect(directSqlite(trx)).toBeUndefined();
    });
    expect(directSqlite(db) !== undefined).toBe(sqlite);
  });

  it("run inside the group commit's transaction, which holds SQLite's write lock from its start", async () => {
    const seen = await inWriteTransaction(t.db, async (trx) => ({
      direct: directSqlite(trx) !== undefined,
      holds: holdsWriteLock(trx),
      root: directSqlite(t.db.kysely),
    }));
    expect(seen).toEqual({ direct: sqlite, holds: sqlite, root: undefined });
  });
});
