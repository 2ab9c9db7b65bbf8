import type { ContactRoutingView, ConversationView, TransferBody } from '@kefu/shared';
import { apiRequest } from './client';

const enc = encodeURIComponent;

// Mirrors of `participantView`, `queueItemView` (the shared package exports their schemas, not their types).
export interface Participant {
  userId: string;
  name: string;
  addedBy: string | null;
  addedAt: string;
}

export interface QueueItem {
  conversationId: string;
  teamId: string | null;
  /** 1 is next, within the item's own queue (team). */
  position: number;
  /** 1: VIP or complaint. */
  priority: number;
  enqueuedAt: string;
  estimatedWaitSeconds: number;
}

export const participantsKey = (conversationId: string) => ['conversations', 'participants', conversationId] as const;
export const contactRoutingKey = (contactId: string) => ['contacts', contactId, 'routing'] as const;
export const routingQueueKey = ['routing', 'queue'] as const;

/** 转接: to an agent who is online with a free seat, or to a team; the note is a private note for the next agent. */
export function transferConversation(id: string, body: TransferBody): Promise<ConversationView> {
  return apiRequest(`/api/conversations/${enc(id)}/transfer`, { method: 'POST', body });
}

export function listParticipants(id: string, signal?: AbortSignal): Promise<{ items: Participant[] }> {
  return apiRequest(`/api/conversations/${enc(id)}/participants`, { signal });
}

export function inviteParticipant(id: string, userId: string): Promise<{ items: Participant[] }> {
  return apiRequest(`/api/conversations/${enc(id)}/participants`, { method: 'POST', body: { userId } });
}

export function removeParticipant(id: string, userId: string): Promise<{ items: Participant[] }> {
  return apiRequest(`/api/conversations/${enc(id)}/participants/${enc(userId)}`, { method: 'DELETE' });
}

export function getContactRouting(contactId: string, signal?: AbortSignal): Promise<ContactRoutingView> {
  return apiRequest(`/api/contacts/${enc(contactId)}/routing`, { signal });
}

export function updateContactRouting(
  contactId: string,
  body: { ownerId?: string | null; tags?: string[] },
): Promise<ContactRoutingView> {
  return apiRequest(`/api/contacts/${enc(contactId)}/routing`, { method: 'PUT', body });
}

/** Conversations waiting in the queue, in the order they will be served. */
export function listQueue(signal?: AbortSignal): Promise<{ items: QueueItem[] }> {
  return apiRequest('/api/routing/queue', { signal });
}
