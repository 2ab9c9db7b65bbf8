import type { MessageFlagsTable } from '../db/schema.js';
import type { Executor } from '../db/transaction.js';

export type MessageFlagRow = MessageFlagsTable;

/** Inserts the flags that do not exist yet (one per message) and returns those it inserted. */
export async function insertFlags(db: Executor, rows: MessageFlagRow[]): Promise<MessageFlagRow[]> {
  if (rows.length === 0) return [];
  const inserted = await db
    .insertInto('message_flags')
    .values(rows)
    .onConflict((oc) => oc.column('message_id').doNothing())
    .returning('id')
    .execute();
  const ids = new Set(inserted.map((r) => r.id));
  return rows.filter((r) => ids.has(r.id));
}

export function listFlags(
  db: Executor,
  accountId: string,
  page: { conversationId?: string | undefined; cursor?: string | undefined; limit: number },
): Promise<MessageFlagRow[]> {
  let query = db.selectFrom('message_flags').selectAll().where('account_id', '=', accountId);
  if (page.conversationId) query = query.where('conversation_id', '=', page.conversationId);
  if (page.cursor) query = query.where('id', '<', page.cursor);
  return query.orderBy('id', 'desc').limit(page.limit).execute();
}
