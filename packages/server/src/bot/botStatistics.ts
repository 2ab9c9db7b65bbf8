import { type BotRangeQuery, type BotStatsResponse, HANDOFF_REASONS, type HandoffReason } from '@kefu/shared';
import type { AppContext } from '../context.js';
import { compactForMatching } from '../text/normalize.js';
import {
  handoffReasonCounts,
  ratingsByEntry,
  recentQuestions,
  sessionCounts,
  turnCounts,
} from './botReportRepository.js';
import { reportRange } from './reportRange.js';

const TOP = 20;
/** Top questions are counted over at most this many recent questions of the range. */
const QUESTIONS_SCANNED = 20_000;

const rate = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 1000);

/**
 * The bot's statistics over whole days: conversations it took, those closed without a person (resolution rate),
 * hand-offs and why, what it did with each question, ratings, the questions asked most, and the entries rated 没用
 * most often.
 */
export async function botStatistics(
  ctx: AppContext,
  accountId: string,
  query: BotRangeQuery,
): Promise<BotStatsResponse> {
  const db = ctx.db.kysely;
  const { range, from, to } = await reportRange(ctx, accountId, query);
  const [sessions, reasons, turns, questions, unhelpful] = await Promise.all([
    sessionCounts(db, range),
    handoffReasonCounts(db, range),
    turnCounts(db, range),
    recentQuestions(db, range, QUESTIONS_SCANNED),
    ratingsByEntry(db, range, TOP),
  ]);
  const outcomes = { answer: 0, suggest: 0, unknown: 0, menu: 0, handoff: 0, greeting: 0 };
  const ratings = { helpful: 0, unhelpful: 0 };
  for (const row of turns) {
    if (row.outcome in outcomes) outcomes[row.outcome as keyof typeof outcomes] += row.count;
    if (row.rating === 'helpful' || row.rating === 'unhelpful') ratings[row.rating] += row.count;
  }
  const reasonCount = new Map(reasons.map((r) => [r.reason, r.count]));
  return {
    from,
    to,
    conversations: sessions.sessions,
    resolvedByBot: sessions.resolved,
    resolutionRate: rate(sessions.resolved, sessions.sessions),
    handoffs: sessions.handoffs,
    handoffRate: rate(sessions.handoffs, sessions.sessions),
    handoffReasons: HANDOFF_REASONS.map((reason: HandoffReason) => ({ reason, count: reasonCount.get(reason) ?? 0 })),
    questions: Object.values(outcomes).reduce((a, b) => a + b, 0),
    outcomes,
    ratings,
    topQuestions: topQuestions(questions),
    mostUnhelpful: unhelpful.map((r) => ({
      entry: { entryId: r.entryId, title: r.title },
      unhelpful: r.unhelpful,
      helpful: r.helpful,
    })),
  };
}

function topQuestions(
  rows: { question: string; outcome: string; entry_id: string | null; entry_title: string | null }[],
) {
  const groups = new Map<string, { text: string; count: number; entry: { entryId: string; title: string } | null }>();
  for (const row of rows) {
    const key = compactForMatching(row.question);
    if (!key) continue;
    const group = groups.get(key) ?? { text: row.question, count: 0, entry: null };
    group.count += 1;
    if (!group.entry && row.outcome === 'answer' && row.entry_id) {
      group.entry = { entryId: row.entry_id, title: row.entry_title ?? '' };
    }
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || a.text.localeCompare(b.text)).slice(0, TOP);
}
