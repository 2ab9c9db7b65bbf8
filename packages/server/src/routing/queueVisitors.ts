import type { ServerFrame } from '@kefu/shared';
import type { AppContext } from '../context.js';
import { lockConversation, updateConversation } from '../conversations/conversationRepository.js';
import { visitorConversation } from '../widget/visitorMessageSender.js';
import type { VisitorClaims } from '../widget/visitorToken.js';
import { queueEntries, queueStatusChanged, touchQueue } from './queueNotifier.js';
import { abandonedActivity, publishMessages, storeActivity } from './routingActivities.js';
import { findQueuedOfContact, findRouting, markVisitorsSeen, moveRoutingState } from './routingRepository.js';

/** A queued customer whose widget (re)connects gets their place and estimated wait at once. */
export async function greetQueuedVisitor(
  ctx: AppContext,
  visitor: VisitorClaims,
  send: (frame: ServerFrame) => void,
): Promise<void> {
  try {
    const db = ctx.db.kysely;
    const queued = await findQueuedOfContact(db, visitor.accountId, visitor.inboxId, visitor.contactId);
    if (!queued) return;
    const now = ctx.clock.now();
    await markVisitorsSeen(db, [visitor.contactId], now);
    const { entries } = await queueEntries(db, visitor.accountId, now);
    const entry = entries.find((e) => e.conversationId === queued.conversation_id);
    if (!entry) return;
    const { contactId: _contact, inboxId: _inbox, ...queue } = entry;
    send({ type: 'queue', queue });
  } catch (error) {
    ctx.log.warn({ err: error }, 'queue greeting failed');
  }
}

/** The customer gave up waiting (the widget's `leave` frame): only their own conversation, only while queued. */
export async function queueLeaver(ctx: AppContext, visitor: VisitorClaims, conversationId: string): Promise<void> {
  const conversation = await visitorConversation(ctx, visitor, conversationId);
  await abandonQueued(ctx, conversation.account_id, conversation.id, 'left');
}

/**
 * A queued conversation whose customer left (`left`) or whose widget has been gone past the inbox's grace (`gone`)
 * is abandoned: it leaves the queue and is closed, and the timeline says how long they waited. Conditional on it
 * still being queued, so two nodes never abandon it twice. Returns whether it did.
 */
export async function abandonQueued(
  ctx: AppContext,
  accountId: string,
  conversationId: string,
  reason: 'left' | 'gone',
): Promise<boolean> {
  const now = ctx.clock.now();
  const done = await ctx.db.kysely.transaction().execute(async (trx) => {
    const row = await lockConversation(trx, accountId, conversationId);
    const routing = row ? await findRouting(trx, accountId, conversationId) : undefined;
    if (!row || routing?.state !== 'queued') return null;
    if (!(await moveRoutingState(trx, conversationId, 'queued', { state: 'abandoned', updated_at: now }))) return null;
    await updateConversation(trx, accountId, conversationId, {
      status: 'resolved',
      waiting_since: null,
      snoozed_until: null,
      updated_at: now,
    });
    const waited = Math.round((now - (routing.enqueued_at ?? now)) / 1000);
    const message = await storeActivity(trx, now, accountId, conversationId, abandonedActivity(waited, reason));
    return { message, row };
  });
  if (!done) return false;
  publishMessages(ctx, accountId, [done.message]);
  queueStatusChanged(ctx, accountId, {
    conversationId,
    contactId: done.row.contact_id,
    inboxId: done.row.inbox_id,
    status: 'left',
    agentName: null,
  });
  touchQueue(ctx, accountId);
  return true;
}
