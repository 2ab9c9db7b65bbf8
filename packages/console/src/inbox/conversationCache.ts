import type { ConversationView, MessageView } from '@kefu/shared';
import type { InfiniteData } from '@tanstack/react-query';
import type { ConversationListFilter, ConversationListResponse } from '../api/conversations';

/** A conversation's history as far as this tab has it: ascending seq, one entry per message id. */
export interface MessageCache {
  items: MessageView[];
  /** Older messages exist on the server. */
  hasMore: boolean;
}

export type ConversationListData = InfiniteData<ConversationListResponse, unknown>;

/**
 * Adds messages to a history, dropping any it already has (a frame delivered twice, a resume replaying what a
 * page already loaded) and keeping seq order. Returns the same object when nothing changed, so nothing re-renders.
 */
export function mergeMessages(cache: MessageCache, incoming: readonly MessageView[]): MessageCache {
  if (incoming.length === 0) return cache;
  const known = new Set(cache.items.map((message) => message.id));
  const fresh = incoming.filter((message, index) => {
    if (known.has(message.id)) return false;
    // Duplicates inside `incoming` itself.
    return incoming.findIndex((other) => other.id === message.id) === index;
  });
  if (fresh.length === 0) return cache;
  const last = cache.items.at(-1);
  const appendOnly = fresh.every((message, i) => message.seq > (i === 0 ? (last?.seq ?? -1) : fresh[i - 1]!.seq));
  const items = appendOnly ? [...cache.items, ...fresh] : [...cache.items, ...fresh].sort((a, b) => a.seq - b.seq);
  return { ...cache, items };
}

export function lastSeqOf(cache: MessageCache | undefined): number {
  return cache?.items.at(-1)?.seq ?? 0;
}

/** Whether the server would list `conversation` under this tab and status for user `me`. */
export function matchesFilter(conversation: ConversationView, filter: ConversationListFilter, me: string): boolean {
  if (filter.status !== 'any' && conversation.status !== filter.status) return false;
  if (filter.tab === 'mine') return conversation.assigneeId === me;
  if (filter.tab === 'unassigned') return conversation.assigneeId === null;
  return true;
}

export function findInList(data: ConversationListData | undefined, id: string): ConversationView | undefined {
  for (const page of data?.pages ?? []) {
    const found = page.items.find((item) => item.id === id);
    if (found) return found;
  }
  return undefined;
}

/** The list's conversations in order, each once (a conversation that moved can be in two fetched pages). */
export function flattenList(data: ConversationListData | undefined): ConversationView[] {
  const seen = new Set<string>();
  const out: ConversationView[] = [];
  for (const page of data?.pages ?? []) {
    for (const item of page.items) {
      if (seen.has(item.id)) continue;
      seen.add(item.id);
      out.push(item);
    }
  }
  return out;
}

function withoutConversation(data: ConversationListData, id: string): ConversationListData {
  return {
    ...data,
    pages: data.pages.map((page) =>
      page.items.some((item) => item.id === id)
        ? { ...page, items: page.items.filter((item) => item.id !== id) }
        : page,
    ),
  };
}

/**
 * Applies a `conversation` frame to one list. A conversation that no longer belongs there leaves it; one with new
 * activity (a later `updatedAt`, or not listed yet) moves to the top; other changes (read, labels) stay in place.
 */
export function upsertConversation(
  data: ConversationListData,
  conversation: ConversationView,
  belongs: boolean,
): ConversationListData {
  const existing = findInList(data, conversation.id);
  if (!belongs) return existing ? withoutConversation(data, conversation.id) : data;
  const first = data.pages[0];
  if (!first) return data;
  if (existing && Date.parse(conversation.updatedAt) <= Date.parse(existing.updatedAt)) {
    return {
      ...data,
      pages: data.pages.map((page) => ({
        ...page,
        items: page.items.map((item) => (item.id === conversation.id ? conversation : item)),
      })),
    };
  }
  const rest = existing ? withoutConversation(data, conversation.id) : data;
  const [top, ...others] = rest.pages;
  return { ...rest, pages: [{ ...(top ?? first), items: [conversation, ...(top ?? first).items] }, ...others] };
}

/** Changes one conversation wherever a list has it, in place. */
export function patchInList(
  data: ConversationListData,
  id: string,
  patch: (conversation: ConversationView) => ConversationView,
): ConversationListData {
  if (!findInList(data, id)) return data;
  return {
    ...data,
    pages: data.pages.map((page) => ({
      ...page,
      items: page.items.map((item) => (item.id === id ? patch(item) : item)),
    })),
  };
}
