import type { ConversationListQuery } from '@kefu/shared';
import { sql } from 'kysely';
import { directSqlite, holdsWriteLock } from '../db/directSqlite.js';
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

/** 1 for an open conversation the answer bot handles with no person on it: bot/botHandled.ts in SQL. */
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

/** withContact's query by id, written out for the chat's hot path (db/directSqlite.ts). */
const CONVERSATION_WITH_CONTACT_SQL = `select conversations.*, contacts.name as contact_name,
  contacts.email as contact_email, contacts.phone as contact_phone, contacts.verified as contact_verified
  from conversations inner join contacts on contacts.id = conversations.contact_id
  where conversations.account_id = ? and conversations.id = ?`;

export async function findConversationWithContact(
  db: Executor,
  accountId: string,
  id: string,
): Promise<ConversationWithContact | undefined> {
  const direct = directSqlite(db);
  if (direct) return direct.get<ConversationWithContact>(CONVERSATION_WITH_CONTACT_SQL, accountId, id);
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

type ConversationChanges = Partial<
  Omit<ConversationRow, 'id' | 'account_id' | 'inbox_id' | 'contact_id' | 'created_at' | 'last_seq'>
>;

export function updateConversation(
  db: Executor,
  accountId: string,
  id: string,
  changes: ConversationChanges,
): Promise<void> {
  return setConversation(db, accountId, id, changes);
}

/**
 * A message was stored as `lastSeq` (the row was locked with lockConversationWithContact and read, so it is the
 * next number): the conversation's last seq and its summary in one update.
 */
export function advanceConversation(
  db: Executor,
  accountId: string,
  id: string,
  lastSeq: number,
  changes: ConversationChanges,
): Promise<void> {
  return setConversation(db, accountId, id, { ...changes, last_seq: lastSeq });
}

/** SQL of the direct update, by the columns it sets (a message's update has the same few shapes). */
const updateSql = new Map<string, string>();

async function setConversation(
  db: Executor,
  accountId: string,
  id: string,
  changes: ConversationChanges & { last_seq?: number },
): Promise<void> {
  const direct = directSqlite(db);
  if (direct) {
    // Column names come from the typed keys, never from input; undefined leaves a column as it is (as in Kysely).
    const columns = Object.keys(changes).filter((column) => changes[column as keyof typeof changes] !== undefined);
    if (columns.length === 0) return;
    const shape = columns.join(',');
    let sql = updateSql.get(shape);
    if (!sql) {
      const set = columns.map((column) => `"${column}" = ?`).join(', ');
      sql = `update conversations set ${set} where account_id = ? and id = ?`;
      if (updateSql.size >= 1000) updateSql.clear();
      updateSql.set(shape, sql);
    }
    const values = columns.map((column) => changes[column as keyof typeof changes] as string | number | null);
    direct.run(sql, ...values, accountId, id);
    return;
  }
  await db.updateTable('conversations').set(changes).where('account_id', '=', accountId).where('id', '=', id).execute();
}

/** Locks the conversation's row until the transaction ends and returns it. */
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
 * The conversation with its contact, its row locked until the transaction ends, so concurrent writers (even on
 * several nodes) see it one after the other: its next seq is `last_seq + 1`. A no-op update takes the lock first
 * (PostgreSQL's row lock; SQLite's write lock); inside the group commit's transaction, which holds SQLite's
 * write lock from its BEGIN IMMEDIATE (db/groupCommit.ts), the read alone is enough.
 */
export async function lockConversationWithContact(
  db: Executor,
  accountId: string,
  id: string,
): Promise<ConversationWithContact | undefined> {
  if (!holdsWriteLock(db) && !(await lockConversation(db, accountId, id))) return undefined;
  return findConversationWithContact(db, accountId, id);
}
