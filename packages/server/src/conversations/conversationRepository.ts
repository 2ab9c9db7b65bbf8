import type { ConversationListQuery } from '@kefu/shared';
import { sql } from 'kysely';
import type { ConversationsTable } from '../db/schema.js';
import type { Executor } from '../db/transaction.js';
import type { ConversationCursor } from './conversationCursor.js';

export type ConversationRow = ConversationsTable;

/** A conversation with the contact fields its list entry shows. */
export type ConversationWithContact = ConversationRow & {
  contact_name: string;
  contact_email: string | null;
  contact_phone: string | null;
  contact_verified: number;
};

export async function insertConversation(db: Executor, row: ConversationRow): Promise<void> {
  await db.insertInto('conversations').values(row).execute();
}

/** 1 for an open conversation the answer bot handles with no person on it. */
const botHandled = sql<number>`(case when conversations.bot_active = 1 and conversations.assignee_id is null and conversations.status <> 'resolved' then 1 else 0 end)`;

function withContact(db: Executor) {
  return db
    .selectFrom('conversations')
    .innerJoin('contacts', 'contacts.id', 'conversations.contact_id')
    .selectAll('conversations')
    .select([
      'contacts.name as contact_name',
      'contacts.email as contact_email',
      'contacts.phone as contact_phone',
      'contacts.verified as contact_verified',
    ]);
}

export function findConversation(db: Executor, accountId: string, id: string): Promise<ConversationRow | undefined> {
  return db
    .selectFrom('conversations')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findConversationWithContact(
  db: Executor,
  accountId: string,
  id: string,
): Promise<ConversationWithContact | undefined> {
  return withContact(db)
    .where('conversations.account_id', '=', accountId)
    .where('conversations.id', '=', id)
    .executeTakeFirst();
}

/** The contact's most recent conversation in an inbox that is not resolved: a returning visitor continues it. */
export function findLatestConversationOfContact(db: Executor, accountId: string, inboxId: string, contactId: string) {
  return db
    .selectFrom('conversations')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('inbox_id', '=', inboxId)
    .where('contact_id', '=', contactId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function listConversationsOfContact(db: Executor, accountId: string, contactId: string, limit: number) {
  return withContact(db)
    .where('conversations.account_id', '=', accountId)
    .where('conversations.contact_id', '=', contactId)
    .orderBy('conversations.id', 'desc')
    .limit(limit)
    .execute();
}

type TabFilter = { tab: ConversationListQuery['tab']; userId: string; seesBotChats: boolean };

function filtered(
  db: Executor,
  accountId: string,
  query: Omit<ConversationListQuery, 'cursor' | 'limit' | 'tab'>,
  tab: TabFilter,
) {
  let q = withContact(db).where('conversations.account_id', '=', accountId);
  if (query.status !== 'any') q = q.where('conversations.status', '=', query.status);
  if (query.inboxId) q = q.where('conversations.inbox_id', '=', query.inboxId);
  if (tab.tab === 'mine') q = q.where('conversations.assignee_id', '=', tab.userId);
  if (tab.tab === 'unassigned') q = q.where('conversations.assignee_id', 'is', null);
  // The answer bot's unassigned chats are in no agent's queue; supervisors watch them (bot/).
  if (!tab.seesBotChats) q = q.where(botHandled, '=', 0);
  return q;
}

/** Most recent activity first; `after` is where the previous page ended (see conversationCursor.ts). */
export function listConversations(
  db: Executor,
  accountId: string,
  userId: string,
  query: Omit<ConversationListQuery, 'cursor'>,
  after: ConversationCursor | null,
  seesBotChats: boolean,
): Promise<ConversationWithContact[]> {
  let q = filtered(db, accountId, query, { tab: query.tab, userId, seesBotChats });
  if (after) {
    q = q.where((eb) =>
      eb.or([
        eb('conversations.last_activity_at', '<', after.lastActivityAt),
        eb.and([
          eb('conversations.last_activity_at', '=', after.lastActivityAt),
          eb('conversations.id', '<', after.id),
        ]),
      ]),
    );
  }
  return q
    .orderBy('conversations.last_activity_at', 'desc')
    .orderBy('conversations.id', 'desc')
    .limit(query.limit)
    .execute();
}

export async function countConversationsByTab(
  db: Executor,
  accountId: string,
  userId: string,
  query: Omit<ConversationListQuery, 'cursor' | 'limit' | 'tab'>,
  seesBotChats: boolean,
) {
  let q = db.selectFrom('conversations').where('account_id', '=', accountId);
  if (query.status !== 'any') q = q.where('status', '=', query.status);
  if (query.inboxId) q = q.where('inbox_id', '=', query.inboxId);
  if (!seesBotChats) q = q.where(botHandled, '=', 0);
  const row = await q
    .select((eb) => [
      eb.fn.countAll<number>().as('all'),
      eb.fn.sum<number>(eb.case().when('assignee_id', '=', userId).then(1).else(0).end()).as('mine'),
      eb.fn.sum<number>(eb.case().when('assignee_id', 'is', null).then(1).else(0).end()).as('unassigned'),
    ])
    .executeTakeFirstOrThrow();
  return { all: Number(row.all ?? 0), mine: Number(row.mine ?? 0), unassigned: Number(row.unassigned ?? 0) };
}

export async function updateConversation(
  db: Executor,
  accountId: string,
  id: string,
  changes: Partial<Omit<ConversationRow, 'id' | 'account_id' | 'inbox_id' | 'contact_id' | 'created_at' | 'last_seq'>>,
): Promise<void> {
  await db.updateTable('conversations').set(changes).where('account_id', '=', accountId).where('id', '=', id).execute();
}

/** Locks the conversation's row until the transaction ends (as takeNextSeq does) and returns it. */
export function lockConversation(db: Executor, accountId: string, id: string): Promise<ConversationRow | undefined> {
  return db
    .updateTable('conversations')
    .set((eb) => ({ last_seq: eb.ref('last_seq') }))
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

/**
 * Takes the next sequence number of a conversation. The UPDATE locks the row, so concurrent writers
 * (even on several nodes) get distinct, gap-free numbers.
 */
export async function takeNextSeq(db: Executor, accountId: string, id: string): Promise<number | undefined> {
  const row = await db
    .updateTable('conversations')
    .set((eb) => ({ last_seq: eb('last_seq', '+', 1) }))
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .returning('last_seq')
    .executeTakeFirst();
  return row?.last_seq;
}
