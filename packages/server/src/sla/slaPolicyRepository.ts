import type { SlaPoliciesTable } from '../db/schema.js';
import type { Executor } from '../db/transaction.js';

export type SlaPolicyRow = SlaPoliciesTable;

export async function insertSlaPolicy(db: Executor, row: SlaPolicyRow): Promise<void> {
  await db.insertInto('sla_policies').values(row).execute();
}

export function findSlaPolicy(db: Executor, accountId: string, id: string): Promise<SlaPolicyRow | undefined> {
  return db
    .selectFrom('sla_policies')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findSlaPolicyByName(db: Executor, accountId: string, name: string): Promise<SlaPolicyRow | undefined> {
  return db
    .selectFrom('sla_policies')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('name', '=', name)
    .executeTakeFirst();
}

/** In the order they are tried. */
export function listSlaPolicies(db: Executor, accountId: string): Promise<SlaPolicyRow[]> {
  return db
    .selectFrom('sla_policies')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('position')
    .orderBy('id')
    .execute();
}

/** Policies whose targets count in the calendar's business time, in order. */
export function slaPoliciesUsingCalendar(
  db: Executor,
  accountId: string,
  calendarId: string,
): Promise<{ id: string; name: string }[]> {
  return db
    .selectFrom('sla_policies')
    .select(['id', 'name'])
    .where('account_id', '=', accountId)
    .where('calendar_id', '=', calendarId)
    .orderBy('position')
    .orderBy('id')
    .execute();
}

export async function updateSlaPolicy(
  db: Executor,
  accountId: string,
  id: string,
  changes: Partial<SlaPolicyRow>,
): Promise<void> {
  await db.updateTable('sla_policies').set(changes).where('account_id', '=', accountId).where('id', '=', id).execute();
}

/** Writes the positions of the workspace's policies in the order given. */
export async function reorderSlaPolicies(db: Executor, accountId: string, orderedIds: string[]): Promise<void> {
  for (const [position, id] of orderedIds.entries()) {
    await db
      .updateTable('sla_policies')
      .set({ position })
      .where('account_id', '=', accountId)
      .where('id', '=', id)
      .where('position', '!=', position)
      .execute();
  }
}

export async function deleteSlaPolicy(db: Executor, accountId: string, id: string): Promise<void> {
  await db.deleteFrom('sla_policies').where('account_id', '=', accountId).where('id', '=', id).execute();
}
