import type { ConversationSearchResponse, ConversationStatus } from '@kefu/shared';
import { apiRequest } from './client';

/** What the search form holds; empty fields are left out of the request. */
export interface ConversationSearchFilter {
  q?: string;
  contact?: string;
  phone?: string;
  email?: string;
  label?: string;
  assigneeId?: string;
  status?: ConversationStatus | 'any';
  from?: string;
  to?: string;
}

export const conversationSearchKey = (filter: ConversationSearchFilter) => ['conversations', 'search', filter] as const;

export function searchConversations(
  filter: ConversationSearchFilter & { cursor?: string | undefined },
  signal?: AbortSignal,
): Promise<ConversationSearchResponse> {
  return apiRequest('/api/conversations/search', { query: { ...filter, limit: 20 }, signal });
}
