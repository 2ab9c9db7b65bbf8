import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import type { Db } from './database.js';

/**
 * How often the checkpointer copies the WAL into the database. Often, so that when the writer does checkpoint
 * (below) little of the WAL is left to copy and sync: at 100 ms that stop took 30–50 ms, at 25 ms about 20.
 */
const CHECKPOINT_EVERY_MS = 25;

/**
 * The writer's own checkpoint, in pages of WAL (SQLite's default is 1,000). SQLite starts the WAL over only when a
 * checkpoint has copied all of it before the next write; under steady chat load new commits always arrive while
 * the checkpointer copies, so the writer still checkpoints when the WAL reaches this size: copying little (the
 * checkpointer did the rest) but syncing both files, 20–30 ms here. At 1,000 pages that was several times a
 * second at 5,000 messages/s, and every message behind it waited; at 100,000 (400 MB of WAL at most) it is once in
 * several seconds of full load, and when the load pauses for a moment the WAL starts over by itself.
 */
const WRITER_CHECKPOINT_PAGES = 100_000;

/**
 * The worker: its own connection to the file, and a passive checkpoint (it never waits for a lock and never
 * blocks the writer) at every interval. An error ends the worker; the parent logs it.
 */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const SQLite = require(workerData.driver);
const db = new SQLite(workerData.file, { fileMustExist: true });
db.pragma('synchronous = NORMAL');
setInterval(() => db.pragma('wal_checkpoint(PASSIVE)'), workerData.everyMs);
`;

export interface WalCheckpointer {
  stop(): Promise<void>;
}

/**
 * SQLite's own checkpoint runs in the commit that takes the WAL past its limit, on the server's one JavaScript
 * thread: under chat load it held every socket up for 30–50 ms several times a second (copying pages and syncing
 * both files). This thread copies the WAL into the database every 25 ms instead, and the writer's own checkpoint
 * moves far out (WRITER_CHECKPOINT_PAGES), where it finds little left to copy. If the thread fails, the writer
 * goes back to SQLite's default. Null for PostgreSQL and in-memory databases.
 */
export function startWalCheckpointer(db: Db, log: Logger): WalCheckpointer | null {
  if (db.kind !== 'sqlite' || !db.sqlite || db.sqlite.memory) return null;
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      file: db.sqlite.name,
      driver: createRequire(import.meta.url).resolve('better-sqlite3'),
      everyMs: CHECKPOINT_EVERY_MS,
    },
  });
  worker.unref();
  const sqlite = db.sqlite;
  sqlite.pragma(`wal_autocheckpoint = ${WRITER_CHECKPOINT_PAGES}`);
  /** Without the thread, SQLite's default: small checkpoints often, in the writer. */
  const writerAlone = () => {
    if (sqlite.open) sqlite.pragma('wal_autocheckpoint = 1000');
  };
  worker.on('error', (error) => {
    writerAlone();
    log.warn({ err: error }, 'WAL checkpointer stopped; the writer checkpoints alone');
  });
  return {
    async stop() {
      await worker.terminate();
      writerAlone();
    },
  };
}
