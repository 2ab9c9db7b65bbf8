import { TICKET_LIMITS } from '@kefu/shared';
import type { AppContext } from '../context.js';
import { listOverdueTasks, markTaskOverdueNotified } from '../departmentTasks/taskRepository.js';
import { startPeriodic } from '../maintenance/periodic.js';
import { type TicketActor, type TicketChange, ticketChange } from './ticketChange.js';
import { teamMemberIds } from './ticketRefsRepository.js';
import { listPromisesDue, markPromiseNotice } from './ticketRepository.js';

/** How often each node checks promised reply times and task due times. */
export const DUE_SWEEP_INTERVAL_MS = 60_000;
const BATCH = 200;

const system = (accountId: string): TicketActor => ({ type: 'system', accountId });

/** Who is told about a ticket's promise: its followers (assignee and watchers), else whoever recorded it. */
async function promiseAudience(change: TicketChange): Promise<string[]> {
  const followers = await change.followers();
  if (followers.length > 0) return followers;
  return change.current.recorded_by ? [change.current.recorded_by] : [];
}

/**
 * The due check. A promised reply time (约定回复时间) not yet kept gets one reminder within
 * TICKET_LIMITS.promiseReminderLeadMs of it and one overdue notice once it has passed; an open department task
 * past its due time gets one overdue notice, to its owner (or team) and the ticket's followers. Each notice is a notifications-outbox row per recipient
 * (ticket_notifications: promise.due_soon, promise.overdue, task.overdue), a timeline entry for the promise
 * ones, and a `ticket.changed` event. Every notice is claimed by a conditional update inside the ticket's change,
 * so nodes sweeping at once never send one twice. Tests call it with their clock.
 */
export async function sweepTicketDeadlines(
  ctx: AppContext,
): Promise<{ reminded: number; overdue: number; tasks: number }> {
  const now = ctx.clock.now();
  const lead = TICKET_LIMITS.promiseReminderLeadMs;
  const counts = { reminded: 0, overdue: 0, tasks: 0 };
  for (const due of await listPromisesDue(ctx.db.kysely, now + lead, BATCH)) {
    await ticketChange(ctx, system(due.account_id), due.id, {}, async (change) => {
      const ticket = change.current;
      if (ticket.promised_reply_at === null || ticket.promise_kept_at !== null) return;
      const at = new Date(ticket.promised_reply_at).toISOString();
      if (ticket.promised_reply_at <= now) {
        if (!(await markPromiseNotice(change.trx, ticket.id, 'promise_overdue_at', now))) return;
        // Past due before any reminder went out: the overdue notice says it all.
        await markPromiseNotice(change.trx, ticket.id, 'promise_reminded_at', now);
        change.record({ action: 'promise.overdue', appended: true, detail: { promisedReplyAt: at } });
        change.notify(await promiseAudience(change), 'promise.overdue', { promisedReplyAt: at });
        counts.overdue += 1;
      } else {
        if (!(await markPromiseNotice(change.trx, ticket.id, 'promise_reminded_at', now))) return;
        change.record({ action: 'promise.reminded', appended: true, detail: { promisedReplyAt: at } });
        change.notify(await promiseAudience(change), 'promise.due_soon', { promisedReplyAt: at });
        counts.reminded += 1;
      }
    });
  }
  for (const task of await listOverdueTasks(ctx.db.kysely, now, BATCH)) {
    await ticketChange(ctx, system(task.account_id), task.ticket_id, {}, async (change) => {
      if (!(await markTaskOverdueNotified(change.trx, task.id, now))) return;
      const owners = task.owner_id
        ? [task.owner_id]
        : task.team_id
          ? await teamMemberIds(change.trx, task.team_id)
          : [];
      const detail = { taskId: task.id, title: task.title, dueAt: new Date(task.due_at!).toISOString() };
      change.record({ action: 'task.overdue', appended: true, detail });
      change.notify([...owners, ...(await change.followers())], 'task.overdue', detail, task.id);
      counts.tasks += 1;
    });
  }
  return counts;
}

/** Runs the due check every DUE_SWEEP_INTERVAL_MS on this node (unref'd); a run still going skips the next. */
export function startTicketDueSweeper(ctx: AppContext, intervalMs = DUE_SWEEP_INTERVAL_MS): () => void {
  return startPeriodic(ctx, intervalMs, 'ticket due check failed; it runs again later', () =>
    sweepTicketDeadlines(ctx),
  );
}
