import type { BusinessCalendarsTable } from '../db/schema.js';
import type { Executor } from '../db/transaction.js';

export type BusinessCalendarRow = BusinessCalendarsTable;

export async function insertBusinessCalendar(db: Executor, row: BusinessCalendarRow): Promise<void> {
  await db.insertInto('business_calendars').values(row).execute();
}

export function findBusinessCalendar(
  db: Executor,
  accountId: string,
  id: string,
): Promise<BusinessCalendarRow | undefined> {
  return db
    .selectFrom('business_calendars')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/**
 * Reads the calendar with its row locked until the transaction ends (a no-op update locks on PostgreSQL; SQLite
 * has one writer), so a deletion and a policy choosing the calendar never interleave.
 */
export async function lockBusinessCalendar(
  db: Executor,
  accountId: string,
  id: string,
): Promise<BusinessCalendarRow | undefined> {
  await db
    .updateTable('business_calendars')
    .set((eb) => ({ updated_at: eb.ref('updated_at') }))
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .execute();
  return findBusinessCalendar(db, accountId, id);
}

export function findBusinessCalendarByName(
  db: Executor,
  accountId: string,
  name: string,
): Promise<BusinessCalendarRow | undefined> {
  return db
    .selectFrom('business_calendars')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('name', '=', name)
    .executeTakeFirst();
}

export function listBusinessCalendars(db: Executor, accountId: string): Promise<BusinessCalendarRow[]> {
  return db
    .selectFrom('business_calendars')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('name')
    .orderBy('id')
    .execute();
}

export async function updateBusinessCalendar(
  db: Executor,
  accountId: string,
  id: string,
  changes: Partial<Pick<BusinessCalendarRow, 'name' | 'time_zone' | 'weekly' | 'holidays' | 'special_working_days'>>,
  now: number,
): Promise<void> {
  await db
    .updateTable('business_calendars')
    .set({ ...changes, updated_at: now })
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .execute();
}

export async function deleteBusinessCalendar(db: Executor, accountId: string, id: string): Promise<void> {
  await db.deleteFrom('business_calendars').where('account_id', '=', accountId).where('id', '=', id).execute();
}
