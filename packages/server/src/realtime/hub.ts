import { type Permission, type Role, roleHasPermission } from '@kefu/shared';
import { isBotHandled } from '../bot/botHandled.js';
import type { AppContext } from '../context.js';
import { presentConversation } from '../conversations/conversationPresenter.js';
import type { ConversationWithContact } from '../conversations/conversationRepository.js';
import { presentMessage, presentMessageForContact } from '../conversations/messagePresenter.js';
import { presentFlag } from '../moderation/flagPresenter.js';
import type { RealtimeEvent } from './events.js';
import { OutgoingFrame } from './outgoingFrame.js';

export interface AgentClient {
  kind: 'agent';
  accountId: string;
  userId: string;
  /** The agent's role now (it can change while connected): frames for some roles only ask for it. */
  role?: () => Role;
  send(frame: OutgoingFrame): void;
}

export interface VisitorClient {
  kind: 'visitor';
  accountId: string;
  inboxId: string;
  contactId: string;
  send(frame: OutgoingFrame): void;
}

/**
 * This node's sockets, and the one place an event becomes frames: agents of the account get everything,
 * a customer gets only their own conversations and never a private note or an agent's id. Each frame is made
 * (and serialised) once per audience, not per socket.
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

  private toAgents(accountId: string, frame: OutgoingFrame, exceptUserId?: string) {
    for (const client of this.agents.get(accountId) ?? []) if (client.userId !== exceptUserId) client.send(frame);
  }

  /** Agents whose current role has `permission`. */
  private toAgentsWith(accountId: string, permission: Permission, frame: OutgoingFrame) {
    for (const client of this.agents.get(accountId) ?? []) {
      const role = client.role?.();
      if (role && roleHasPermission(role, permission)) client.send(frame);
    }
  }

  /**
   * A conversation the answer bot handles with no person on it is in no agent's queue: only supervisors and
   * admins follow it live (bot/). Once handed over, its next frame reaches every agent.
   */
  private toAgentsWatching(accountId: string, conversation: ConversationWithContact, frame: OutgoingFrame) {
    if (isBotHandled(conversation)) this.toAgentsWith(accountId, 'supervision.read', frame);
    else this.toAgents(accountId, frame);
  }

  private toVisitors(accountId: string, contactId: string, inboxId: string | null, frame: OutgoingFrame) {
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
        const agentsView = presentMessage(key, message);
        const forAgents = new OutgoingFrame({ ...base, message: agentsView });
        this.toAgentsWatching(event.accountId, conversation, forAgents);
        // A conversation's first message is what opens it: agents learn of a new conversation, not an update.
        this.toAgentsWatching(
          event.accountId,
          conversation,
          new OutgoingFrame({
            type: 'conversation',
            conversation: presentConversation(conversation),
            ...(message.seq === 1 ? { created: true as const } : {}),
          }),
        );
        // Notes, and agent-only timeline entries (routing decisions), never reach the customer.
        if (message.kind !== 'note' && message.internal !== 1) {
          const customersView = presentMessageForContact(key, message, agentsView);
          this.toVisitors(
            event.accountId,
            conversation.contact_id,
            conversation.inbox_id,
            // The customer's own message reads the same for them as for agents: the same bytes.
            customersView === agentsView ? forAgents : new OutgoingFrame({ ...base, message: customersView }),
          );
        }
        return;
      }
      case 'conversation.updated':
        this.toAgentsWatching(
          event.accountId,
          event.conversation,
          new OutgoingFrame({ type: 'conversation', conversation: presentConversation(event.conversation) }),
        );
        return;
      case 'typing': {
        const frame = new OutgoingFrame({
          type: 'typing',
          conversationId: event.conversationId,
          sender: { type: event.sender.type, name: event.sender.name },
          typing: event.typing,
        });
        if (event.sender.type === 'contact') this.toAgents(event.accountId, frame);
        else {
          this.toAgents(event.accountId, frame, event.sender.id);
          this.toVisitors(event.accountId, event.contactId, null, frame);
        }
        return;
      }
      case 'read': {
        const frame = new OutgoingFrame({
          type: 'read',
          conversationId: event.conversationId,
          reader: event.reader,
          seq: event.seq,
        });
        if (event.reader === 'contact') this.toAgents(event.accountId, frame);
        else {
          this.toAgents(event.accountId, frame);
          this.toVisitors(event.accountId, event.contactId, null, frame);
        }
        return;
      }
      case 'message.flagged': {
        this.toAgentsWith(
          event.accountId,
          'moderation.review',
          new OutgoingFrame({ type: 'flag', flag: presentFlag(event.flag) }),
        );
        return;
      }
      case 'queue.updated':
        for (const { contactId, inboxId, ...queue } of event.entries) {
          this.toVisitors(event.accountId, contactId, inboxId, new OutgoingFrame({ type: 'queue', queue }));
        }
        return;
      case 'queue.stats':
        this.toAgents(event.accountId, new OutgoingFrame({ type: 'queues', queues: event.queues }));
        return;
      case 'agent.status':
        this.toAgents(event.accountId, new OutgoingFrame({ type: 'agent', agent: event.agent }));
        return;
      case 'ticket.changed':
        this.toAgentsWith(
          event.accountId,
          'tickets.write',
          new OutgoingFrame({ type: 'ticket', ticket: event.ticket }),
        );
        return;
      default: {
        const unknown: never = event;
        this.ctx.log.warn({ event: unknown }, 'unknown realtime event');
      }
    }
  }
}
