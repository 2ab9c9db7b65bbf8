import { type Expression, type SqlBool, sql } from 'kysely';
import type { DatabaseKind } from '../db/database.js';
import type { Executor } from '../db/transaction.js';
import { characterTokens } from '../text/segment.js';

/**
 * The conversation search index, the one part of the schema written differently per database
 * (migration 0005): FTS5 on SQLite, a GIN index over to_tsvector('simple', …) on PostgreSQL.
 */
export interface SearchDocument {
  messageId: string;
  accountId: string;
  conversationId: string;
  createdAt: number;
  /** jieba tokens (segmentForIndex). */
  words: string;
  /** Han characters one by one (characterTokens). */
  chars: string;
}

export const MESSAGE_SEARCH_CURSOR = 'message_search';

/** A message the indexer has not seen yet. */
export interface UnindexedMessage {
  id: string;
  account_id: string;
  conversation_id: string;
  kind: string;
  sender_type: string;
  content: string;
  attachments: string;
  created_at: number;
}

/**
 * Reads the cursor and holds it for this transaction. On PostgreSQL another node holding it means that node is
 * indexing now: this one gets undefined and leaves the work to it. SQLite runs one transaction at a time.
 */
export async function lockCursor(trx: Executor, kind: DatabaseKind, name: string): Promise<string | undefined> {
  let query = trx.selectFrom('indexer_cursors').select('position').where('name', '=', name);
  if (kind === 'postgres') query = query.forUpdate().skipLocked();
  return (await query.executeTakeFirst())?.position;
}

export async function moveCursor(trx: Executor, name: string, position: string, now: number): Promise<void> {
  await trx.updateTable('indexer_cursors').set({ position, updated_at: now }).where('name', '=', name).execute();
}

/** Messages after the cursor that have no document yet, in id order. Activity lines are not searchable. */
export function unindexedMessages(trx: Executor, after: string, limit: number): Promise<UnindexedMessage[]> {
  return trx
    .selectFrom('messages as m')
    .select([
      'm.id',
      'm.account_id',
      'm.conversation_id',
      'm.kind',
      'm.sender_type',
      'm.content',
      'm.attachments',
      'm.created_at',
    ])
    .where('m.id', '>', after)
    .where('m.kind', '!=', 'activity')
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('message_search as s').select('s.message_id').whereRef('s.message_id', '=', 'm.id'))),
    )
    .orderBy('m.id')
    .limit(limit)
    .execute();
}

export async function insertSearchDocuments(trx: Executor, kind: DatabaseKind, docs: SearchDocument[]): Promise<void> {
  if (docs.length === 0) return;
  if (kind === 'postgres') {
    const rows = docs.map(
      (d) => sql`(${d.messageId}, ${d.accountId}, ${d.conversationId}, ${d.createdAt}, ${d.words}, ${d.chars})`,
    );
    await sql`insert into message_search (message_id, account_id, conversation_id, created_at, words, chars)
      values ${sql.join(rows)} on conflict (message_id) do nothing`.execute(trx);
    return;
  }
  // SQLite: the documents first (their rowids are the FTS rows'), then the words, each in one statement.
  const values = docs.map((d) => sql`(${d.messageId}, ${d.accountId}, ${d.conversationId}, ${d.createdAt})`);
  const { rows } = await sql<{ doc_id: number; message_id: string }>`insert into message_search
    (message_id, account_id, conversation_id, created_at) values ${sql.join(values)}
    on conflict (message_id) do nothing returning doc_id, message_id`.execute(trx);
  if (rows.length === 0) return;
  const byMessage = new Map(docs.map((d) => [d.messageId, d]));
  const words = rows.map((row) => {
    const d = byMessage.get(row.message_id)!;
    return sql`(${row.doc_id}, ${d.words}, ${d.chars})`;
  });
  await sql`insert into message_search_fts (rowid, words, chars) values ${sql.join(words)}`.execute(trx);
}

/** Query words hold only letters and digits (segment.ts), but nothing reaches a query string unchecked. */
const SAFE_TOKEN = /^[\p{L}\p{N}]+$/u;

/**
 * A condition on `s` (message_search) that is true when the document has every query word: as a jieba word
 * (or the start of one: 1234 finds 12345678), or as a run of Han characters however jieba cut the message.
 */
export function matchesAllWords(kind: DatabaseKind, words: string[]): Expression<SqlBool> {
  const terms = words.map((word) => ({ word, chars: characterTokens(word).split(' ') }));
  for (const term of terms) {
    if (!SAFE_TOKEN.test(term.word) || !term.chars.every((c) => SAFE_TOKEN.test(c))) {
      throw new Error(`unsafe search token ${JSON.stringify(term.word)}`);
    }
  }
  if (kind === 'postgres') {
    const query = terms
      .map(({ word, chars }) => `('${word}':*A | ${chars.map((c) => `'${c}':B`).join(' <-> ')})`)
      .join(' & ');
    return sql<SqlBool>`(setweight(to_tsvector('simple', s.words), 'A') || setweight(to_tsvector('simple', s.chars), 'B')) @@ to_tsquery('simple', ${query})`;
  }
  const query = terms.map(({ word, chars }) => `(words:"${word}"* OR chars:"${chars.join(' ')}")`).join(' AND ');
  return sql<SqlBool>`s.doc_id in (select rowid from message_search_fts where message_search_fts match ${query})`;
}
