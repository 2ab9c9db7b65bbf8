import type { ServerFrame } from '@kefu/shared';
import type { AppContext } from '../context.js';
import { presentConversation } from '../conversations/conversationPresenter.js';
import { presentMessage, presentMessageForContact } from '../conversations/messagePresenter.js';
import type { RealtimeEvent } from './events.js';

export interface AgentClient {
  kind: 'agent';
  accountId: string;
  userId: string;
  send(frame: ServerFrame): void;
}

export interface VisitorClient {
  kind: 'visitor';
  accountId: string;
  inboxId: string;
  contactId: string;
  send(frame: ServerFrame): void;
}

/**
 * This node's sockets, and the one place an event becomes frames: agents of the account get everything,
 * a customer gets only their own conversations and never a private note or an agent's id.
 */
export class RealtimeHub {
  private readonly agents = new Map<string, Set<AgentClient>>();
  private readonly visitors = new Map<string, Set<VisitorClient>>();
  private readonly unsubscribe: () => void;

  constructor(private readonly ctx: AppContext) {
    this.unsubscribe = ctx.bus.subscribe((event) => this.deliver(event));
  }

  add(client: AgentClient | VisitorClient): () => void {
    const [map, key] = client.kind === 'agent' ? [this.agents, client.accountId] : [this.visitors, client.contactId];
    const set = (map as Map<string, Set<typeof client>>).get(key) ?? new Set();
    set.add(client);
    (map as Map<string, Set<typeof client>>).set(key, set);
    return () => {
      set.delete(client);
      if (set.size === 0) map.delete(key);
    };
  }

  get connectionCount(): number {
    let n = 0;
    for (const set of this.agents.values()) n += set.size;
    for (const set of this.visitors.values()) n += set.size;
    return n;
  }

  close(): void {
    this.unsubscribe();
  }

  private toAgents(accountId: string, frame: ServerFrame, exceptUserId?: string) {
    for (const client of this.agents.get(accountId) ?? []) if (client.userId !== exceptUserId) client.send(frame);
  }

  private toVisitors(accountId: string, contactId: string, inboxId: string | null, frame: ServerFrame) {
    for (const client of this.visitors.get(contactId) ?? []) {
      if (client.accountId === accountId && (inboxId === null || client.inboxId === inboxId)) client.send(frame);
    }
  }

  private deliver(event: RealtimeEvent): void {
    const key = this.ctx.config.secret;
    switch (event.type) {
      case 'message.created': {
        const { message, conversation } = event;
        const base = { type: 'message' as const, conversationId: message.conversation_id, seq: message.seq };
        this.toAgents(event.accountId, { ...base, message: presentMessage(key, message) });
        this.toAgents(event.accountId, { type: 'conversation', conversation: presentConversation(conversation) });
        if (message.kind !== 'note') {
          this.toVisitors(event.accountId, conversation.contact_id, conversation.inbox_id, {
            ...base,
            message: presentMessageForContact(key, message),
          });
        }
        return;
      }
      case 'conversation.updated':
        this.toAgents(event.accountId, { type: 'conversation', conversation: presentConversation(event.conversation) });
        return;
      case 'typing': {
        const frame: ServerFrame = {
          type: 'typing',
          conversationId: event.conversationId,
          sender: { type: event.sender.type, name: event.sender.name },
          typing: event.typing,
        };
        if (event.sender.type === 'contact') this.toAgents(event.accountId, frame);
        else {
          this.toAgents(event.accountId, frame, event.sender.id);
          this.toVisitors(event.accountId, event.contactId, null, frame);
        }
        return;
      }
      case 'read': {
        const frame: ServerFrame = {
          type: 'read',
          conversationId: event.conversationId,
          reader: event.reader,
          seq: event.seq,
        };
        if (event.reader === 'contact') this.toAgents(event.accountId, frame);
        else {
          this.toAgents(event.accountId, frame);
          this.toVisitors(event.accountId, event.contactId, null, frame);
        }
        return;
      }
      default: {
        const unknown: never = event;
        this.ctx.log.warn({ event: unknown }, 'unknown realtime event');
      }
    }
  }
}
