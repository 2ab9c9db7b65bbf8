import type { AppContext } from '../context.js';
import { AppError } from '../http/appError.js';
import { startPeriodic } from '../maintenance/periodic.js';
import { type TicketActor, type TicketChange, ticketChange } from '../tickets/ticketChange.js';
import { withCustomerMessage, withStaffResponse } from './slaFacts.js';
import { actOnSlaBreach, sendSlaWarning } from './slaNotifier.js';
import { evaluateSla, type SlaWork, slaWorkOf } from './slaTracker.js';
import {
  chatMessagesAfter,
  linkedConversationActivity,
  listSlaChatsToRead,
  listSlaChecksDue,
} from './ticketSlaRepository.js';

/** How often each node sweeps SLA clocks. */
export const SLA_SWEEP_INTERVAL_MS = 30_000;
const BATCH = 200;
/** Messages read per conversation and sweep; the rest wait for the next one. */
const CHAT_BATCH = 500;

const system = (accountId: string): TicketActor => ({ type: 'system', accountId });

/** Warnings and breaches that have come, each acted on once (the notices live in the row the lock guards). */
async function checkClocks(change: TicketChange, counts: SweepCounts): Promise<void> {
  const work = await slaWorkOf(change);
  const { policy, clocks } = await evaluateSla(change, work);
  if (!policy) return;
  for (const clock of clocks) {
    const { reading } = clock;
    if (reading.stoppedAt !== null) continue;
    const notice = work.notices[clock.key] ?? {};
    if (reading.state === 'breached' && notice.breachedAt === undefined) {
      await actOnSlaBreach(change, work, policy, clock);
      counts.breached += 1;
    } else if (reading.state === 'warning' && notice.warnedAt === undefined && notice.breachedAt === undefined) {
      await sendSlaWarning(change, work, policy, clock);
      counts.warned += 1;
    }
  }
}

/**
 * New messages of the ticket's linked conversations, in order with their own times: a customer's starts a
 * next-response round, an agent's is a staff response. Each conversation is read on from the last seq seen.
 */
async function readChats(change: TicketChange, work: SlaWork): Promise<void> {
  let latestActivity = work.chatCheckedAt;
  for (const conversation of await linkedConversationActivity(change.trx, change.before.id)) {
    const seen = work.facts.chatSeqs[conversation.id];
    const messages = await chatMessagesAfter(
      change.trx,
      conversation.id,
      seen === undefined ? { since: conversation.linked_at } : { seq: seen },
      CHAT_BATCH,
    );
    for (const message of messages) {
      if (message.kind === 'incoming') work.facts = withCustomerMessage(work.facts, message.created_at);
      else if (message.kind === 'outgoing' && message.sender_type === 'user') {
        work.facts = withStaffResponse(work.facts, message.created_at);
      }
    }
    const last = messages.at(-1);
    if (last) work.facts = { ...work.facts, chatSeqs: { ...work.facts.chatSeqs, [conversation.id]: last.seq } };
    // A conversation with more to read keeps the ticket on the list for the next sweep.
    if (messages.length < CHAT_BATCH) latestActivity = Math.max(latestActivity, conversation.last_activity_at);
  }
  work.chatCheckedAt = latestActivity;
}

interface SweepCounts {
  warned: number;
  breached: number;
  chats: number;
}

/** One ticket at a time, each in its own change; a ticket deleted meanwhile is simply gone. */
async function eachTicket(
  ctx: AppContext,
  tickets: { ticket_id: string; account_id: string }[],
  work: (change: TicketChange) => Promise<void>,
): Promise<void> {
  for (const { ticket_id, account_id } of tickets) {
    try {
      await ticketChange(ctx, system(account_id), ticket_id, {}, work);
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'NOT_FOUND')) throw error;
    }
  }
}

/**
 * The SLA sweep: tickets whose next check has come (a warning, a breach, a policy to choose again after a policy
 * changed) and open tickets whose linked chats moved. Every step is a change of one ticket with its row locked,
 * so nodes sweeping at once never act twice. Tests call it with their clock.
 */
export async function sweepSla(ctx: AppContext): Promise<SweepCounts> {
  const counts: SweepCounts = { warned: 0, breached: 0, chats: 0 };
  const db = ctx.db.kysely;
  // Chats first: a customer's message may start a round that is already due.
  await eachTicket(ctx, await listSlaChatsToRead(db, BATCH), async (change) => {
    await readChats(change, await slaWorkOf(change));
    counts.chats += 1;
  });
  await eachTicket(ctx, await listSlaChecksDue(db, ctx.clock.now(), BATCH), (change) => checkClocks(change, counts));
  return counts;
}

/** Runs the sweep every SLA_SWEEP_INTERVAL_MS on this node (unref'd); a sweep still going skips the next. */
export function startSlaSweeper(ctx: AppContext, intervalMs = SLA_SWEEP_INTERVAL_MS): () => void {
  return startPeriodic(ctx, intervalMs, 'SLA sweep failed; it runs again later', () => sweepSla(ctx));
}
