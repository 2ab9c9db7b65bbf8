import type { TicketEventsTable, TicketNotificationsTable } from '../db/schema.js';
import type { Executor } from '../db/transaction.js';

export type TicketEventRow = TicketEventsTable;
export type TicketNotificationRow = TicketNotificationsTable;

export async function insertTicketEvents(db: Executor, rows: TicketEventRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto('ticket_events').values(rows).execute();
}

/** Oldest first after the cursor (an entry id). */
export function listTicketEvents(
  db: Executor,
  ticketId: string,
  page: { cursor?: string | undefined; limit: number },
): Promise<TicketEventRow[]> {
  let q = db.selectFrom('ticket_events').selectAll().where('ticket_id', '=', ticketId);
  if (page.cursor) q = q.where('id', '>', page.cursor);
  return q.orderBy('id').limit(page.limit).execute();
}

export async function insertTicketNotifications(db: Executor, rows: TicketNotificationRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto('ticket_notifications').values(rows).execute();
}
