import type { ConversationsTable } from '../db/schema.js';

/**
 * An open conversation the answer bot handles with no person on it: it is in no agent's queue, and only
 * supervisors follow it live. The conversation list computes the same rule in SQL (conversationRepository's
 * `botHandled`); keep the two together.
 */
export function isBotHandled(conversation: Pick<ConversationsTable, 'bot_active' | 'assignee_id' | 'status'>): boolean {
  return conversation.bot_active === 1 && conversation.assignee_id === null && conversation.status !== 'resolved';
}
