import type { QuickReplyKeys } from './schemas/quickReplies.js';

/** What matching needs of a quick reply; the server's rows and the console's views both fit. */
export interface MatchableQuickReply {
  title: string;
  content: string;
  keys: QuickReplyKeys;
  useCount: number;
  myUseCount: number;
}

/** Full-width letters and digits (typed with the IME in full-width mode) as ASCII, lower case, no spaces. */
export function normalizeQuickReplyQuery(query: string): string {
  return query
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, '')
    .toLowerCase();
}

const LATIN_KEY = /^[a-z0-9]+$/;

/**
 * How well a reply matches: 0 is best, null is no match. Title beats pinyin beats text; a prefix beats a
 * match further in.
 */
export function quickReplyMatchTier(reply: MatchableQuickReply, normalizedQuery: string): number | null {
  const q = normalizedQuery;
  if (!q) return 0;
  const title = normalizeQuickReplyQuery(reply.title);
  if (title.startsWith(q)) return 0;
  const latin = LATIN_KEY.test(q);
  if (latin && reply.keys.titleInitials.startsWith(q)) return 1;
  if (latin && reply.keys.titlePinyin.startsWith(q)) return 2;
  if (title.includes(q)) return 3;
  if (latin && (reply.keys.titleInitials.includes(q) || reply.keys.titlePinyin.includes(q))) return 4;
  if (normalizeQuickReplyQuery(reply.content).includes(q)) return 5;
  // One letter would match the initials of nearly every text: the text's initials need two.
  if (latin && q.length >= 2 && reply.keys.contentInitials.includes(q)) return 6;
  return null;
}

/** The replies that match `query`, best first; among equals the caller's most used, then everyone's, first. */
export function rankQuickReplies<T extends MatchableQuickReply>(replies: readonly T[], query: string): T[] {
  const q = normalizeQuickReplyQuery(query);
  return replies
    .map((reply) => ({ reply, tier: quickReplyMatchTier(reply, q) }))
    .filter((entry): entry is { reply: T; tier: number } => entry.tier !== null)
    .sort(
      (a, b) =>
        a.tier - b.tier ||
        b.reply.myUseCount - a.reply.myUseCount ||
        b.reply.useCount - a.reply.useCount ||
        a.reply.title.localeCompare(b.reply.title, 'zh-CN'),
    )
    .map((entry) => entry.reply);
}
