import type { HandoffReason, InboxBotSettings, WidgetSettings } from '@kefu/shared';
import type { AppContext } from '../context.js';
import { findConversationWithContact, updateConversation } from '../conversations/conversationRepository.js';
import { type CreatedMessage, storeMessage } from '../conversations/messageCreator.js';
import type { MessageRow } from '../conversations/messageRepository.js';
import type { Executor } from '../db/transaction.js';
import { conversationRouter } from '../routing/conversationRouter.js';
import { countAgentsTakingChats } from './agentAvailability.js';
import type { BotDecision } from './botDecision.js';
import { type BotSessionRow, updateBotSession } from './botSessionRepository.js';
import { handoffSummary } from './botSummary.js';
import { insertBotTurn, listSessionTurns } from './botTurnRepository.js';
import { botSender, stillBotHandled, turnRow } from './botTurnStore.js';

export interface Handoff {
  session: BotSessionRow;
  question: MessageRow;
  settings: WidgetSettings;
  decision: BotDecision;
  handoff: { reason: HandoffReason; teamId: string | null; trigger: string | null };
}

/** What the customer is told: sorry (a complaint), a person is coming, or nobody is online right now. */
export function handoffText(bot: InboxBotSettings, reason: HandoffReason, agentsOnline: boolean): string {
  if (reason === 'complaint') return bot.texts.complaint;
  return agentsOnline ? bot.texts.handoff : bot.texts.handoffOffline;
}

/**
 * The bot gives the conversation to people. In one transaction: the customer is told, the agents get a private
 * note summarising what was asked, what the bot answered and why it hands over, the session ends, and the
 * conversation leaves the bot (its waiting clock starts at the customer's message). After the commit, routing
 * (routing/conversationRouter.ts) decides who takes it, within the team a menu item or topic names.
 */
export async function botHandoff(ctx: AppContext, h: Handoff): Promise<void> {
  const { session, question, settings, decision, handoff } = h;
  const accountId = question.account_id;
  const conversationId = question.conversation_id;
  const stored = await ctx.db.kysely.transaction().execute(async (trx) => {
    if (!(await stillBotHandled(trx, accountId, conversationId, session.id))) return null;
    const now = ctx.clock.now();
    const online = (await countAgentsTakingChats(trx, accountId)) > 0;
    const told = await storeMessage(trx, now, {
      accountId,
      conversationId,
      kind: 'outgoing',
      sender: botSender(settings),
      content: handoffText(settings.bot, handoff.reason, online),
      payload: { kind: 'bot_handoff', reason: handoff.reason, rateable: false },
      clientId: `bot-${question.id}-handoff`,
      attachmentIds: [],
    });
    await insertBotTurn(trx, turnRow(session, question, decision, told.message.id, now));
    const summary = handoffSummary(handoff.reason, handoff.trigger, await listSessionTurns(trx, session.id));
    const note = await storeMessage(trx, now, {
      accountId,
      conversationId,
      kind: 'note',
      sender: botSender(settings),
      content: summary.content,
      payload: summary.payload,
      clientId: `bot-${question.id}-summary`,
      attachmentIds: [],
    });
    await updateBotSession(trx, session.id, {
      state: 'handed_off',
      handoff_reason: handoff.reason,
      handed_off_at: now,
      ended_at: now,
      pending: JSON.stringify({ suggestions: [] }),
      updated_at: now,
    });
    await updateConversation(trx, accountId, conversationId, {
      bot_active: 0,
      waiting_since: question.created_at,
      updated_at: now,
    });
    return { messages: [told, note], teamId: await teamOfAccount(trx, accountId, handoff.teamId) };
  });
  if (!stored) return;
  const after = await findConversationWithContact(ctx.db.kysely, accountId, conversationId);
  if (!after) return;
  for (const created of stored.messages) publish(ctx, created, after);
  ctx.bus.publish({ type: 'conversation.updated', accountId, conversation: after });
  await conversationRouter(
    ctx,
    accountId,
    conversationId,
    stored.teamId ? { team: { id: stored.teamId, rule: 'transfer' } } : {},
  );
}

function publish(ctx: AppContext, created: CreatedMessage, conversation: CreatedMessage['conversation']) {
  ctx.bus.publish({
    type: 'message.created',
    accountId: conversation.account_id,
    message: created.message,
    conversation,
  });
}

/** A team named in the settings, if it is still a team of the workspace (deleted teams route to anyone). */
async function teamOfAccount(db: Executor, accountId: string, teamId: string | null): Promise<string | null> {
  if (!teamId) return null;
  const team = await db
    .selectFrom('teams')
    .select('id')
    .where('account_id', '=', accountId)
    .where('id', '=', teamId)
    .executeTakeFirst();
  return team?.id ?? null;
}
