import type { ConversationStatus, ConversationView, MessageView } from '@kefu/shared';
import { apiRequest } from './client';

// The shared package exports the schemas of these bodies but not their types; they mirror
// `conversationListResponse`, `messagePageResponse` and `updateConversationBody`.
export type ConversationTab = 'mine' | 'unassigned' | 'all';
export type StatusFilter = ConversationStatus | 'any';
export interface ConversationCounts {
  mine: number;
  unassigned: number;
  all: number;
}
export interface ConversationListResponse {
  items: ConversationView[];
  nextCursor: string | null;
  counts: ConversationCounts;
}
export interface MessagePageResponse {
  items: MessageView[];
  hasMore: boolean;
}
export interface UpdateConversationBody {
  status?: ConversationStatus;
  assigneeId?: string | null;
  teamId?: string | null;
  snoozedUntil?: string | null;
  labels?: string[];
}

export interface ConversationListFilter {
  tab: ConversationTab;
  status: StatusFilter;
}

export const conversationsKey = ['conversations'] as const;
export const conversationListsKey = ['conversations', 'list'] as const;
export const conversationListKey = (filter: ConversationListFilter) =>
  ['conversations', 'list', { tab: filter.tab, status: filter.status }] as const;
export const conversationDetailKey = (id: string) => ['conversations', 'detail', id] as const;
export const messagesKey = (conversationId: string) => ['conversations', 'messages', conversationId] as const;
export const messagesPrefixKey = ['conversations', 'messages'] as const;
export const contactConversationsKey = (contactId: string) => ['contacts', contactId, 'conversations'] as const;

const enc = encodeURIComponent;

export function listConversations(
  filter: ConversationListFilter & { cursor?: string | undefined; limit?: number },
  signal?: AbortSignal,
): Promise<ConversationListResponse> {
  return apiRequest('/api/conversations', {
    query: { tab: filter.tab, status: filter.status, cursor: filter.cursor, limit: filter.limit },
    signal,
  });
}

export function getConversation(id: string, signal?: AbortSignal): Promise<ConversationView> {
  return apiRequest(`/api/conversations/${enc(id)}`, { signal });
}

export function updateConversation(id: string, body: UpdateConversationBody): Promise<ConversationView> {
  return apiRequest(`/api/conversations/${enc(id)}`, { method: 'PATCH', body });
}

export function listMessages(
  conversationId: string,
  page: { beforeSeq?: number | undefined; afterSeq?: number | undefined; limit?: number },
  signal?: AbortSignal,
): Promise<MessagePageResponse> {
  return apiRequest(`/api/conversations/${enc(conversationId)}/messages`, {
    query: { beforeSeq: page.beforeSeq, afterSeq: page.afterSeq, limit: page.limit },
    signal,
  });
}

export function markConversationRead(conversationId: string, seq: number): Promise<{ ok: true }> {
  return apiRequest(`/api/conversations/${enc(conversationId)}/read`, { method: 'POST', body: { seq } });
}

export function listContactConversations(contactId: string): Promise<{ items: ConversationView[] }> {
  return apiRequest(`/api/contacts/${enc(contactId)}/conversations`);
}

export type RevealField = 'phone' | 'email';

export function revealContact(
  contactId: string,
  body: { field: RevealField; reason: string },
): Promise<{ field: RevealField; value: string | null }> {
  return apiRequest(`/api/contacts/${enc(contactId)}/reveal`, { method: 'POST', body });
}

export type { ConversationView, MessageView };
