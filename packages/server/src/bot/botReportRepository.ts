import type { Executor } from '../db/transaction.js';

/** The reads behind the learning list and the statistics; ranges are [from, to) in epoch ms. */
export interface ReportRange {
  accountId: string;
  from: number;
  to: number;
  inboxId: string | undefined;
}

/** Questions waiting on the learning list: missed, only guessed at, or answered and rated 没用. */
export function listLearnableTurns(db: Executor, range: ReportRange, limit: number) {
  let q = db
    .selectFrom('bot_turns')
    .select(['id', 'question', 'outcome', 'rating', 'entry_id', 'entry_title', 'created_at'])
    .where('account_id', '=', range.accountId)
    .where('created_at', '>=', range.from)
    .where('created_at', '<', range.to)
    .where('learned_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('outcome', 'in', ['unknown', 'suggest']),
        eb.and([eb('outcome', '=', 'answer'), eb('rating', '=', 'unhelpful')]),
      ]),
    );
  if (range.inboxId) q = q.where('inbox_id', '=', range.inboxId);
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

export async function sessionCounts(db: Executor, range: ReportRange) {
  let q = db
    .selectFrom('bot_sessions')
    .innerJoin('conversations', 'conversations.id', 'bot_sessions.conversation_id')
    .where('bot_sessions.account_id', '=', range.accountId)
    .where('bot_sessions.started_at', '>=', range.from)
    .where('bot_sessions.started_at', '<', range.to);
  if (range.inboxId) q = q.where('bot_sessions.inbox_id', '=', range.inboxId);
  const row = await q
    .select((eb) => [
      eb.fn.countAll<number>().as('sessions'),
      eb.fn.sum<number>(eb.case().when('bot_sessions.state', '=', 'handed_off').then(1).else(0).end()).as('handoffs'),
      // Closed with no person: the bot's own session ended (the conversation closed, or reopened later).
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(
              eb.and([
                eb('bot_sessions.state', 'in', ['active', 'ended']),
                eb.or([eb('bot_sessions.state', '=', 'ended'), eb('conversations.status', '=', 'resolved')]),
              ]),
            )
            .then(1)
            .else(0)
            .end(),
        )
        .as('resolved'),
    ])
    .executeTakeFirstOrThrow();
  return {
    sessions: Number(row.sessions ?? 0),
    handoffs: Number(row.handoffs ?? 0),
    resolved: Number(row.resolved ?? 0),
  };
}

export async function handoffReasonCounts(db: Executor, range: ReportRange) {
  let q = db
    .selectFrom('bot_sessions')
    .select(['handoff_reason', (eb) => eb.fn.countAll<number>().as('n')])
    .where('account_id', '=', range.accountId)
    .where('started_at', '>=', range.from)
    .where('started_at', '<', range.to)
    .where('state', '=', 'handed_off');
  if (range.inboxId) q = q.where('inbox_id', '=', range.inboxId);
  const rows = await q.groupBy('handoff_reason').execute();
  return rows.map((r) => ({ reason: r.handoff_reason, count: Number(r.n) }));
}

export async function turnCounts(db: Executor, range: ReportRange) {
  let q = db
    .selectFrom('bot_turns')
    .select(['outcome', 'rating', (eb) => eb.fn.countAll<number>().as('n')])
    .where('account_id', '=', range.accountId)
    .where('created_at', '>=', range.from)
    .where('created_at', '<', range.to);
  if (range.inboxId) q = q.where('inbox_id', '=', range.inboxId);
  const rows = await q.groupBy(['outcome', 'rating']).execute();
  return rows.map((r) => ({ outcome: r.outcome, rating: r.rating, count: Number(r.n) }));
}

/** The most recent questions of the range (the top questions are counted from them). */
export function recentQuestions(db: Executor, range: ReportRange, limit: number) {
  let q = db
    .selectFrom('bot_turns')
    .select(['question', 'outcome', 'entry_id', 'entry_title'])
    .where('account_id', '=', range.accountId)
    .where('created_at', '>=', range.from)
    .where('created_at', '<', range.to)
    .where('outcome', 'in', ['answer', 'suggest', 'unknown']);
  if (range.inboxId) q = q.where('inbox_id', '=', range.inboxId);
  return q.orderBy('created_at', 'desc').limit(limit).execute();
}

/** Answered entries with the customers' ratings, most 没用 first. */
export async function ratingsByEntry(db: Executor, range: ReportRange, limit: number) {
  let q = db
    .selectFrom('bot_turns')
    .where('account_id', '=', range.accountId)
    .where('created_at', '>=', range.from)
    .where('created_at', '<', range.to)
    .where('rating', 'is not', null)
    .where('entry_id', 'is not', null);
  if (range.inboxId) q = q.where('inbox_id', '=', range.inboxId);
  const rows = await q
    .select((eb) => [
      'entry_id',
      eb.fn.max('entry_title').as('title'),
      eb.fn.sum<number>(eb.case().when('rating', '=', 'unhelpful').then(1).else(0).end()).as('unhelpful'),
      eb.fn.sum<number>(eb.case().when('rating', '=', 'helpful').then(1).else(0).end()).as('helpful'),
    ])
    .groupBy('entry_id')
    .execute();
  return rows
    .map((r) => ({
      entryId: r.entry_id!,
      title: r.title ?? '',
      unhelpful: Number(r.unhelpful ?? 0),
      helpful: Number(r.helpful ?? 0),
    }))
    .filter((r) => r.unhelpful > 0)
    .sort((a, b) => b.unhelpful - a.unhelpful || a.helpful - b.helpful || a.entryId.localeCompare(b.entryId))
    .slice(0, limit);
}
