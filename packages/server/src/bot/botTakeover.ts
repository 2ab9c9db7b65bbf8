import type { WidgetSettings } from '@kefu/shared';
import { inboxHoursState } from '../businessHours/inboxCalendar.js';
import type { AppContext } from '../context.js';
import { lockConversation, updateConversation } from '../conversations/conversationRepository.js';
import { newId } from '../db/ids.js';
import type { Executor } from '../db/transaction.js';
import { cachedInboxSettings } from '../inboxes/cachedInboxSettings.js';
import { countAgentsTakingChats } from './agentAvailability.js';
import { NO_PENDING } from './botDecision.js';
import { endActiveBotSessions, insertBotSession } from './botSessionRepository.js';

/**
 * Whether the bot takes a conversation arriving now, by the inbox's mode: always (bot first), when no agent is
 * online to take chats (human first), or outside business hours (after hours).
 */
export async function botTakesArrival(db: Executor, accountId: string, inboxId: string, now: number): Promise<boolean> {
  const settings = await cachedInboxSettings(db, accountId, inboxId);
  return settings ? botModeTakes(db, accountId, settings, now) : false;
}

/** botTakesArrival for a caller that already holds the inbox's settings. */
export async function botModeTakes(
  db: Executor,
  accountId: string,
  settings: WidgetSettings,
  now: number,
): Promise<boolean> {
  switch (settings.bot.mode) {
    case 'off':
      return false;
    case 'bot_first':
      return true;
    case 'human_first':
      return (await countAgentsTakingChats(db, accountId)) === 0;
    case 'after_hours':
      return !(await inboxHoursState(db, accountId, settings, now)).open;
  }
}

/**
 * Inside the transaction that opens the conversation, before its first message: from here on it is in no
 * agent's queue, and its messages reach only supervisors until the bot hands it over (realtime/hub.ts).
 */
export async function startBotSession(
  trx: Executor,
  conversation: { accountId: string; inboxId: string; conversationId: string },
  now: number,
): Promise<void> {
  await endActiveBotSessions(trx, conversation.conversationId, now);
  await insertBotSession(trx, {
    id: newId(now),
    account_id: conversation.accountId,
    inbox_id: conversation.inboxId,
    conversation_id: conversation.conversationId,
    state: 'active',
    misses: 0,
    pending: JSON.stringify(NO_PENDING),
    handoff_reason: null,
    started_at: now,
    handed_off_at: null,
    ended_at: null,
    updated_at: now,
  });
  await updateConversation(trx, conversation.accountId, conversation.conversationId, { bot_active: 1 });
}

/**
 * A customer writes to their resolved conversation: the bot takes it again when the mode says so and no person
 * keeps it (with routing off a reopened conversation stays with its agent).
 */
export async function botTakesReopened(
  ctx: AppContext,
  conversation: { account_id: string; inbox_id: string; id: string; assignee_id: string | null },
): Promise<void> {
  const db = ctx.db.kysely;
  const now = ctx.clock.now();
  const settings = await cachedInboxSettings(db, conversation.account_id, conversation.inbox_id);
  if (!settings || !(await botModeTakes(db, conversation.account_id, settings, now))) return;
  if (conversation.assignee_id !== null && !settings.routing.enabled) return;
  await db.transaction().execute(async (trx) => {
    const row = await lockConversation(trx, conversation.account_id, conversation.id);
    if (row?.status !== 'resolved') return;
    await startBotSession(trx, { accountId: row.account_id, inboxId: row.inbox_id, conversationId: row.id }, now);
  });
}
