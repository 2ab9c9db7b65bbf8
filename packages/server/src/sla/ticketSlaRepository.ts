import type { TicketSlasTable } from '../db/schema.js';
import type { Executor } from '../db/transaction.js';

export type TicketSlaRow = TicketSlasTable;

export function findTicketSla(db: Executor, ticketId: string): Promise<TicketSlaRow | undefined> {
  return db.selectFrom('ticket_slas').selectAll().where('ticket_id', '=', ticketId).executeTakeFirst();
}

export async function ticketSlasOf(db: Executor, accountId: string, ticketIds: string[]) {
  if (ticketIds.length === 0) return new Map<string, TicketSlaRow>();
  const rows = await db
    .selectFrom('ticket_slas')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('ticket_id', 'in', [...new Set(ticketIds)])
    .execute();
  return new Map(rows.map((row) => [row.ticket_id, row]));
}

export async function insertTicketSla(db: Executor, row: TicketSlaRow): Promise<void> {
  await db.insertInto('ticket_slas').values(row).execute();
}

/**
 * Writes the row if it still has the revision read, and moves the revision on; false when another writer came
 * first. Changes run with the ticket's row locked, so this only ever refuses a writer that skipped the lock.
 */
export async function updateTicketSla(
  db: Executor,
  ticketId: string,
  revision: number,
  changes: Omit<Partial<TicketSlaRow>, 'ticket_id' | 'account_id' | 'revision'>,
): Promise<boolean> {
  const result = await db
    .updateTable('ticket_slas')
    .set({ ...changes, revision: revision + 1 })
    .where('ticket_id', '=', ticketId)
    .where('revision', '=', revision)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Tickets whose SLA has something due now (a warning, a breach, a policy to choose again), oldest first. */
export async function listSlaChecksDue(db: Executor, now: number, limit: number) {
  return db
    .selectFrom('ticket_slas')
    .select(['ticket_id', 'account_id'])
    .where('next_check_at', '<=', now)
    .orderBy('next_check_at')
    .limit(limit)
    .execute();
}

/**
 * Open tickets with a linked conversation active since their chat was last read: the customer (or an agent in
 * the chat) may have written.
 */
export async function listSlaChatsToRead(db: Executor, limit: number) {
  return db
    .selectFrom('ticket_slas as s')
    .innerJoin('ticket_conversations as tc', 'tc.ticket_id', 's.ticket_id')
    .innerJoin('conversations as c', 'c.id', 'tc.conversation_id')
    .select(['s.ticket_id', 's.account_id'])
    .distinct()
    .where('s.active', '=', 1)
    .whereRef('c.last_activity_at', '>', 's.chat_checked_at')
    .limit(limit)
    .execute();
}

/** After a policy changes, every open ticket of the workspace chooses its policy again at the next sweep. */
export async function recheckOpenTicketSlas(db: Executor, accountId: string, now: number): Promise<void> {
  await db
    .updateTable('ticket_slas')
    .set({ next_check_at: now })
    .where('account_id', '=', accountId)
    .where('active', '=', 1)
    .execute();
}

/** Messages of a linked conversation after `afterSeq` (or, the first time, since it was linked), in order. */
export function chatMessagesAfter(
  db: Executor,
  conversationId: string,
  after: { seq: number } | { since: number },
  limit: number,
) {
  let q = db
    .selectFrom('messages')
    .select(['seq', 'kind', 'sender_type', 'created_at'])
    .where('conversation_id', '=', conversationId);
  q = 'seq' in after ? q.where('seq', '>', after.seq) : q.where('created_at', '>=', after.since);
  return q.orderBy('seq').limit(limit).execute();
}

export function linkedConversationActivity(db: Executor, ticketId: string) {
  return db
    .selectFrom('ticket_conversations as tc')
    .innerJoin('conversations as c', 'c.id', 'tc.conversation_id')
    .select(['c.id', 'c.last_activity_at', 'c.last_seq', 'tc.created_at as linked_at'])
    .where('tc.ticket_id', '=', ticketId)
    .execute();
}
