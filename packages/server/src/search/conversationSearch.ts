import type {
  ConversationSearchHit,
  ConversationSearchQuery,
  ConversationSearchResponse,
  MessageKind,
} from '@kefu/shared';
import type { AppContext } from '../context.js';
import { decodeConversationCursor, encodeConversationCursor } from '../conversations/conversationCursor.js';
import { presentConversation } from '../conversations/conversationPresenter.js';
import { findConversationWithContact } from '../conversations/conversationRepository.js';
import type { MessageRow } from '../conversations/messageRepository.js';
import { AppError } from '../http/appError.js';
import { segmentQuery } from '../text/segment.js';
import { messagesByIds, searchByFilters, searchByText } from './conversationSearchRepository.js';
import { snippetFor } from './snippet.js';

/** Query words beyond this many add cost and no precision. */
const MAX_QUERY_WORDS = 10;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function badCursor(): AppError {
  return new AppError('VALIDATION_FAILED', 'The cursor does not belong to this search', [
    { field: 'querystring.cursor', issue: 'must be a nextCursor from an earlier page' },
  ]);
}

/**
 * Conversation search for agents: by words in the messages (private notes included; Chinese segmented with
 * jieba, Traditional folded to Simplified, full width to half width) and by contact, phone, email, label,
 * assignee, inbox, status and dates. A text search lists each conversation once, with its newest matching
 * message as a snippet; without text the newest activity comes first. Contact details stay masked.
 */
export async function conversationSearch(
  ctx: AppContext,
  accountId: string,
  query: ConversationSearchQuery,
): Promise<ConversationSearchResponse> {
  const { q, cursor, limit, ...filters } = query;
  const db = ctx.db.kysely;
  const words = q ? segmentQuery(q).slice(0, MAX_QUERY_WORDS) : [];
  // Text of nothing but symbols matches nothing (it is not "no text filter").
  if (q && words.length === 0) return { items: [], nextCursor: null };

  if (words.length === 0) {
    const before = cursor ? decodeConversationCursor(cursor) : null;
    const rows = await searchByFilters(db, accountId, filters, { before, limit: limit + 1 });
    const page = rows.slice(0, limit);
    const items = await hits(
      ctx,
      accountId,
      page.map((r) => ({ conversationId: r.conversationId, message: null })),
      [],
    );
    const last = page.at(-1);
    return {
      items,
      nextCursor:
        rows.length > limit && last
          ? encodeConversationCursor({ lastActivityAt: last.lastActivityAt, id: last.conversationId })
          : null,
    };
  }

  if (cursor && !UUID.test(cursor)) throw badCursor();
  const rows = await searchByText(db, ctx.db.kind, accountId, words, filters, {
    before: cursor ?? null,
    limit: limit + 1,
  });
  const page = rows.slice(0, limit);
  const messages = new Map(
    (
      await messagesByIds(
        db,
        accountId,
        page.map((r) => r.hitId),
      )
    ).map((m) => [m.id, m] as const),
  );
  const items = await hits(
    ctx,
    accountId,
    page.map((r) => ({ conversationId: r.conversationId, message: messages.get(r.hitId) ?? null })),
    words,
  );
  return { items, nextCursor: rows.length > limit ? (page.at(-1)?.hitId ?? null) : null };
}

async function hits(
  ctx: AppContext,
  accountId: string,
  rows: { conversationId: string; message: MessageRow | null }[],
  words: string[],
): Promise<ConversationSearchHit[]> {
  const items: ConversationSearchHit[] = [];
  for (const row of rows) {
    const conversation = await findConversationWithContact(ctx.db.kysely, accountId, row.conversationId);
    if (!conversation) continue;
    const message = row.message;
    items.push({
      conversation: presentConversation(conversation),
      match: message
        ? {
            messageId: message.id,
            seq: message.seq,
            kind: message.kind as MessageKind,
            sender: {
              type: message.sender_type as 'contact' | 'user' | 'system',
              name: message.sender_name,
            },
            createdAt: new Date(message.created_at).toISOString(),
            ...snippetFor(message.content, words),
          }
        : null,
    });
  }
  return items;
}
