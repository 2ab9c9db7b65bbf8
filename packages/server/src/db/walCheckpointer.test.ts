import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../test/testSocket.js';
import { type Db, openDatabase } from './database.js';
import { startWalCheckpointer } from './walCheckpointer.js';

describe('WAL checkpointer', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  function fileDatabase(): { db: Db; file: string } {
    const dir = mkdtempSync(path.join(tmpdir(), 'kefu-wal-'));
    const file = path.join(dir, 'kefu.db');
    const db = openDatabase({ kind: 'sqlite', file });
    cleanups.push(async () => {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    });
    return { db, file };
  }

  /** Rows that only the WAL holds until a checkpoint copies them into the database file. */
  function writeRows(db: Db, rows: number) {
    const sqlite = db.sqlite!;
    sqlite.exec('create table if not exists filler (id integer primary key, body text not null)');
    const insert = sqlite.prepare('insert into filler (body) values (?)');
    sqlite.transaction(() => {
      for (let i = 0; i < rows; i++) insert.run('客服'.repeat(200));
    })();
  }

  it('copies the WAL into the database file from its own thread, while the writer leaves it to it', async () => {
    const { db, file } = fileDatabase();
    const checkpointer = startWalCheckpointer(db, pino({ level: 'silent' }))!;
    cleanups.push(() => checkpointer.stop());
    expect(db.sqlite!.pragma('wal_autocheckpoint', { simple: true })).toBe(100_000);
    const before = statSync(file).size;
    writeRows(db, 2000);
    // The writer does not checkpoint below 100,000 pages: only the thread can have grown the file.
    await eventually(async () => statSync(file).size > before + 1_000_000, 'the rows reached the database file');
  });

  it('gives the writer its own checkpoints back when it stops', async () => {
    const { db } = fileDatabase();
    const checkpointer = startWalCheckpointer(db, pino({ level: 'silent' }))!;
    await checkpointer.stop();
    expect(db.sqlite!.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
  });

  it('is not started for an in-memory database', () => {
    const db = openDatabase({ kind: 'sqlite', file: ':memory:' });
    cleanups.push(() => db.close());
    expect(startWalCheckpointer(db, pino({ level: 'silent' }))).toBeNull();
  });
});
