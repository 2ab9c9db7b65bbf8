import type { TicketTasksTable } from '../db/schema.js';
import type { Executor } from '../db/transaction.js';

export type TaskRow = TicketTasksTable;

export async function insertTask(db: Executor, row: TaskRow): Promise<void> {
  await db.insertInto('ticket_tasks').values(row).execute();
}

export function findTask(db: Executor, accountId: string, id: string): Promise<TaskRow | undefined> {
  return db
    .selectFrom('ticket_tasks')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function listTasksOfTicket(db: Executor, ticketId: string): Promise<TaskRow[]> {
  return db.selectFrom('ticket_tasks').selectAll().where('ticket_id', '=', ticketId).orderBy('id').execute();
}

export async function countOpenTasks(db: Executor, ticketId: string): Promise<number> {
  const row = await db
    .selectFrom('ticket_tasks')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('ticket_id', '=', ticketId)
    .where('status', '=', 'open')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Writes the changes and the next version if the task still has `version`; returns whether it did. */
export async function updateTaskVersioned(
  db: Executor,
  id: string,
  version: number,
  changes: Partial<Omit<TaskRow, 'id' | 'account_id' | 'ticket_id' | 'version'>>,
): Promise<boolean> {
  const result = await db
    .updateTable('ticket_tasks')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Tasks the user may see: owned by them, or belonging to one of their teams. `scope` narrows to owned (`mine`)
 * or to the teams' (`team`). Newest first, after the cursor.
 */
export function listVisibleTasks(
  db: Executor,
  accountId: string,
  userId: string,
  page: {
    cursor?: string | undefined;
    limit: number;
    status?: string | undefined;
    scope?: 'mine' | 'team' | undefined;
  },
): Promise<TaskRow[]> {
  let q = db.selectFrom('ticket_tasks').selectAll().where('account_id', '=', accountId);
  const myTeams = db.selectFrom('team_members').select('team_id').where('user_id', '=', userId);
  if (page.scope === 'mine') q = q.where('owner_id', '=', userId);
  else if (page.scope === 'team') q = q.where('team_id', 'in', myTeams);
  else q = q.where((eb) => eb.or([eb('owner_id', '=', userId), eb('team_id', 'in', myTeams)]));
  if (page.status) q = q.where('status', '=', page.status);
  if (page.cursor) q = q.where('id', '<', page.cursor);
  return q.orderBy('id', 'desc').limit(page.limit).execute();
}

/** Open tasks past their due time whose owner or team has not yet been told. */
export function listOverdueTasks(db: Executor, now: number, limit: number): Promise<TaskRow[]> {
  return db
    .selectFrom('ticket_tasks')
    .selectAll()
    .where('status', '=', 'open')
    .where('due_at', 'is not', null)
    .where('due_at', '<=', now)
    .where('overdue_notified_at', 'is', null)
    .orderBy('due_at')
    .limit(limit)
    .execute();
}

export async function markTaskOverdueNotified(db: Executor, id: string, now: number): Promise<boolean> {
  const result = await db
    .updateTable('ticket_tasks')
    .set({ overdue_notified_at: now })
    .where('id', '=', id)
    .where('overdue_notified_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
