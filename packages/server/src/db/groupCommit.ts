import type { Kysely } from 'kysely';
import type { Db } from './database.js';
import { type DirectSqlite, holdDirect, releaseDirect, type StatementCache } from './directSqlite.js';
import type { Database } from './schema.js';
import type { Executor } from './transaction.js';

/** Units of work in one SQLite transaction at most; more wait for the next one. */
const MAX_BATCH = 128;

interface Job {
  work: (trx: Executor) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for SQLite. On SQLite a commit (appending the changed pages to the WAL) cost more than all the
 * statements of a chat message together, and there is only one connection anyway. So small write units of many
 * callers that arrive in the same turn of the event loop run in ONE transaction, each inside its own savepoint:
 *
 * - a unit that throws is rolled back to its savepoint and rejects with its own error; the others are unaffected;
 * - every unit settles only after the COMMIT succeeded (store before ack); if the commit fails, all reject;
 * - units run in the order they were submitted, so a conversation's messages keep their order.
 *
 * PostgreSQL has a pool of connections and row locks, so there each unit keeps its own transaction.
 */
class GroupCommit {
  private queue: Job[] = [];
  private scheduled = false;

  constructor(
    private readonly kysely: Kysely<Database>,
    private readonly statements: StatementCache,
  ) {}

  run<T>(work: (trx: Executor) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      this.schedule();
    });
  }

  private schedule() {
    if (this.scheduled) return;
    this.scheduled = true;
    // After the poll phase: every socket frame read in this turn of the event loop joins the batch.
    setImmediate(() => void this.flush());
  }

  private async flush() {
    const jobs = this.queue.splice(0, MAX_BATCH);
    try {
      // The connection is ours until the callback ends (Kysely's mutex), so the repositories may run their
      // statements on it directly (db/directSqlite.ts).
      await this.kysely.connection().execute(async (connection) => {
        const direct = holdDirect(connection, this.statements);
        try {
          await this.commit(connection, direct, jobs);
        } finally {
          releaseDirect(connection);
        }
      });
    } catch (error) {
      for (const job of jobs) job.reject(error);
    } finally {
      this.scheduled = false;
      if (this.queue.length > 0) this.schedule();
    }
  }

  private async commit(connection: Executor, direct: DirectSqlite, jobs: Job[]) {
    const outcomes: { ok: boolean; value: unknown }[] = [];
    // IMMEDIATE: the write lock from the start, so a second process on the file makes this wait (busy_timeout)
    // instead of failing the batch when its first read turns into a write.
    direct.run('begin immediate');
    try {
      if (jobs.length === 1) {
        // Alone: a plain transaction, exactly as without batching.
        outcomes.push({ ok: true, value: await jobs[0]!.work(connection) });
      } else {
        for (const job of jobs) {
          direct.run('savepoint kefu_unit');
          let value: unknown;
          try {
            value = await job.work(connection);
          } catch (error) {
            // A failure of these two (the whole transaction is gone) fails the batch.
            direct.run('rollback to kefu_unit');
            direct.run('release kefu_unit');
            outcomes.push({ ok: false, value: error });
            continue;
          }
          direct.run('release kefu_unit');
          outcomes.push({ ok: true, value });
        }
      }
      direct.run('commit');
    } catch (error) {
      // A lone unit, a savepoint or the commit failed: nothing of this batch is stored.
      if (this.statements.sqlite.inTransaction) direct.run('rollback');
      for (const job of jobs) job.reject(error);
      return;
    }
    jobs.forEach((job, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) job.resolve(outcome.value);
      else job.reject(outcome.value);
    });
  }
}

const groups = new WeakMap<Kysely<Database>, GroupCommit>();

/**
 * Runs `work` in a transaction of its own (PostgreSQL) or in the next group commit (SQLite). Either way it has
 * committed when the promise resolves, and nothing of it is stored when the promise rejects.
 */
export function inWriteTransaction<T>(db: Db, work: (trx: Executor) => Promise<T>): Promise<T> {
  if (db.kind !== 'sqlite' || !db.statements) return db.kysely.transaction().execute(work);
  let group = groups.get(db.kysely);
  if (!group) {
    group = new GroupCommit(db.kysely, db.statements);
    groups.set(db.kysely, group);
  }
  return group.run(work);
}
