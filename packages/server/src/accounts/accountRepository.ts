import type { AccountsTable } from '../db/schema.js';
import type { Executor } from '../db/transaction.js';

export type AccountRow = AccountsTable;

export async function insertAccount(db: Executor, a: AccountRow): Promise<void> {
  await db.insertInto('accounts').values(a).execute();
}

export function findAccount(db: Executor, id: string): Promise<AccountRow | undefined> {
  return db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateAccount(
  db: Executor,
  id: string,
  changes: Partial<Pick<AccountRow, 'name' | 'locale' | 'timezone'>>,
  now: number,
): Promise<void> {
  await db
    .updateTable('accounts')
    .set({ ...changes, updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function countAccounts(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('accounts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The oldest workspace: the one the CLI acts on in a single-workspace install. */
export async function findFirstAccountId(db: Executor): Promise<string | undefined> {
  const row = await db.selectFrom('accounts').select('id').orderBy('id').limit(1).executeTakeFirst();
  return row?.id;
}
