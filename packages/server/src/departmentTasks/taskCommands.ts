import type { CompleteTaskBody, CreateTaskBody, ErrorDetail, TaskReplyBody, UpdateTaskBody } from '@kefu/shared';
import { recordAudit } from '../audit/auditRecorder.js';
import type { AppContext } from '../context.js';
import { newId } from '../db/ids.js';
import type { Actor } from '../http/actor.js';
import { AppError, notFound } from '../http/appError.js';
import { isTeamMember } from '../teams/teamRepository.js';
import { type TicketChange, ticketChange, userActor } from '../tickets/ticketChange.js';
import { insertComment } from '../tickets/ticketCommentRepository.js';
import { uploadsIntoTicket } from '../tickets/ticketFiles.js';
import { activeUsersOf, teamMemberIds, teamNamesOf, userNamesOf } from '../tickets/ticketRefsRepository.js';
import { fireEvent } from '../tickets/ticketTransitions.js';
import { teamIdsByUser } from '../users/userRepository.js';
import { countOpenTasks, findTask, insertTask, type TaskRow, updateTaskVersioned } from './taskRepository.js';
import { seesAllTickets, taskVisibleTo } from './taskVisibility.js';

const invalid = (issues: ErrorDetail[]) =>
  new AppError('VALIDATION_FAILED', `Invalid ${issues.map((i) => i.field).join(', ')}`, issues);

/** A task the caller may see, or NOT_FOUND (department users: their own and their teams' only). */
export async function visibleTask(ctx: AppContext, actor: Actor, taskId: string): Promise<TaskRow> {
  const task = await findTask(ctx.db.kysely, actor.accountId, taskId);
  if (!task) throw notFound('Task');
  if (seesAllTickets(actor.role)) return task;
  const teams = (await teamIdsByUser(ctx.db.kysely, actor.accountId, [actor.userId])).get(actor.userId) ?? [];
  if (!taskVisibleTo(task, actor.userId, teams)) throw notFound('Task');
  return task;
}

/** The task as it stands inside the ticket's change, with the version the caller read. */
async function lockedTask(change: TicketChange, taskId: string, version?: number): Promise<TaskRow> {
  const task = await findTask(change.trx, change.before.account_id, taskId);
  if (!task) throw notFound('Task');
  if (version !== undefined && task.version !== version) {
    throw new AppError('CONFLICT', 'The task changed since you read it; load it again', {
      currentVersion: task.version,
    });
  }
  return task;
}

/** Who hears of a task: its owner, or every member of its team while nobody owns it. */
async function taskAudience(change: TicketChange, task: Pick<TaskRow, 'owner_id' | 'team_id'>): Promise<string[]> {
  if (task.owner_id) return [task.owner_id];
  return task.team_id ? teamMemberIds(change.trx, task.team_id) : [];
}

async function checkAssignment(change: TicketChange, teamId: string | null, ownerId: string | null) {
  const issues: ErrorDetail[] = [];
  if (teamId && !(await teamNamesOf(change.trx, change.before.account_id, [teamId])).has(teamId)) {
    issues.push({ field: 'body.teamId', issue: 'is not a team of this workspace' });
  } else if (ownerId) {
    const [owner] = await activeUsersOf(change.trx, change.before.account_id, [ownerId]);
    if (!owner || !teamId || !(await isTeamMember(change.trx, teamId, ownerId))) {
      issues.push({ field: 'body.ownerId', issue: 'is not an active member of the team' });
    }
  }
  if (issues.length > 0) throw invalid(issues);
}

function assertFutureDue(dueAt: string | null | undefined, now: number) {
  if (dueAt && Date.parse(dueAt) <= now) throw invalid([{ field: 'body.dueAt', issue: 'must be in the future' }]);
}

function assertTicketOpen(change: TicketChange) {
  if (change.current.state_category === 'closed') {
    throw new AppError('CONFLICT', 'The ticket is closed; it takes no open tasks');
  }
}

const isString = (value: string | null): value is string => value !== null;

/** What a task is about and who does it change only while it is open (or being reopened by the same change). */
function assertEditable(task: TaskRow, body: UpdateTaskBody) {
  if (task.status === 'open' || body.status === 'open') return;
  const fields = (['teamId', 'ownerId', 'title', 'instructions', 'dueAt'] as const).filter(
    (f) => body[f] !== undefined,
  );
  if (fields.length > 0) {
    throw new AppError('CONFLICT', `The task is ${task.status}; reopen it to change it`, { status: task.status });
  }
}

/** The open-task count on the ticket, and the `tasks.done` transition when the last one is finished. */
async function afterTaskChange(change: TicketChange): Promise<void> {
  const open = await countOpenTasks(change.trx, change.before.id);
  change.set({ open_task_count: open });
  if (open === 0 && change.before.open_task_count > 0) await fireEvent(change, 'tasks.done', { optional: true });
}

async function auditContactShared(change: TicketChange, actor: Actor, task: { id: string; team_name: string }) {
  await recordAudit(
    change.trx,
    actor,
    {
      action: 'ticket.contact_shared',
      target: { type: 'ticket', id: change.before.id },
      details: { taskId: task.id, team: task.team_name, number: change.before.number },
    },
    change.now,
  );
}

/** Hands a piece of the ticket to a department (协办): team, optional owner, due time, instructions. */
export async function taskCreator(
  ctx: AppContext,
  actor: Actor,
  ticketId: string,
  body: CreateTaskBody,
): Promise<string> {
  return ticketChange(ctx, userActor(actor), ticketId, {}, async (change) => {
    assertTicketOpen(change);
    await checkAssignment(change, body.teamId, body.ownerId);
    assertFutureDue(body.dueAt, change.now);
    const teamName = (await teamNamesOf(change.trx, actor.accountId, [body.teamId])).get(body.teamId) ?? '';
    const task: TaskRow = {
      id: newId(change.now),
      account_id: actor.accountId,
      ticket_id: ticketId,
      team_id: body.teamId,
      team_name: teamName,
      owner_id: body.ownerId,
      title: body.title,
      instructions: body.instructions,
      due_at: body.dueAt === null ? null : Date.parse(body.dueAt),
      status: 'open',
      share_contact: body.shareContact ? 1 : 0,
      result: '',
      created_by: actor.userId,
      creator_name: actor.name,
      completed_by: null,
      completer_name: null,
      completed_at: null,
      overdue_notified_at: null,
      version: 1,
      created_at: change.now,
      updated_at: change.now,
    };
    await insertTask(change.trx, task);
    change.set({ open_task_count: await countOpenTasks(change.trx, ticketId) });
    change.record({
      action: 'task.created',
      field: 'tasks',
      to: task.id,
      detail: {
        taskId: task.id,
        title: task.title,
        team: teamName,
        ownerId: task.owner_id,
        shareContact: body.shareContact,
      },
    });
    if (body.shareContact) await auditContactShared(change, actor, task);
    change.notify(await taskAudience(change, task), 'task.assigned', { taskId: task.id, title: task.title }, task.id);
    return task.id;
  });
}

/** Staff change a task: reassign, re-time, re-word, share the customer's details, cancel or reopen it. */
export async function taskUpdater(ctx: AppContext, actor: Actor, taskId: string, body: UpdateTaskBody): Promise<void> {
  const found = await visibleTask(ctx, actor, taskId);
  await ticketChange(ctx, userActor(actor), found.ticket_id, {}, async (change) => {
    const task = await lockedTask(change, taskId, body.version);
    assertEditable(task, body);
    const teamId = body.teamId ?? task.team_id;
    // A new team without a new owner leaves the task to the whole team.
    const ownerId = body.ownerId !== undefined ? body.ownerId : body.teamId !== undefined ? null : task.owner_id;
    if (body.teamId !== undefined || body.ownerId !== undefined) await checkAssignment(change, teamId, ownerId);
    assertFutureDue(body.dueAt, change.now);
    const changes: Partial<TaskRow> = {};
    const entry = (field: string, from: unknown, to: unknown) =>
      change.record({
        action: 'task.updated',
        field: `task.${field}`,
        from,
        to,
        detail: { taskId, title: task.title },
      });
    if (teamId !== task.team_id && teamId) {
      changes.team_id = teamId;
      changes.team_name = (await teamNamesOf(change.trx, actor.accountId, [teamId])).get(teamId) ?? '';
      entry('team', task.team_name, changes.team_name);
    }
    if (ownerId !== task.owner_id) {
      changes.owner_id = ownerId;
      // Department members are not in every console's directory: the entry names them.
      const names = await userNamesOf(change.trx, actor.accountId, [task.owner_id, ownerId].filter(isString));
      change.record({
        action: 'task.updated',
        field: 'task.owner',
        from: task.owner_id,
        to: ownerId,
        detail: {
          taskId,
          title: task.title,
          fromName: task.owner_id ? (names.get(task.owner_id) ?? null) : null,
          toName: ownerId ? (names.get(ownerId) ?? null) : null,
        },
      });
    }
    if (body.title !== undefined && body.title !== task.title) {
      changes.title = body.title;
      entry('title', task.title, body.title);
    }
    if (body.instructions !== undefined && body.instructions !== task.instructions) {
      changes.instructions = body.instructions;
      entry('instructions', task.instructions, body.instructions);
    }
    const dueAt = body.dueAt === undefined ? task.due_at : body.dueAt === null ? null : Date.parse(body.dueAt);
    if (dueAt !== task.due_at) {
      changes.due_at = dueAt;
      changes.overdue_notified_at = null;
      const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
      entry('dueAt', iso(task.due_at), iso(dueAt));
    }
    if (body.shareContact !== undefined && (body.shareContact ? 1 : 0) !== task.share_contact) {
      changes.share_contact = body.shareContact ? 1 : 0;
      entry('shareContact', task.share_contact === 1, body.shareContact);
      if (body.shareContact) await auditContactShared(change, actor, { id: task.id, team_name: task.team_name });
    }
    if (body.status !== undefined && body.status !== task.status) {
      if (body.status === 'open') {
        assertTicketOpen(change);
        Object.assign(changes, { status: 'open', completed_by: null, completer_name: null, completed_at: null });
        change.record({
          action: 'task.reopened',
          field: 'task.status',
          from: task.status,
          to: 'open',
          detail: { taskId },
        });
      } else {
        changes.status = 'cancelled';
        change.record({
          action: 'task.cancelled',
          field: 'task.status',
          from: task.status,
          to: 'cancelled',
          detail: { taskId },
        });
      }
    }
    if (Object.keys(changes).length === 0) return;
    await updateTaskVersioned(change.trx, task.id, task.version, { ...changes, updated_at: change.now });
    await afterTaskChange(change);
    const now = { ...task, ...changes };
    if (changes.owner_id !== undefined || changes.team_id !== undefined) {
      change.notify(await taskAudience(change, now), 'task.assigned', { taskId, title: now.title }, taskId);
    } else {
      change.notify(await taskAudience(change, now), 'task.updated', { taskId, title: now.title }, taskId);
    }
  });
}

/**
 * The department reports the task done, with what it did. The last open task done fires the ticket's
 * `tasks.done` transition (执行中 → 待回访) if its state has one and its conditions hold.
 */
export async function taskCompleter(
  ctx: AppContext,
  actor: Actor,
  taskId: string,
  body: CompleteTaskBody,
): Promise<void> {
  const found = await visibleTask(ctx, actor, taskId);
  await ticketChange(ctx, userActor(actor), found.ticket_id, {}, async (change) => {
    const task = await lockedTask(change, taskId, body.version);
    if (!seesAllTickets(actor.role) && task.owner_id !== null && task.owner_id !== actor.userId) {
      throw new AppError('FORBIDDEN', 'The task belongs to a colleague; they or the ticket owner complete it');
    }
    if (task.status !== 'open')
      throw new AppError('CONFLICT', `The task is ${task.status} already`, { status: task.status });
    await updateTaskVersioned(change.trx, task.id, task.version, {
      status: 'done',
      result: body.result,
      completed_by: actor.userId,
      completer_name: actor.name,
      completed_at: change.now,
      updated_at: change.now,
    });
    change.record({
      action: 'task.completed',
      field: 'task.status',
      from: 'open',
      to: 'done',
      detail: { taskId, title: task.title, team: task.team_name, result: body.result },
    });
    await afterTaskChange(change);
    change.notify(
      [task.created_by, change.current.assignee_id],
      'task.completed',
      { taskId, title: task.title },
      taskId,
    );
  });
}

/** A message in the task's thread, between the department and the ticket's staff. */
export async function taskReplier(ctx: AppContext, actor: Actor, taskId: string, body: TaskReplyBody): Promise<string> {
  const found = await visibleTask(ctx, actor, taskId);
  return ticketChange(ctx, userActor(actor), found.ticket_id, {}, async (change) => {
    const task = await lockedTask(change, taskId);
    const uploads = [...new Set(body.attachmentIds)];
    const fileIds = await uploadsIntoTicket(
      change.trx,
      change.before,
      { type: 'user', id: actor.userId },
      uploads,
      'body.attachmentIds',
      change.now,
    );
    const id = newId(change.now);
    await insertComment(change.trx, {
      id,
      account_id: actor.accountId,
      ticket_id: task.ticket_id,
      kind: 'task',
      body: body.body,
      author_type: 'user',
      author_id: actor.userId,
      author_name: actor.name,
      mentions: '[]',
      task_id: task.id,
      conversation_id: null,
      message_id: null,
      files: JSON.stringify(uploads.map((upload) => fileIds.get(upload))),
      created_at: change.now,
    });
    change.record({ action: 'task.replied', appended: true, detail: { taskId, commentId: id } });
    const otherSide = seesAllTickets(actor.role)
      ? await taskAudience(change, task)
      : [task.created_by, change.current.assignee_id];
    change.notify(otherSide, 'task.replied', { taskId, title: task.title, excerpt: body.body.slice(0, 80) }, taskId);
    return id;
  });
}
