import type { TicketListQuery } from '@kefu/shared';
import { type SelectQueryBuilder, sql } from 'kysely';
import type { Database, TicketsTable, TicketTranscriptsTable } from '../db/schema.js';
import type { Executor } from '../db/transaction.js';

export type TicketRow = TicketsTable;
export type TicketTranscriptRow = TicketTranscriptsTable;

export async function insertTicket(db: Executor, row: TicketRow): Promise<void> {
  await db.insertInto('tickets').values(row).execute();
}

export function findTicket(db: Executor, accountId: string, id: string): Promise<TicketRow | undefined> {
  return db
    .selectFrom('tickets')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/**
 * Locks the ticket's row until the transaction ends and reads it: every change to a ticket goes through here,
 * so two changes of one ticket never interleave (a no-op update locks on PostgreSQL; SQLite has one writer).
 */
export async function lockTicket(db: Executor, accountId: string, id: string): Promise<TicketRow | undefined> {
  await db
    .updateTable('tickets')
    .set((eb) => ({ version: eb.ref('version') }))
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .execute();
  return findTicket(db, accountId, id);
}

/** Writes a change and the next version, if the row still has `version`; returns whether it did. */
export async function updateTicketVersioned(
  db: Executor,
  accountId: string,
  id: string,
  version: number,
  changes: Partial<TicketRow>,
): Promise<boolean> {
  const result = await db
    .updateTable('tickets')
    .set({ ...changes, version: version + 1 })
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Something was appended (a comment, a reply): the ticket is fresher, its version stays. */
export async function touchTicket(db: Executor, id: string, now: number): Promise<void> {
  await db.updateTable('tickets').set({ updated_at: now }).where('id', '=', id).execute();
}

/** Columns that change without a new version: derived bookkeeping (the promise reminders). */
export async function markPromiseNotice(
  db: Executor,
  id: string,
  column: 'promise_reminded_at' | 'promise_overdue_at',
  now: number,
): Promise<boolean> {
  const result = await db
    .updateTable('tickets')
    .set({ [column]: now })
    .where('id', '=', id)
    .where(column, 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The next number of the day for the workspace: one upsert, atomic on both databases. */
export async function takeTicketNumber(db: Executor, accountId: string, period: string): Promise<number> {
  const row = await db
    .insertInto('ticket_counters')
    .values({ account_id: accountId, period, last_value: 1 })
    .onConflict((oc) =>
      oc
        .columns(['account_id', 'period'])
        .doUpdateSet((eb) => ({ last_value: eb('ticket_counters.last_value', '+', 1) })),
    )
    .returning('last_value')
    .executeTakeFirstOrThrow();
  return Number(row.last_value);
}

export interface TicketListFilter extends Omit<TicketListQuery, 'assignee' | 'limit'> {
  limit: number;
  assigneeId?: string | null | undefined;
  /** Department users: only tickets a task of theirs (or of their teams) belongs to. */
  sharedWithUserId?: string | undefined;
  /** A built-in view's conditions, on top of the filters (ticketViews/builtInViews.ts). */
  viewScope?: ViewScope | undefined;
  now: number;
}

/** What a built-in view adds to the list's filters; every condition given must hold. */
export interface ViewScope {
  /** Leave closed tickets out. */
  open: boolean;
  /** A user id, or null for unassigned. */
  assigneeId?: string | null;
  /** Tickets whose team is one of this user's teams. */
  teamsOfUserId?: string;
  /** Tickets in one of these states of their type (the states that wait for an event); empty: none. */
  typeStates?: { typeId: string; state: string }[];
  /** An SLA clock not stopped falls due after `after` (exclusive) and at or before `until`. */
  slaDue?: { after?: number; until: number };
}

export function listTickets(db: Executor, accountId: string, filter: TicketListFilter): Promise<TicketRow[]> {
  return filteredTickets(db, accountId, filter).orderBy('id', 'desc').limit(filter.limit).execute();
}

/** Every ticket the list's filters match, unordered: the list pages through it, an export counts it first. */
export function filteredTickets(db: Executor, accountId: string, filter: Omit<TicketListFilter, 'limit'>) {
  let q = db.selectFrom('tickets').selectAll().where('account_id', '=', accountId);
  if (filter.cursor) q = q.where('id', '<', filter.cursor);
  if (filter.typeId) q = q.where('type_id', '=', filter.typeId);
  if (filter.state) q = q.where('state', '=', filter.state);
  if (filter.stateCategory) q = q.where('state_category', '=', filter.stateCategory);
  if (filter.active === true) q = q.where('state_category', '!=', 'closed');
  if (filter.active === false) q = q.where('state_category', '=', 'closed');
  if (filter.assigneeId === null) q = q.where('assignee_id', 'is', null);
  else if (filter.assigneeId) q = q.where('assignee_id', '=', filter.assigneeId);
  if (filter.teamId) q = q.where('team_id', '=', filter.teamId);
  if (filter.priority) q = q.where('priority', '=', filter.priority);
  if (filter.contactId) q = q.where('contact_id', '=', filter.contactId);
  if (filter.categoryId) q = q.where('category_id', '=', filter.categoryId);
  // Tags are a JSON array of strings: the quoted tag is an exact element.
  if (filter.tag) q = q.where(sql<boolean>`tags like ${`%${likeEscaped(JSON.stringify(filter.tag))}%`} escape '\\'`);
  if (filter.overdue === true) {
    q = q
      .where('promised_reply_at', '<=', filter.now)
      .where('promise_kept_at', 'is', null)
      .where('state_category', '!=', 'closed');
  }
  if (filter.q) {
    const words = `%${likeEscaped(filter.q.toLowerCase())}%`;
    const number = filter.q.toUpperCase();
    q = q.where((eb) => eb.or([eb('number', '=', number), sql<boolean>`lower(title) like ${words} escape '\\'`]));
  }
  if (filter.sharedWithUserId) {
    const userId = filter.sharedWithUserId;
    q = q.where('id', 'in', (eb) =>
      eb
        .selectFrom('ticket_tasks')
        .select('ticket_id')
        .where('account_id', '=', accountId)
        .where('status', '!=', 'cancelled')
        .where((w) =>
          w.or([
            w('owner_id', '=', userId),
            w('team_id', 'in', w.selectFrom('team_members').select('team_id').where('user_id', '=', userId)),
          ]),
        ),
    );
  }
  if (filter.viewScope) q = inViewScope(q, accountId, filter.viewScope);
  return q;
}

function inViewScope<Q extends SelectQueryBuilder<Database, 'tickets', TicketRow>>(
  q: Q,
  accountId: string,
  scope: ViewScope,
): Q {
  let scoped = q;
  if (scope.open) scoped = scoped.where('state_category', '!=', 'closed') as Q;
  if (scope.assigneeId === null) scoped = scoped.where('assignee_id', 'is', null) as Q;
  else if (scope.assigneeId) scoped = scoped.where('assignee_id', '=', scope.assigneeId) as Q;
  if (scope.teamsOfUserId) {
    const userId = scope.teamsOfUserId;
    scoped = scoped.where('team_id', 'in', (eb) =>
      eb.selectFrom('team_members').select('team_id').where('user_id', '=', userId),
    ) as Q;
  }
  if (scope.typeStates) {
    const pairs = scope.typeStates;
    scoped = scoped.where((eb) =>
      pairs.length === 0
        ? sql<boolean>`1 = 0`
        : eb.or(pairs.map((p) => eb.and([eb('type_id', '=', p.typeId), eb('state', '=', p.state)]))),
    ) as Q;
  }
  if (scope.slaDue) {
    const { after, until } = scope.slaDue;
    scoped = scoped.where('id', 'in', (eb) => {
      let due = eb
        .selectFrom('ticket_slas')
        .select('ticket_id')
        .where('account_id', '=', accountId)
        .where('due_at', '<=', until);
      if (after !== undefined) due = due.where('due_at', '>', after);
      return due;
    }) as Q;
  }
  return scoped;
}

/** `%`, `_` and `\` match themselves. */
function likeEscaped(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

// ---------- watchers ----------

export async function watcherIdsOf(db: Executor, ticketId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('ticket_watchers')
    .select('user_id')
    .where('ticket_id', '=', ticketId)
    .orderBy('created_at')
    .orderBy('user_id')
    .execute();
  return rows.map((r) => r.user_id);
}

export async function addWatchers(
  db: Executor,
  accountId: string,
  ticketId: string,
  userIds: string[],
  now: number,
): Promise<void> {
  if (userIds.length === 0) return;
  await db
    .insertInto('ticket_watchers')
    .values(userIds.map((user_id) => ({ ticket_id: ticketId, user_id, account_id: accountId, created_at: now })))
    .onConflict((oc) => oc.columns(['ticket_id', 'user_id']).doNothing())
    .execute();
}

export async function removeWatchers(db: Executor, ticketId: string, userIds: string[]): Promise<void> {
  if (userIds.length === 0) return;
  await db.deleteFrom('ticket_watchers').where('ticket_id', '=', ticketId).where('user_id', 'in', userIds).execute();
}

// ---------- linked conversations and transcripts ----------

export async function linkConversation(
  db: Executor,
  row: { ticket_id: string; conversation_id: string; account_id: string; linked_by: string | null; created_at: number },
): Promise<boolean> {
  const result = await db
    .insertInto('ticket_conversations')
    .values(row)
    .onConflict((oc) => oc.columns(['ticket_id', 'conversation_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export function linkedConversations(db: Executor, ticketId: string) {
  return db
    .selectFrom('ticket_conversations as tc')
    .innerJoin('conversations as c', 'c.id', 'tc.conversation_id')
    .select(['c.id', 'c.inbox_id', 'c.status', 'c.contact_id', 'tc.created_at as linked_at'])
    .where('tc.ticket_id', '=', ticketId)
    .orderBy('tc.created_at', 'desc')
    .orderBy('c.id', 'desc')
    .execute();
}

export async function insertTranscript(db: Executor, row: TicketTranscriptRow): Promise<void> {
  await db.insertInto('ticket_transcripts').values(row).execute();
}

export function listTranscripts(db: Executor, ticketId: string): Promise<TicketTranscriptRow[]> {
  return db.selectFrom('ticket_transcripts').selectAll().where('ticket_id', '=', ticketId).orderBy('id').execute();
}

export async function transcriptSizes(db: Executor, ticketId: string): Promise<Map<string, number>> {
  const rows = await listTranscripts(db, ticketId);
  return new Map(rows.map((r) => [r.conversation_id, (JSON.parse(r.messages) as unknown[]).length]));
}

/** Tickets whose promised reply time is near or past and not yet kept, and whose notices are not all sent. */
export function listPromisesDue(db: Executor, until: number, limit: number): Promise<TicketRow[]> {
  return db
    .selectFrom('tickets')
    .selectAll()
    .where('promised_reply_at', 'is not', null)
    .where('promised_reply_at', '<=', until)
    .where('promise_kept_at', 'is', null)
    .where('state_category', '!=', 'closed')
    .where((eb) => eb.or([eb('promise_reminded_at', 'is', null), eb('promise_overdue_at', 'is', null)]))
    .orderBy('promised_reply_at')
    .limit(limit)
    .execute();
}

/** Number and title of each ticket, for lists that name their tickets (tasks). */
export async function ticketRefsOf(
  db: Executor,
  accountId: string,
  ids: string[],
): Promise<Map<string, { id: string; number: string; title: string }>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .selectFrom('tickets')
    .select(['id', 'number', 'title'])
    .where('account_id', '=', accountId)
    .where('id', 'in', unique)
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}
