import type { ConversationView, MessageView, SupervisionBoard, TransferBody } from '@kefu/shared';
import { apiRequest } from './client';

const enc = encodeURIComponent;

export const supervisionBoardKey = ['supervision', 'board'] as const;

export function getSupervisionBoard(signal?: AbortSignal): Promise<SupervisionBoard> {
  return apiRequest('/api/supervision/board', { signal });
}

/** A private note addressed to the assignee (悄悄话): the customer never sees it. */
export function whisper(conversationId: string, content: string): Promise<MessageView> {
  return apiRequest(`/api/conversations/${enc(conversationId)}/whisper`, { method: 'POST', body: { content } });
}

/** 强插: the conversation becomes the supervisor's, past any chat limit. */
export function takeOver(conversationId: string): Promise<ConversationView> {
  return apiRequest(`/api/conversations/${enc(conversationId)}/takeover`, { method: 'POST' });
}

/** Like a transfer, but an agent gets it even when busy or full. */
export function reassign(conversationId: string, body: TransferBody): Promise<ConversationView> {
  return apiRequest(`/api/conversations/${enc(conversationId)}/reassign`, { method: 'POST', body });
}
