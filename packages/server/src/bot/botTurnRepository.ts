import type { BotTurnsTable } from '../db/schema.js';
import type { Executor } from '../db/transaction.js';

export type BotTurnRow = BotTurnsTable;

export async function insertBotTurn(db: Executor, row: BotTurnRow): Promise<void> {
  await db.insertInto('bot_turns').values(row).execute();
}

export function findTurnByQuestion(db: Executor, questionMessageId: string) {
  return db.selectFrom('bot_turns').selectAll().where('question_message_id', '=', questionMessageId).executeTakeFirst();
}

/** The session's turns in order, with the text of each reply, for the hand-off summary. */
export function listSessionTurns(db: Executor, sessionId: string) {
  return db
    .selectFrom('bot_turns')
    .select(['question', 'outcome', 'entry_title', 'rating', 'created_at'])
    .where('session_id', '=', sessionId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** The turn whose reply is this message, in the conversation (a rating names the reply). */
export function findTurnByReply(db: Executor, accountId: string, conversationId: string, replyMessageId: string) {
  return db
    .selectFrom('bot_turns')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('conversation_id', '=', conversationId)
    .where('reply_message_id', '=', replyMessageId)
    .executeTakeFirst();
}

export async function rateTurn(db: Executor, id: string, rating: string, now: number): Promise<void> {
  await db.updateTable('bot_turns').set({ rating, rated_at: now }).where('id', '=', id).execute();
}

/** The account's turns among `ids` that are still on the learning list. */
export function findLearnableTurns(db: Executor, accountId: string, ids: readonly string[]) {
  return db
    .selectFrom('bot_turns')
    .select(['id', 'question'])
    .where('account_id', '=', accountId)
    .where('id', 'in', [...ids])
    .where('learned_at', 'is', null)
    .execute();
}

export async function markLearned(
  db: Executor,
  accountId: string,
  ids: readonly string[],
  now: number,
): Promise<number> {
  const result = await db
    .updateTable('bot_turns')
    .set({ learned_at: now })
    .where('account_id', '=', accountId)
    .where('id', 'in', [...ids])
    .where('learned_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
