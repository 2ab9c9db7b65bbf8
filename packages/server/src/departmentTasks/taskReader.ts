import type { TaskListQuery, TicketTaskDetailView, TicketTaskView } from '@kefu/shared';
import type { AppContext } from '../context.js';
import type { Actor } from '../http/actor.js';
import { listComments, listTicketFiles } from '../tickets/ticketCommentRepository.js';
import { userNamesOf } from '../tickets/ticketRefsRepository.js';
import { ticketRefsOf } from '../tickets/ticketRepository.js';
import { visibleTask } from './taskCommands.js';
import { presentTask, presentTaskReply } from './taskPresenter.js';
import { listVisibleTasks, type TaskRow } from './taskRepository.js';

/** A task thread is short; its replies come whole. */
const REPLIES_MAX = 500;

async function presentTasks(ctx: AppContext, accountId: string, rows: TaskRow[]): Promise<TicketTaskView[]> {
  const db = ctx.db.kysely;
  const tickets = await ticketRefsOf(
    db,
    accountId,
    rows.map((r) => r.ticket_id),
  );
  const names = await userNamesOf(
    db,
    accountId,
    rows.flatMap((r) => (r.owner_id ? [r.owner_id] : [])),
  );
  const now = ctx.clock.now();
  return rows.map((row) =>
    presentTask(row, tickets.get(row.ticket_id) ?? { id: row.ticket_id, number: '', title: '' }, names, now),
  );
}

/** The caller's task inbox: tasks they own and their teams' tasks, newest first. */
export async function loadTaskList(
  ctx: AppContext,
  actor: Actor,
  query: TaskListQuery,
): Promise<{ items: TicketTaskView[]; nextCursor: string | null }> {
  const rows = await listVisibleTasks(ctx.db.kysely, actor.accountId, actor.userId, {
    ...query,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  return {
    items: await presentTasks(ctx, actor.accountId, page),
    nextCursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

export async function loadTaskDetail(ctx: AppContext, actor: Actor, taskId: string): Promise<TicketTaskDetailView> {
  const task = await visibleTask(ctx, actor, taskId);
  const [view] = await presentTasks(ctx, actor.accountId, [task]);
  const replies = await listComments(ctx.db.kysely, task.ticket_id, { taskId: task.id, limit: REPLIES_MAX });
  const files = await listTicketFiles(
    ctx.db.kysely,
    task.ticket_id,
    replies.flatMap((r) => JSON.parse(r.files) as string[]),
  );
  const fileMap = new Map(files.map((f) => [f.id, f]));
  return { ...view!, replies: replies.map((reply) => presentTaskReply(reply, fileMap)) };
}
