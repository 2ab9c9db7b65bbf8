import type { BotTryBody, BotTryResponse } from '@kefu/shared';
import type { AppContext } from '../context.js';
import { notFound } from '../http/appError.js';
import { cachedInboxSettings } from '../inboxes/cachedInboxSettings.js';
import { decideTurn, NO_PENDING } from './botDecision.js';
import { handoffText } from './botHandoff.js';
import { botTools, questionLocale } from './botTools.js';
import { detectComplaint } from './complaintDetector.js';

const CANDIDATES = 5;

/**
 * What the bot would reply to a customer's first question in the inbox, with the search's best entries and
 * the complaint check, without storing anything: the settings page's 试一试, and `npm run eval:bot`.
 */
export async function botTrial(ctx: AppContext, accountId: string, body: BotTryBody): Promise<BotTryResponse> {
  const settings = await cachedInboxSettings(ctx.db.kysely, accountId, body.inboxId);
  if (!settings) throw notFound('Inbox');
  const locale = await questionLocale(ctx.db.kysely, null, settings.locale, body.question);
  const tools = botTools(ctx, accountId, body.question, locale);
  const complaint = detectComplaint(body.question);
  const [decision, hits] = await Promise.all([
    decideTurn({ text: body.question, settings: settings.bot, pending: NO_PENDING, misses: 0, complaint }, tools),
    tools.search(CANDIDATES),
  ]);
  const handoff = decision.handoff;
  const reply = handoff
    ? {
        content: handoffText(settings.bot, handoff.reason, true),
        payload: { kind: 'bot_handoff' as const, reason: handoff.reason, rateable: false as const },
      }
    : decision.replies[0]!;
  return {
    outcome: decision.outcome,
    reply: handoff ? reply.content : decision.replies.map((r) => r.content).join('\n\n'),
    payload: reply.payload,
    handoffReason: handoff?.reason ?? null,
    candidates: hits.map((h) => ({
      entryId: h.entryId,
      title: h.title,
      score: Math.round(h.score * 1000) / 1000,
      matchedQuestion: h.matchedQuestion,
    })),
    complaint,
  };
}
