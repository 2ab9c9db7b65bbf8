import { describe, expect, it } from 'vitest';
import type { ConversationListResponse } from '../api/conversations';
import { conversationView, messageView } from '../test/inboxFixtures';
import {
  type ConversationListData,
  flattenList,
  matchesFilter,
  mergeMessages,
  upsertConversation,
} from './conversationCache';

const ME = 'user-me';

function list(...pages: ConversationListResponse['items'][]): ConversationListData {
  return {
    pages: pages.map((items) => ({ items, nextCursor: null, counts: { mine: 0, unassigned: 0, all: 0 } })),
    pageParams: pages.map(() => undefined),
  };
}

describe('mergeMessages', () => {
  it('adds a message once, however often it is delivered', () => {
    const one = messageView({ seq: 1 });
    const two = messageView({ seq: 2 });
    let cache = { items: [one], hasMore: false };
    cache = mergeMessages(cache, [two]);
    const again = mergeMessages(cache, [two]);
    expect(again).toBe(cache); // unchanged: nothing re-renders
    expect(mergeMessages(cache, [two, two]).items.map((m) => m.seq)).toEqual([1, 2]);
  });

  it('keeps seq order when older pages or late frames arrive', () => {
    const cache = { items: [messageView({ seq: 5 }), messageView({ seq: 6 })], hasMore: true };
    const merged = mergeMessages(cache, [messageView({ seq: 3 }), messageView({ seq: 4 }), messageView({ seq: 8 })]);
    expect(merged.items.map((m) => m.seq)).toEqual([3, 4, 5, 6, 8]);
    expect(mergeMessages(merged, [messageView({ seq: 7 })]).items.map((m) => m.seq)).toEqual([3, 4, 5, 6, 7, 8]);
  });
});

describe('matchesFilter', () => {
  it('follows the tab and status the server filters by', () => {
    const mine = conversationView({ assigneeId: ME, status: 'open' });
    const free = conversationView({ assigneeId: null, status: 'pending' });
    expect(matchesFilter(mine, { tab: 'mine', status: 'open' }, ME)).toBe(true);
    expect(matchesFilter(mine, { tab: 'unassigned', status: 'open' }, ME)).toBe(false);
    expect(matchesFilter(free, { tab: 'unassigned', status: 'open' }, ME)).toBe(false);
    expect(matchesFilter(free, { tab: 'unassigned', status: 'any' }, ME)).toBe(true);
    expect(matchesFilter(free, { tab: 'all', status: 'pending' }, ME)).toBe(true);
  });
});

describe('upsertConversation', () => {
  const a = conversationView({ id: 'a', updatedAt: '2025-01-01T10:00:00.000Z' });
  const b = conversationView({ id: 'b', updatedAt: '2025-01-01T09:00:00.000Z' });
  const c = conversationView({ id: 'c', updatedAt: '2025-01-01T08:00:00.000Z' });

  it('moves a conversation with new activity to the top, even from a later page', () => {
    const data = list([a, b], [c]);
    const next = upsertConversation(data, { ...c, updatedAt: '2025-01-01T11:00:00.000Z' }, true);
    expect(flattenList(next).map((x) => x.id)).toEqual(['c', 'a', 'b']);
    expect(next.pages[1]?.items).toEqual([]);
  });

  it('puts a new conversation on top', () => {
    const d = conversationView({ id: 'd', updatedAt: '2025-01-01T12:00:00.000Z' });
    expect(flattenList(upsertConversation(list([a, b]), d, true)).map((x) => x.id)).toEqual(['d', 'a', 'b']);
  });

  it('updates in place when nothing new happened (e.g. it was read)', () => {
    const next = upsertConversation(list([a, b]), { ...b, unreadCount: 0 }, true);
    expect(flattenList(next).map((x) => x.id)).toEqual(['a', 'b']);
  });

  it('removes a conversation that left the tab', () => {
    const next = upsertConversation(list([a, b]), { ...a, status: 'resolved' }, false);
    expect(flattenList(next).map((x) => x.id)).toEqual(['b']);
    const untouched = list([a]);
    expect(upsertConversation(untouched, b, false)).toBe(untouched);
  });
});
