import type { Role, TimelineAction } from '@kefu/shared';
import type { Transaction } from 'kysely';
import type { AppContext } from '../context.js';
import { newId } from '../db/ids.js';
import type { Database } from '../db/schema.js';
import type { Actor } from '../http/actor.js';
import { AppError, notFound } from '../http/appError.js';
import { slaTracker } from '../sla/slaTracker.js';
import { type TicketType, ticketTypeOf } from '../ticketTypes/ticketTypePresenter.js';
import { findTicketType } from '../ticketTypes/ticketTypeRepository.js';
import { lockTicket, type TicketRow, touchTicket, updateTicketVersioned, watcherIdsOf } from './ticketRepository.js';
import { insertTicketEvents, insertTicketNotifications, type TicketEventRow } from './timelineRepository.js';
import type { WorkflowFacts } from './workflowEngine.js';
import { workflowFactsOf } from './workflowFacts.js';

/** Who changes a ticket: a signed-in user, the customer in the widget, or the system (sweeps, automations). */
export type TicketActor =
  | { type: 'user'; accountId: string; userId: string; name: string; role: Role; ip: string | null }
  | { type: 'contact'; accountId: string; contactId: string; name: string }
  | { type: 'system'; accountId: string };

export type UserTicketActor = Extract<TicketActor, { type: 'user' }>;

export const userActor = (actor: Actor): UserTicketActor => ({
  type: 'user',
  accountId: actor.accountId,
  userId: actor.userId,
  name: actor.name,
  role: actor.role,
  ip: actor.ip,
});

export const actorUserId = (actor: TicketActor) => (actor.type === 'user' ? actor.userId : null);

export interface TimelineEntry {
  action: TimelineAction;
  field?: string;
  from?: unknown;
  to?: unknown;
  detail?: Record<string, unknown>;
  /**
   * Appended things (a comment, a reply, a call, a task reply, a reminder) leave the version alone; everything
   * else is a change of the ticket and shares the version the change produces.
   */
  appended?: boolean;
}

interface Notice {
  userId: string;
  kind: string;
  detail: Record<string, unknown>;
  taskId: string | null;
}

/**
 * One change of one ticket, in one transaction with the ticket's row locked. Whatever the command does, the
 * change ends the same way: the row gets its new columns and exactly one new version (if anything but appended
 * entries happened), every timeline entry is written with who and when, the notifications outbox gets its rows,
 * and after the commit consoles hear of it. So "version goes up by one per change" and "every change is on the
 * timeline" hold by construction, for every command.
 */
export class TicketChange {
  private pending: Partial<TicketRow> = {};
  private readonly entries: TimelineEntry[] = [];
  private readonly notices: Notice[] = [];
  private readonly afterCommitWork: (() => void | Promise<void>)[] = [];

  constructor(
    readonly ctx: AppContext,
    readonly trx: Transaction<Database>,
    readonly now: number,
    readonly actor: TicketActor,
    readonly before: TicketRow,
    readonly type: TicketType,
  ) {}

  get current(): TicketRow {
    return { ...this.before, ...this.pending };
  }

  get values(): Record<string, unknown> {
    return JSON.parse(this.current.fields) as Record<string, unknown>;
  }

  set(changes: Partial<TicketRow>): void {
    this.pending = { ...this.pending, ...changes };
  }

  record(entry: TimelineEntry): void {
    this.entries.push(entry);
  }

  /** The timeline entries recorded so far (what happened in this change). */
  get recorded(): readonly TimelineEntry[] {
    return this.entries;
  }

  /** Adds outbox rows for these users (the actor and duplicates are left out). */
  notify(userIds: (string | null | undefined)[], kind: string, detail: Record<string, unknown> = {}, taskId?: string) {
    for (const userId of new Set(userIds)) {
      if (!userId || userId === actorUserId(this.actor)) continue;
      if (this.notices.some((n) => n.userId === userId && n.kind === kind && n.taskId === (taskId ?? null))) continue;
      this.notices.push({ userId, kind, detail, taskId: taskId ?? null });
    }
  }

  /** The assignee and the watchers. */
  async followers(): Promise<string[]> {
    return [this.current.assignee_id, ...(await watcherIdsOf(this.trx, this.before.id))].filter(
      (id): id is string => id !== null,
    );
  }

  afterCommit(work: () => void | Promise<void>): void {
    this.afterCommitWork.push(work);
  }

  /** What the workflow's conditions read, as the ticket stands inside this change. */
  facts(): Promise<WorkflowFacts> {
    return workflowFactsOf(this.trx, this.current);
  }

  get changed(): boolean {
    return Object.keys(this.pending).length > 0 || this.entries.some((e) => !e.appended);
  }

  /** Writes everything; returns the actions and who was notified, for the realtime notice. */
  async finish(): Promise<{ version: number; actions: string[]; notified: string[] }> {
    // The SLA clocks follow the change (responses, state categories, priority …) in the same transaction.
    await slaTracker(this);
    const versioned = this.changed;
    const version = versioned ? this.before.version + 1 : this.before.version;
    if (versioned) {
      const written = await updateTicketVersioned(
        this.trx,
        this.before.account_id,
        this.before.id,
        this.before.version,
        {
          ...this.pending,
          updated_at: this.now,
        },
      );
      if (!written) throw versionConflict(this.before.version + 1);
    } else if (this.entries.length > 0) {
      await touchTicket(this.trx, this.before.id, this.now);
    }
    const actor = this.actor;
    const rows: TicketEventRow[] = this.entries.map((entry) => ({
      id: newId(this.now),
      account_id: this.before.account_id,
      ticket_id: this.before.id,
      version: entry.appended ? null : version,
      action: entry.action,
      field: entry.field ?? null,
      from_value: entry.from === undefined ? null : JSON.stringify(entry.from),
      to_value: entry.to === undefined ? null : JSON.stringify(entry.to),
      actor_type: actor.type,
      actor_id: actor.type === 'user' ? actor.userId : actor.type === 'contact' ? actor.contactId : null,
      actor_name: actor.type === 'system' ? null : actor.name,
      detail: JSON.stringify(entry.detail ?? {}),
      created_at: this.now,
    }));
    await insertTicketEvents(this.trx, rows);
    await insertTicketNotifications(
      this.trx,
      this.notices.map((n) => ({
        id: newId(this.now),
        account_id: this.before.account_id,
        ticket_id: this.before.id,
        user_id: n.userId,
        kind: n.kind,
        task_id: n.taskId,
        actor_id: actorUserId(actor),
        actor_name: actor.type === 'system' ? null : actor.name,
        detail: JSON.stringify({ number: this.before.number, title: this.current.title, ...n.detail }),
        created_at: this.now,
        read_at: null,
      })),
    );
    return {
      version,
      actions: [...new Set(this.entries.map((e) => e.action))],
      notified: [...new Set(this.notices.map((n) => n.userId))],
    };
  }

  async runAfterCommit(): Promise<void> {
    for (const work of this.afterCommitWork) await work();
  }
}

export interface ChangeOptions {
  /** The version the client read; a different current version is a CONFLICT naming it. */
  expectedVersion?: number;
  /** Runs after the lock and before the work: e.g. a department user's right to see the ticket. */
  guard?: (trx: Transaction<Database>, ticket: TicketRow) => Promise<void>;
}

export const versionConflict = (currentVersion: number) =>
  new AppError('CONFLICT', 'The ticket changed since you read it; load it again and retry', { currentVersion });

/** Runs `work` as one change of the ticket (see TicketChange) and tells consoles after the commit. */
export async function ticketChange<T>(
  ctx: AppContext,
  actor: TicketActor,
  ticketId: string,
  options: ChangeOptions,
  work: (change: TicketChange) => Promise<T>,
): Promise<T> {
  const now = ctx.clock.now();
  const done = await ctx.db.kysely.transaction().execute(async (trx) => {
    const ticket = await lockTicket(trx, actor.accountId, ticketId);
    if (!ticket) throw notFound('Ticket');
    await options.guard?.(trx, ticket);
    if (options.expectedVersion !== undefined && options.expectedVersion !== ticket.version) {
      throw versionConflict(ticket.version);
    }
    const typeRow = await findTicketType(trx, actor.accountId, ticket.type_id);
    if (!typeRow) throw notFound('Ticket type');
    return changeWithin(ctx, trx, now, actor, ticket, ticketTypeOf(typeRow), work);
  });
  await settleChange(ctx, done);
  return done.result;
}

export interface FinishedChange<T> {
  result: T;
  change: TicketChange;
  outcome: { version: number; actions: string[]; notified: string[] };
}

/** One change inside a transaction the caller holds (ticket creation); call settleChange after the commit. */
export async function changeWithin<T>(
  ctx: AppContext,
  trx: Transaction<Database>,
  now: number,
  actor: TicketActor,
  ticket: TicketRow,
  type: TicketType,
  work: (change: TicketChange) => Promise<T>,
): Promise<FinishedChange<T>> {
  const change = new TicketChange(ctx, trx, now, actor, ticket, type);
  const result = await work(change);
  const outcome = await change.finish();
  return { result, change, outcome };
}

/** After the commit: consoles hear of the change, then whatever the command left for after (message fan-out). */
export async function settleChange(ctx: AppContext, done: FinishedChange<unknown>): Promise<void> {
  if (done.outcome.actions.length > 0) publishTicketChange(ctx, done.change.current, done.outcome);
  await done.change.runAfterCommit();
}

export function publishTicketChange(
  ctx: AppContext,
  ticket: Pick<TicketRow, 'id' | 'account_id' | 'number'>,
  outcome: { version: number; actions: string[]; notified: string[] },
): void {
  ctx.bus.publish({
    type: 'ticket.changed',
    accountId: ticket.account_id,
    ticket: { id: ticket.id, number: ticket.number, version: outcome.version, actions: outcome.actions },
    notifiedUserIds: outcome.notified,
  });
}
