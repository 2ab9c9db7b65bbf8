import { directSqlite } from '../db/directSqlite.js';
import type { MessagesTable } from '../db/schema.js';
import type { Executor } from '../db/transaction.js';

export type MessageRow = MessagesTable;

const INSERT_MESSAGE_SQL = `insert into messages (id, account_id, conversation_id, seq, kind, sender_type, sender_id,
  sender_name, content, attachments, activity, client_id, internal, payload, created_at)
  values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

export async function insertMessage(db: Executor, row: MessageRow): Promise<void> {
  const direct = directSqlite(db);
  if (direct) {
    direct.run(
      INSERT_MESSAGE_SQL,
      row.id,
      row.account_id,
      row.conversation_id,
      row.seq,
      row.kind,
      row.sender_type,
      row.sender_id,
      row.sender_name,
      row.content,
      row.attachments,
      row.activity,
      row.client_id,
      row.internal,
      row.payload,
      row.created_at,
    );
    return;
  }
  await db.insertInto('messages').values(row).execute();
}

export async function findMessageByClientId(
  db: Executor,
  conversationId: string,
  senderType: string,
  clientId: string,
): Promise<MessageRow | undefined> {
  const direct = directSqlite(db);
  if (direct) {
    return direct.get<MessageRow>(
      'select * from messages where conversation_id = ? and sender_type = ? and client_id = ?',
      conversationId,
      senderType,
      clientId,
    );
  }
  return db
    .selectFrom('messages')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .where('sender_type', '=', senderType)
    .where('client_id', '=', clientId)
    .executeTakeFirst();
}

/** The customer's messages after a seq: what the agents have not read when they have read up to it. */
export async function countIncomingAfter(
  db: Executor,
  accountId: string,
  conversationId: string,
  seq: number,
): Promise<number> {
  const row = await db
    .selectFrom('messages')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', accountId)
    .where('conversation_id', '=', conversationId)
    .where('seq', '>', seq)
    .where('kind', '=', 'incoming')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface MessagePage {
  beforeSeq?: number | undefined;
  afterSeq?: number | undefined;
  limit: number;
  /** The customer never sees private notes. */
  includeNotes: boolean;
}

/**
 * One page of a conversation in ascending seq. With `beforeSeq` (or neither) it is the newest page below
 * that point; with `afterSeq` it is the oldest page after it (what a reconnecting client missed).
 */
export async function listMessages(
  db: Executor,
  accountId: string,
  conversationId: string,
  page: MessagePage,
): Promise<MessageRow[]> {
  let q = db
    .selectFrom('messages')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('conversation_id', '=', conversationId);
  // The customer's view: no private notes, no agent-only timeline entries (routing decisions).
  if (!page.includeNotes) q = q.where('kind', '!=', 'note').where('internal', '=', 0);
  if (page.afterSeq !== undefined) {
    return q.where('seq', '>', page.afterSeq).orderBy('seq', 'asc').limit(page.limit).execute();
  }
  if (page.beforeSeq !== undefined) q = q.where('seq', '<', page.beforeSeq);
  const rows = await q.orderBy('seq', 'desc').limit(page.limit).execute();
  return rows.reverse();
}

/**
 * One page for a history view: reads a row beyond the page to learn whether more exist in the direction
 * read (older for `beforeSeq`, newer for `afterSeq`), and drops it.
 */
export async function readMessagePage(
  db: Executor,
  accountId: string,
  conversationId: string,
  page: MessagePage,
): Promise<{ rows: MessageRow[]; hasMore: boolean }> {
  const rows = await listMessages(db, accountId, conversationId, { ...page, limit: page.limit + 1 });
  const hasMore = rows.length > page.limit;
  if (!hasMore) return { rows, hasMore };
  // Ascending rows: the extra one is the first when reading backwards, the last when reading forwards.
  return { rows: page.afterSeq !== undefined ? rows.slice(0, page.limit) : rows.slice(1), hasMore };
}
