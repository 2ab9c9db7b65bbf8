import type { TicketSavedViewsTable } from '../db/schema.js';
import type { Executor } from '../db/transaction.js';

export type SavedViewRow = TicketSavedViewsTable;

export async function insertSavedView(db: Executor, row: SavedViewRow): Promise<void> {
  await db.insertInto('ticket_saved_views').values(row).execute();
}

export function findSavedView(db: Executor, accountId: string, id: string): Promise<SavedViewRow | undefined> {
  return db
    .selectFrom('ticket_saved_views')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findSavedViewByName(db: Executor, ownerId: string, name: string): Promise<SavedViewRow | undefined> {
  return db
    .selectFrom('ticket_saved_views')
    .selectAll()
    .where('owner_id', '=', ownerId)
    .where('name', '=', name)
    .executeTakeFirst();
}

export async function countSavedViews(db: Executor, ownerId: string): Promise<number> {
  const row = await db
    .selectFrom('ticket_saved_views')
    .select((eb) => eb.fn.countAll<string | number>().as('count'))
    .where('owner_id', '=', ownerId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** The user's own views and those shared with a team they belong to, by name. */
export function listVisibleSavedViews(db: Executor, accountId: string, userId: string): Promise<SavedViewRow[]> {
  return db
    .selectFrom('ticket_saved_views')
    .selectAll()
    .where('account_id', '=', accountId)
    .where((eb) =>
      eb.or([
        eb('owner_id', '=', userId),
        eb('team_id', 'in', eb.selectFrom('team_members').select('team_id').where('user_id', '=', userId)),
      ]),
    )
    .orderBy('name')
    .orderBy('id')
    .execute();
}

export async function updateSavedView(
  db: Executor,
  accountId: string,
  id: string,
  changes: Partial<SavedViewRow>,
): Promise<void> {
  await db
    .updateTable('ticket_saved_views')
    .set(changes)
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .execute();
}

export async function deleteSavedView(db: Executor, accountId: string, id: string): Promise<void> {
  await db.deleteFrom('ticket_saved_views').where('account_id', '=', accountId).where('id', '=', id).execute();
}
