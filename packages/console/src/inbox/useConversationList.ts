import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { type ConversationListFilter, conversationListKey, listConversations } from '../api/conversations';
import { useRealtime } from '../realtime/RealtimeContext';
import { flattenList } from './conversationCache';

export const CONVERSATION_PAGE_SIZE = 50;

/** One tab of the inbox, page by page (`nextCursor`), kept live by the socket's `conversation` frames. */
export function useConversationList(filter: ConversationListFilter) {
  const realtime = useRealtime();
  const query = useInfiniteQuery({
    queryKey: conversationListKey(filter),
    queryFn: ({ pageParam, signal }) =>
      listConversations({ ...filter, cursor: pageParam, limit: CONVERSATION_PAGE_SIZE }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = useMemo(() => flattenList(query.data), [query.data]);
  useEffect(() => {
    for (const conversation of items) realtime.unread.set(conversation.id, conversation.unreadCount);
  }, [items, realtime]);
  return { query, items, counts: query.data?.pages[0]?.counts };
}
