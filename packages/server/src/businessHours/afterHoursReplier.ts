import type { AppContext } from '../context.js';
import { type CreatedMessage, messageCreator } from '../conversations/messageCreator.js';
import { findMessageByClientId } from '../conversations/messageRepository.js';
import { cachedInboxSettings } from '../inboxes/cachedInboxSettings.js';
import { inboxHoursState } from './inboxCalendar.js';

/**
 * After a customer's message that arrived outside the inbox's business hours: the inbox's automatic reply,
 * stored as an outgoing system message, once per conversation and closed period. The period is named by the
 * instant it ends, so a second message the same night finds the reply already there.
 *
 * The customer's message is stored whatever happens here, so a failure is logged, not thrown: throwing would
 * make the widget resend a message the server already has.
 */
export async function afterHoursReplier(ctx: AppContext, incoming: CreatedMessage): Promise<void> {
  if (incoming.duplicate || incoming.message.kind !== 'incoming') return;
  const { account_id: accountId, conversation_id: conversationId, created_at: sentAt } = incoming.message;
  try {
    const settings = await cachedInboxSettings(ctx.db.kysely, accountId, incoming.conversation.inbox_id);
    const autoReply = settings?.businessHours.autoReply;
    if (!settings || !autoReply) return;
    const hours = await inboxHoursState(ctx.db.kysely, accountId, settings, sentAt);
    if (hours.open) return;
    const clientId = `after-hours:${hours.nextOpenAt ?? 'never'}`;
    if (await findMessageByClientId(ctx.db.kysely, conversationId, 'system', clientId)) return;
    await messageCreator(ctx, {
      accountId,
      conversationId,
      kind: 'outgoing',
      sender: { type: 'system', id: null, name: null },
      content: autoReply,
      clientId,
    });
  } catch (error) {
    ctx.log.error({ err: error, conversationId }, 'after-hours auto-reply failed');
  }
}
