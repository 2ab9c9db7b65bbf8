import { BOT_LIMITS, type BotRangeQuery, type LearningGroup, type LearningListResponse } from '@kefu/shared';
import type { AppContext } from '../context.js';
import { compactForMatching } from '../text/normalize.js';
import { segmentQuery } from '../text/segment.js';
import { listLearnableTurns } from './botReportRepository.js';
import { reportRange } from './reportRange.js';

/**
 * The learning list: questions the bot missed, only guessed at, or answered and heard 没用 about, grouped so an
 * editor teaches the bot a question once for all its wordings. Questions are compared by their words (jieba,
 * particles dropped, Traditional folded) and their character pairs; a question joins the first group, most
 * asked first, whose leading question it resembles closely enough.
 */

export interface LearnableTurn {
  id: string;
  question: string;
  outcome: string;
  rating: string | null;
  entry_id: string | null;
  entry_title: string | null;
  created_at: number;
}

/** The most recent questions of the range that are grouped; older ones wait until these are dealt with. */
const TURNS_SCANNED = 3000;

export async function learningList(
  ctx: AppContext,
  accountId: string,
  query: BotRangeQuery,
): Promise<LearningListResponse> {
  const { range } = await reportRange(ctx, accountId, query);
  return { groups: groupLearnableTurns(await listLearnableTurns(ctx.db.kysely, range, TURNS_SCANNED)) };
}

/** How alike two questions must be (0–1) to share a group. */
export const GROUP_SIMILARITY = 0.5;
const MAX_GROUPS = 100;

interface Features {
  words: Set<string>;
  pairs: Set<string>;
}

function featuresOf(text: string): Features {
  const compact = compactForMatching(text);
  const pairs = new Set<string>();
  const chars = [...compact];
  for (let i = 0; i + 1 < chars.length; i++) pairs.add(chars[i]! + chars[i + 1]!);
  if (chars.length === 1) pairs.add(chars[0]!);
  return { words: new Set(segmentQuery(text)), pairs };
}

function overlap(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return (2 * shared) / (a.size + b.size);
}

export function similarity(a: Features, b: Features): number {
  return Math.max(overlap(a.words, b.words), 0.9 * overlap(a.pairs, b.pairs));
}

function reasonOf(turn: LearnableTurn): 'unknown' | 'suggest' | 'unhelpful' {
  if (turn.outcome === 'answer') return 'unhelpful';
  return turn.outcome === 'suggest' ? 'suggest' : 'unknown';
}

export function groupLearnableTurns(turns: LearnableTurn[]): LearningGroup[] {
  // Identical wordings first (after folding), most asked first: they lead the groups.
  const byWording = new Map<string, LearnableTurn[]>();
  for (const turn of turns) {
    const key = compactForMatching(turn.question) || turn.question;
    byWording.set(key, [...(byWording.get(key) ?? []), turn]);
  }
  const wordings = [...byWording.values()].sort((a, b) => b.length - a.length || b[0]!.created_at - a[0]!.created_at);
  const groups: { lead: Features; turns: LearnableTurn[]; representative: string }[] = [];
  for (const wording of wordings) {
    const features = featuresOf(wording[0]!.question);
    const group = groups.find((g) => similarity(g.lead, features) >= GROUP_SIMILARITY);
    if (group) group.turns.push(...wording);
    else groups.push({ lead: features, turns: [...wording], representative: wording[0]!.question });
  }
  return groups
    .sort((a, b) => b.turns.length - a.turns.length)
    .slice(0, MAX_GROUPS)
    .map((group) => {
      const ordered = [...group.turns].sort((a, b) => b.created_at - a.created_at || b.id.localeCompare(a.id));
      return {
        key: ordered.map((t) => t.id).sort()[0]!,
        representative: group.representative,
        count: ordered.length,
        questions: ordered.slice(0, BOT_LIMITS.learningTurnsMax).map((t) => ({
          turnId: t.id,
          text: t.question,
          reason: reasonOf(t),
          askedAt: new Date(t.created_at).toISOString(),
        })),
        closestEntry: closestEntry(ordered),
      };
    });
}

function closestEntry(turns: LearnableTurn[]): { entryId: string; title: string } | null {
  const votes = new Map<string, { title: string; n: number }>();
  for (const t of turns) {
    if (!t.entry_id) continue;
    const vote = votes.get(t.entry_id) ?? { title: t.entry_title ?? '', n: 0 };
    vote.n += 1;
    votes.set(t.entry_id, vote);
  }
  let best: { entryId: string; title: string; n: number } | null = null;
  for (const [entryId, vote] of votes) if (!best || vote.n > best.n) best = { entryId, ...vote };
  return best && { entryId: best.entryId, title: best.title };
}
