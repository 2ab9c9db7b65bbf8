import type { AgentStatusView, QueueStatsView, TicketChangeNotice } from '@kefu/shared';
import type { ConversationWithContact } from '../conversations/conversationRepository.js';
import type { MessageRow } from '../conversations/messageRepository.js';
import type { MessageFlagRow } from '../moderation/flagRepository.js';
import type { QueueEntry } from '../routing/queueNotifier.js';

/**
 * What happened, as it travels between nodes. Each node's hub turns an event into frames for each
 * audience (agents of the account, the conversation's customer), so notes and agent-only data are
 * filtered where the sockets are.
 */
export type RealtimeEvent =
  /** Routing: queued customers' positions changed, or a customer left the queue (routing/queueNotifier.ts). */
  | { type: 'queue.updated'; accountId: string; entries: QueueEntry[] }
  /** Routing: the length of every non-empty queue of the account, for agents and supervisors. */
  | { type: 'queue.stats'; accountId: string; queues: QueueStatsView[] }
  /** An agent's presence or load changed. */
  | { type: 'agent.status'; accountId: string; agent: AgentStatusView }
  /** A message with sensitive words was flagged; supervisors and admins hear of it. */
  | { type: 'message.flagged'; accountId: string; flag: MessageFlagRow }
  | { type: 'message.created'; accountId: string; message: MessageRow; conversation: ConversationWithContact }
  /** A ticket changed (tickets/ticketChange.ts); `notifiedUserIds` got rows in the notifications outbox. */
  | { type: 'ticket.changed'; accountId: string; ticket: TicketChangeNotice; notifiedUserIds: string[] }
  | { type: 'conversation.updated'; accountId: string; conversation: ConversationWithContact }
  | {
      type: 'typing';
      accountId: string;
      conversationId: string;
      contactId: string;
      sender: { type: 'contact' | 'user'; id: string; name: string | null };
      typing: boolean;
    }
  | {
      type: 'read';
      accountId: string;
      conversationId: string;
      contactId: string;
      reader: 'contact' | 'agent';
      seq: number;
    };

export interface EventBus {
  publish(event: RealtimeEvent): void;
  subscribe(listener: (event: RealtimeEvent) => void): () => void;
  close(): Promise<void>;
}

/** One process: events go straight to the listeners. */
export class LocalEventBus implements EventBus {
  private listeners = new Set<(event: RealtimeEvent) => void>();

  publish(event: RealtimeEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  subscribe(listener: (event: RealtimeEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.listeners.clear();
  }
}
