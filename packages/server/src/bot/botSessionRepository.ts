import type { BotSessionsTable } from '../db/schema.js';
import type { Executor } from '../db/transaction.js';
import { NO_PENDING, type PendingChoices } from './botDecision.js';

export type BotSessionRow = BotSessionsTable;

export async function insertBotSession(db: Executor, row: BotSessionRow): Promise<void> {
  await db.insertInto('bot_sessions').values(row).execute();
}

/** The conversation's session the bot is running now, if any. */
export function findActiveBotSession(db: Executor, accountId: string, conversationId: string) {
  return db
    .selectFrom('bot_sessions')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('conversation_id', '=', conversationId)
    .where('state', '=', 'active')
    .orderBy('started_at', 'desc')
    .executeTakeFirst();
}

export async function updateBotSession(
  db: Executor,
  id: string,
  changes: Partial<Omit<BotSessionRow, 'id' | 'account_id' | 'conversation_id' | 'inbox_id' | 'started_at'>>,
): Promise<void> {
  await db.updateTable('bot_sessions').set(changes).where('id', '=', id).execute();
}

/** Earlier sessions of the conversation still marked active (it was closed and reopened) end. */
export async function endActiveBotSessions(db: Executor, conversationId: string, now: number): Promise<void> {
  await db
    .updateTable('bot_sessions')
    .set({ state: 'ended', ended_at: now, updated_at: now })
    .where('conversation_id', '=', conversationId)
    .where('state', '=', 'active')
    .execute();
}

export function pendingOf(row: BotSessionRow): PendingChoices {
  try {
    const parsed = JSON.parse(row.pending) as Partial<PendingChoices>;
    return { suggestions: Array.isArray(parsed.suggestions) ? parsed.suggestions : [] };
  } catch {
    return NO_PENDING;
  }
}
