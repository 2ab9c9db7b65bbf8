import type { Executor } from '../db/transaction.js';

/** The caller's ticket notifications, newest first after the cursor (a notification id), with their ticket. */
export function listUserNotifications(
  db: Executor,
  accountId: string,
  userId: string,
  page: { cursor?: string | undefined; limit: number; unread?: boolean | undefined },
) {
  let q = db
    .selectFrom('ticket_notifications as n')
    .innerJoin('tickets as t', 't.id', 'n.ticket_id')
    .select([
      'n.id',
      'n.kind',
      'n.ticket_id',
      'n.task_id',
      'n.actor_id',
      'n.actor_name',
      'n.detail',
      'n.created_at',
      'n.read_at',
      't.number',
      't.title',
    ])
    .where('n.account_id', '=', accountId)
    .where('n.user_id', '=', userId);
  if (page.unread) q = q.where('n.read_at', 'is', null);
  if (page.cursor) q = q.where('n.id', '<', page.cursor);
  return q.orderBy('n.id', 'desc').limit(page.limit).execute();
}
export type UserNotificationRow = Awaited<ReturnType<typeof listUserNotifications>>[number];

export async function countUnreadNotifications(db: Executor, accountId: string, userId: string): Promise<number> {
  const row = await db
    .selectFrom('ticket_notifications')
    .select((eb) => eb.fn.countAll<string | number>().as('count'))
    .where('account_id', '=', accountId)
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Marks the caller's own notifications read (`ids` absent: all of them); others' ids are left alone. */
export async function markNotificationsRead(
  db: Executor,
  accountId: string,
  userId: string,
  ids: string[] | undefined,
  now: number,
): Promise<void> {
  let q = db
    .updateTable('ticket_notifications')
    .set({ read_at: now })
    .where('account_id', '=', accountId)
    .where('user_id', '=', userId)
    .where('read_at', 'is', null);
  if (ids) q = q.where('id', 'in', ids);
  await q.execute();
}
