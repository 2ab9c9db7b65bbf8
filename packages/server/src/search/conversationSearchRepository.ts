import type { ConversationSearchQuery } from '@kefu/shared';
import { type Expression, type SqlBool, sql } from 'kysely';
import { phoneDigits, storedPhoneDigits } from '../contacts/phoneNumbers.js';
import type { DatabaseKind } from '../db/database.js';
import type { Executor } from '../db/transaction.js';
import { labelLikePattern } from '../labels/labelRepository.js';
import { matchesAllWords } from './searchIndexRepository.js';

type Filters = Omit<ConversationSearchQuery, 'q' | 'cursor' | 'limit'>;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The filters every search applies, over `c` (conversations) and `ct` (contacts). Phone and email match the
 * stored value exactly (after separators and case), so a search confirms a number the agent already has
 * without listing numbers it does not; results show them masked.
 */
function filterConditions(accountId: string, filters: Filters): Expression<SqlBool>[] {
  const conditions = [sql<SqlBool>`c.account_id = ${accountId}`];
  if (filters.status !== 'any') conditions.push(sql<SqlBool>`c.status = ${filters.status}`);
  if (filters.inboxId) conditions.push(sql<SqlBool>`c.inbox_id = ${filters.inboxId}`);
  if (filters.assigneeId) conditions.push(sql<SqlBool>`c.assignee_id = ${filters.assigneeId}`);
  if (filters.label) conditions.push(sql<SqlBool>`c.labels like ${labelLikePattern(filters.label)} escape '\\'`);
  if (filters.contact) {
    const pattern = `%${escapeLike(filters.contact.toLowerCase())}%`;
    conditions.push(sql<SqlBool>`lower(ct.name) like ${pattern} escape '\\'`);
  }
  if (filters.email) conditions.push(sql<SqlBool>`lower(ct.email) = ${filters.email.toLowerCase()}`);
  if (filters.phone) {
    const digits = phoneDigits(filters.phone);
    conditions.push(sql<SqlBool>`${storedPhoneDigits('ct.phone')} in (${digits}, ${`86${digits}`})`);
  }
  return conditions;
}

/**
 * Conversations with a message that has every query word, newest hit first: one row per conversation with
 * its newest matching message (ids are time-ordered, so the largest id is the newest). `before` is the hit
 * id the previous page ended with.
 */
export async function searchByText(
  db: Executor,
  kind: DatabaseKind,
  accountId: string,
  words: string[],
  filters: Filters,
  page: { before: string | null; limit: number },
): Promise<{ conversationId: string; hitId: string }[]> {
  const hit = sql<string>`max(s.message_id)`;
  let query = db
    .selectFrom('message_search as s')
    .innerJoin('conversations as c', 'c.id', 's.conversation_id')
    .innerJoin('contacts as ct', 'ct.id', 'c.contact_id')
    .where('s.account_id', '=', accountId)
    .where(matchesAllWords(kind, words))
    .select(['s.conversation_id as conversationId', hit.as('hitId')]);
  query = query.where((eb) => eb.and(filterConditions(accountId, filters)));
  if (filters.from) query = query.where('s.created_at', '>=', Date.parse(filters.from));
  if (filters.to) query = query.where('s.created_at', '<=', Date.parse(filters.to));
  let grouped = query.groupBy('s.conversation_id');
  if (page.before) grouped = grouped.having(hit, '<', page.before);
  return grouped.orderBy(hit, 'desc').limit(page.limit).execute();
}

/** Conversations matching the filters alone, most recent activity first. */
export function searchByFilters(
  db: Executor,
  accountId: string,
  filters: Filters,
  page: { before: { lastActivityAt: number; id: string } | null; limit: number },
): Promise<{ conversationId: string; lastActivityAt: number }[]> {
  let query = db
    .selectFrom('conversations as c')
    .innerJoin('contacts as ct', 'ct.id', 'c.contact_id')
    .select(['c.id as conversationId', 'c.last_activity_at as lastActivityAt']);
  query = query.where((eb) => eb.and(filterConditions(accountId, filters)));
  if (filters.from) query = query.where('c.last_activity_at', '>=', Date.parse(filters.from));
  if (filters.to) query = query.where('c.created_at', '<=', Date.parse(filters.to));
  const before = page.before;
  if (before) {
    query = query.where((eb) =>
      eb.or([
        eb('c.last_activity_at', '<', before.lastActivityAt),
        eb.and([eb('c.last_activity_at', '=', before.lastActivityAt), eb('c.id', '<', before.id)]),
      ]),
    );
  }
  return query.orderBy('c.last_activity_at', 'desc').orderBy('c.id', 'desc').limit(page.limit).execute();
}

export function messagesByIds(db: Executor, accountId: string, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('messages').selectAll().where('account_id', '=', accountId).where('id', 'in', ids).execute();
}
