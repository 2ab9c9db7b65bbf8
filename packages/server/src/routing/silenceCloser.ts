import type { AppContext } from '../context.js';
import { lockConversation, updateConversation } from '../conversations/conversationRepository.js';
import { storeMessage } from '../conversations/messageCreator.js';
import { publishAgentStatuses } from '../presence/agentStatusPublisher.js';
import { drainQueues } from './queueDrainer.js';
import { autoClosedActivity, publishMessages, storeActivity } from './routingActivities.js';
import { listSilent, updateRouting } from './routingRepository.js';
import { routingSettingsOf } from './routingSettings.js';
import { moveSeat } from './seatLedger.js';

/** The shortest silence settings allow. */
const MIN_SILENCE_MS = 60_000;
const BATCH = 500;

/**
 * Auto-close: an open conversation where the agent spoke last and the customer has not answered for the inbox's
 * `autoCloseMinutes` gets the closing message and is resolved. The close is conditional on nothing having been
 * said since the sweep looked, so a customer typing at that moment, or another node's sweep, is never overrun.
 * Returns how many it closed.
 */
export async function sweepSilent(ctx: AppContext): Promise<number> {
  const db = ctx.db.kysely;
  const now = ctx.clock.now();
  let closed = 0;
  for (const row of await listSilent(db, now - MIN_SILENCE_MS, BATCH)) {
    const settings = await routingSettingsOf(db, row.account_id, row.inbox_id);
    if (!settings || settings.autoCloseMinutes === null) continue;
    if (now - row.last_message_at! < settings.autoCloseMinutes * 60_000) continue;
    if (await closeSilent(ctx, row.account_id, row.id, row.last_message_at!, settings)) closed += 1;
  }
  return closed;
}

async function closeSilent(
  ctx: AppContext,
  accountId: string,
  conversationId: string,
  lastMessageAt: number,
  settings: { autoCloseMinutes: number | null; closingMessage: string },
): Promise<boolean> {
  const now = ctx.clock.now();
  const done = await ctx.db.kysely.transaction().execute(async (trx) => {
    const c = await lockConversation(trx, accountId, conversationId);
    const stillSilent =
      c?.status === 'open' &&
      c.waiting_since === null &&
      c.last_message_kind === 'outgoing' &&
      c.last_message_at === lastMessageAt;
    if (!c || !stillSilent) return null;
    await updateConversation(trx, accountId, conversationId, {
      status: 'resolved',
      snoozed_until: null,
      updated_at: now,
    });
    const seat = { assigneeId: c.assignee_id, teamId: c.team_id };
    await moveSeat(trx, accountId, { ...seat, status: c.status }, { ...seat, status: 'resolved' }, now, 'force');
    await updateRouting(trx, conversationId, { state: 'ended', updated_at: now });
    const closing = await storeMessage(trx, now, {
      accountId,
      conversationId,
      kind: 'outgoing',
      sender: { type: 'system', id: null, name: null },
      content: settings.closingMessage,
      attachmentIds: [],
    });
    const activity = await storeActivity(
      trx,
      now,
      accountId,
      conversationId,
      autoClosedActivity(settings.autoCloseMinutes!),
    );
    return { messages: [closing, activity], assigneeId: c.assignee_id };
  });
  if (!done) return false;
  publishMessages(ctx, accountId, done.messages);
  if (done.assigneeId) {
    await publishAgentStatuses(ctx, accountId, [done.assigneeId]);
    await drainQueues(ctx, accountId);
  }
  return true;
}
