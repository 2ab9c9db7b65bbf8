import { type Role, roleHasPermission, type ServerFrame } from '@kefu/shared';
import type { AppContext } from '../context.js';
import { presentConversation } from '../conversations/conversationPresenter.js';
import type { ConversationWithContact } from '../conversations/conversationRepository.js';
import { presentMessage, presentMessageForContact } from '../conversations/messagePresenter.js';
import { presentFlag } from '../moderation/flagPresenter.js';
import type { RealtimeEvent } from './events.js';

export interface AgentClient {
  kind: 'agent';
  accountId: string;
  userId: string;
  /** The agent's role now (it can change while connected): frames for some roles only ask for it. */
  role?: () => Role;
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

  /** Contacts with a widget connected to this node (a queued customer who is still here has not abandoned). */
  get connectedContactIds(): string[] {
    return [...this.visitors.keys()];
  }

  close(): void {
    this.unsubscribe();
  }

  private toAgents(accountId: string, frame: ServerFrame, exceptUserId?: string) {
    for (const client of this.agents.get(accountId) ?? []) if (client.userId !== exceptUserId) client.send(frame);
  }

  /**
   * A conversation the answer bot handles with no person on it is in no agent's queue: only supervisors and
   * admins follow it live (bot/). Once handed over, its next frame reaches every agent.
   */
  private toAgentsWatching(accountId: string, conversation: ConversationWithContact, frame: ServerFrame) {
    const botHandled =
      conversation.bot_active === 1 && conversation.assignee_id === null && conversation.status !== 'resolved';
    if (!botHandled) return this.toAgents(accountId, frame);
    for (const client of this.agents.get(accountId) ?? []) {
      const role = client.role?.();
      if (role && roleHasPermission(role, 'supervision.read')) client.send(frame);
    }
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
        this.toAgentsWatching(event.accountId, conversation, { ...base, message: presentMessage(key, message) });
        // A conversation's first message is what opens it: agents learn of a new conversation, not an update.
        this.toAgentsWatching(event.accountId, conversation, {
          type: 'conversation',
          conversation: presentConversation(conversation),
          ...(message.seq === 1 ? { created: true as const } : {}),
        });
        // Notes, and agent-only timeline entries (routing decisions), never reach the customer.
        if (message.kind !== 'note' && message.internal !== 1) {
          this.toVisitors(event.accountId, conversation.contact_id, conversation.inbox_id, {
            ...base,
            message: presentMessageForContact(key, message),
          });
        }
        return;
      }
      case 'conversation.updated':
        this.toAgentsWatching(event.accountId, event.conversation, {
          type: 'conversation',
          conversation: presentConversation(event.conversation),
        });
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
      case 'message.flagged': {
        const frame: ServerFrame = { type: 'flag', flag: presentFlag(event.flag) };
        for (const client of this.agents.get(event.accountId) ?? []) {
          const role = client.role?.();
          if (role && roleHasPermission(role, 'moderation.review')) client.send(frame);
        }
        return;
      }
      case 'queue.updated':
        for (const { contactId, inboxId, ...queue } of event.entries) {
          this.toVisitors(event.accountId, contactId, inboxId, { type: 'queue', queue });
        }
        return;
      case 'queue.stats':
        this.toAgents(event.accountId, { type: 'queues', queues: event.queues });
        return;
      case 'agent.status':
        this.toAgents(event.accountId, { type: 'agent', agent: event.agent });
        return;
      case 'ticket.changed':
        for (const client of this.agents.get(event.accountId) ?? []) {
          const role = client.role?.();
          if (role && roleHasPermission(role, 'tickets.write')) client.send({ type: 'ticket', ticket: event.ticket });
        }
        return;
      default: {
        const unknown: never = event;
        this.ctx.log.warn({ event: unknown }, 'unknown realtime event');
      }
    }
  }
}
