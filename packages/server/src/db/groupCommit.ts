import { type Kysely, sql, type Transaction } from 'kysely';
import type { Db } from './database.js';
import type { Database } from './schema.js';

/** Units of work in one SQLite transaction at most; more wait for the next one. */
const MAX_BATCH = 128;

interface Job {
  work: (trx: Transaction<Database>) => Promise<unknown>;
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

  constructor(private readonly kysely: Kysely<Database>) {}

  run<T>(work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
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
      if (jobs.length === 1) {
        // Alone: a plain transaction, exactly as without batching.
        const job = jobs[0]!;
        await this.kysely.transaction().execute(job.work).then(job.resolve, job.reject);
        return;
      }
      const outcomes: { ok: boolean; value: unknown }[] = [];
      try {
        await this.kysely.transaction().execute(async (trx) => {
          for (const job of jobs) {
            await sql`savepoint kefu_unit`.execute(trx);
            let value: unknown;
            try {
              value = await job.work(trx);
            } catch (error) {
              // A failure of these two (the whole transaction is gone) fails the batch.
              await sql`rollback to kefu_unit`.execute(trx);
              await sql`release kefu_unit`.execute(trx);
              outcomes.push({ ok: false, value: error });
              continue;
            }
            await sql`release kefu_unit`.execute(trx);
            outcomes.push({ ok: true, value });
          }
        });
      } catch (error) {
        // The commit (or a savepoint) failed: nothing of this batch is stored.
        for (const job of jobs) job.reject(error);
        return;
      }
      jobs.forEach((job, i) => {
        const outcome = outcomes[i]!;
        if (outcome.ok) job.resolve(outcome.value);
        else job.reject(outcome.value);
      });
    } finally {
      this.scheduled = false;
      if (this.queue.length > 0) this.schedule();
    }
  }
}

const groups = new WeakMap<Kysely<Database>, GroupCommit>();

/**
 * Runs `work` in a transaction of its own (PostgreSQL) or in the next group commit (SQLite). Either way it has
 * committed when the promise resolves, and nothing of it is stored when the promise rejects.
 */
export function inWriteTransaction<T>(db: Db, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  if (db.kind !== 'sqlite') return db.kysely.transaction().execute(work);
  let group = groups.get(db.kysely);
  if (!group) {
    group = new GroupCommit(db.kysely);
    groups.set(db.kysely, group);
  }
  return group.run(work);
}
