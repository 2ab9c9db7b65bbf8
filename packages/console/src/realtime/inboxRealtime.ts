import type { AttachmentView, ConversationView, MessageView, ServerFrame } from '@kefu/shared';
import type { QueryClient } from '@tanstack/react-query';
import {
  type ConversationListFilter,
  conversationDetailKey,
  conversationListsKey,
  listConversations,
  listMessages,
  markConversationRead,
  messagesKey,
  messagesPrefixKey,
} from '../api/conversations';
import { conversationFlagsKey } from '../api/moderation';
import {
  type ConversationListData,
  findInList,
  lastSeqOf,
  type MessageCache,
  matchesFilter,
  mergeMessages,
  patchInList,
  upsertConversation,
} from '../inbox/conversationCache';
import { sensitiveMatchesOf } from '../inbox/moderation/sensitiveMatches';
import { AgentSocket, type AgentSocketOptions, type ConnectionState } from './agentSocket';
import { KeyedStore, PendingStore, TypingStore } from './stores';

export const MESSAGE_PAGE_SIZE = 50;
/** A conversation created this recently, and never seen before, counts as new (for notifications). */
const NEW_CONVERSATION_MS = 60_000;
const COUNTS_REFRESH_DELAY_MS = 800;
const ACK_CHECK_DELAY_MS = 2000;
/** Open conversations whose unread counts seed the total the navigation shows (the server's largest page). */
const UNREAD_SEED_LIMIT = 200;

export interface InboxNotice {
  kind: 'conversation' | 'message';
  conversationId: string;
  title: string;
  body: string;
}

export interface InboxRealtimeOptions {
  queryClient: QueryClient;
  /** The signed-in user's id ("mine" tab). */
  me: string;
  /** Something worth telling an agent who is not looking at the tab. */
  notify?(notice: InboxNotice): void;
  onUnauthenticated?(): void;
  socket?: Partial<Pick<AgentSocketOptions, 'createSocket' | 'random' | 'heartbeatMs' | 'url'>>;
}

export interface ComposedMessage {
  content: string;
  private: boolean;
  attachments: AttachmentView[];
}

function newClientId(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return `c${Date.now().toString(36)}${Math.random().toString(36).slice(2, 12)}`;
}

/**
 * The inbox's live state: one AgentSocket, and the code that turns its frames into TanStack Query cache updates
 * (conversation lists, open histories) and into the small stores for typing, read receipts, unsent messages and
 * unread counts.
 */
export class InboxRealtime {
  readonly typing = new TypingStore();
  readonly pending = new PendingStore();
  /** The highest seq each conversation's contact has read (from `read` frames). */
  readonly contactReads = new KeyedStore<number>();
  /** Unread messages per conversation, as the server last said. */
  readonly unread = new KeyedStore<number>();
  readonly connection = new KeyedStore<ConnectionState>();
  private readonly socket: AgentSocket;
  private readonly queryClient: QueryClient;
  /** Message frames that arrived while a history's first page was loading. */
  private readonly early = new Map<string, MessageView[]>();
  private readonly catchingUp = new Map<string, Promise<void>>();
  private countsTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly frameListeners = new Set<(frame: ServerFrame) => void>();

  constructor(private readonly options: InboxRealtimeOptions) {
    this.queryClient = options.queryClient;
    this.connection.set('state', 'connecting');
    this.socket = new AgentSocket({
      ...options.socket,
      resumePoints: () => this.resumePoints(),
      onFrame: (frame) => this.applyFrame(frame),
      onState: (state) => this.connection.set('state', state),
      onReconnected: () => this.reconnected(),
      onAck: (ack) => this.acked(ack.clientId, ack.conversationId, ack.seq),
      onSendFailed: (clientId, code, _message, details) =>
        this.pending.patch(clientId, { status: 'failed', error: code, sensitive: sensitiveMatchesOf(details) }),
      onResumeTruncated: (conversationId) =>
        void this.queryClient.resetQueries({ queryKey: messagesKey(conversationId) }),
      onUnauthenticated: () => options.onUnauthenticated?.(),
    });
  }

  get state(): ConnectionState {
    return this.connection.get('state') ?? 'connecting';
  }

  start(): void {
    this.socket.start();
  }

  stop(): void {
    this.socket.stop();
    this.typing.dispose();
    if (this.countsTimer) clearTimeout(this.countsTimer);
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  /** Reconnects now when the socket is waiting to retry (the browser came back online). */
  nudge(): void {
    this.socket.nudge();
  }

  /**
   * Unread counts of the open conversations from the server, so the total is right on pages that load no list;
   * frames keep it current afterwards. Called on mount and after every reconnect.
   */
  async refreshUnread(): Promise<void> {
    try {
      const { items } = await listConversations({ tab: 'all', status: 'open', limit: UNREAD_SEED_LIMIT });
      for (const conversation of items) this.unread.set(conversation.id, conversation.unreadCount);
    } catch {
      // The count stays as it was; the next reconnect or frame corrects it.
    }
  }

  // ---- sending ----

  /** Queues a message; it shows as pending until the server stores it. Returns its clientId. */
  sendMessage(conversationId: string, message: ComposedMessage): string {
    const clientId = newClientId();
    this.pending.add({
      clientId,
      conversationId,
      content: message.content,
      private: message.private,
      attachments: message.attachments,
      status: 'sending',
      error: null,
      createdAt: new Date().toISOString(),
    });
    this.socket.sendMessage({
      clientId,
      conversationId,
      content: message.content,
      attachmentIds: message.attachments.map((attachment) => attachment.id),
      private: message.private,
    });
    return clientId;
  }

  /**
   * Sends a failed message again with the same clientId, so the server can never store it twice.
   * `confirmSensitive`: the agent saw the sensitive-word warning and sends it all the same.
   */
  retry(clientId: string, options: { confirmSensitive?: boolean } = {}): void {
    const message = this.pending.find(clientId);
    if (!message) return;
    this.pending.patch(clientId, { status: 'sending', error: null, sensitive: undefined });
    this.socket.sendMessage({
      clientId,
      conversationId: message.conversationId,
      content: message.content,
      attachmentIds: message.attachments.map((attachment) => attachment.id),
      private: message.private,
      ...(options.confirmSensitive ? { confirmSensitive: true } : {}),
    });
  }

  discard(clientId: string): void {
    this.socket.discard(clientId);
    this.pending.remove(clientId);
  }

  sendTyping(conversationId: string, typing: boolean): void {
    this.socket.sendTransient({ type: 'typing', conversationId, typing });
  }

  /** Marks the conversation read up to `seq` and clears its unread count here at once. */
  async markRead(conversationId: string, seq: number): Promise<void> {
    this.patchConversation(conversationId, (conversation) => ({ ...conversation, unreadCount: 0 }));
    this.unread.set(conversationId, 0);
    await markConversationRead(conversationId, seq);
  }

  // ---- history ----

  /** The newest page of a history, with any message frames that arrived while it loaded. */
  async loadLatest(conversationId: string, signal?: AbortSignal): Promise<MessageCache> {
    this.early.set(conversationId, this.early.get(conversationId) ?? []);
    try {
      const page = await listMessages(conversationId, { limit: MESSAGE_PAGE_SIZE }, signal);
      const current = this.queryClient.getQueryData<MessageCache>(messagesKey(conversationId));
      let cache: MessageCache = { items: page.items, hasMore: page.hasMore };
      if (current) cache = mergeMessages(cache, current.items);
      return mergeMessages(cache, this.early.get(conversationId) ?? []);
    } finally {
      this.early.delete(conversationId);
    }
  }

  /** Loads the page before the oldest message this tab has. Resolves to whether it loaded anything. */
  async loadOlder(conversationId: string): Promise<boolean> {
    const key = messagesKey(conversationId);
    const current = this.queryClient.getQueryData<MessageCache>(key);
    const oldest = current?.items[0]?.seq;
    if (!current?.hasMore || oldest === undefined || oldest <= 1) return false;
    const page = await listMessages(conversationId, { beforeSeq: oldest, limit: MESSAGE_PAGE_SIZE });
    this.queryClient.setQueryData<MessageCache>(key, (cache) =>
      cache ? { ...mergeMessages(cache, page.items), hasMore: page.hasMore } : cache,
    );
    return page.items.length > 0;
  }

  /** Fetches everything after `afterSeq` (a gap in the seq numbers, or an ack whose message never came). */
  catchUp(conversationId: string, afterSeq: number): Promise<void> {
    const running = this.catchingUp.get(conversationId);
    if (running) return running;
    const run = (async () => {
      const key = messagesKey(conversationId);
      let from = afterSeq;
      for (let round = 0; round < 10; round++) {
        const page = await listMessages(conversationId, { afterSeq: from, limit: 200 });
        this.queryClient.setQueryData<MessageCache>(key, (cache) => (cache ? mergeMessages(cache, page.items) : cache));
        if (!page.hasMore || page.items.length === 0) return;
        from = page.items.at(-1)?.seq ?? from;
      }
      // Very far behind: start again from the newest page.
      await this.queryClient.resetQueries({ queryKey: key });
    })()
      .catch(() => undefined)
      .finally(() => this.catchingUp.delete(conversationId));
    this.catchingUp.set(conversationId, run);
    return run;
  }

  // ---- frames ----

  /** Other features (presence, queues, supervision) follow the frames they need; returns the unsubscribe. */
  onFrame(listener: (frame: ServerFrame) => void): () => void {
    this.frameListeners.add(listener);
    return () => this.frameListeners.delete(listener);
  }

  applyFrame(frame: ServerFrame): void {
    for (const listener of this.frameListeners) listener(frame);
    switch (frame.type) {
      case 'conversation':
        this.applyConversation(frame.conversation);
        return;
      case 'message':
        this.applyMessage(frame.message);
        return;
      case 'typing':
        this.typing.update(frame.conversationId, frame.sender, frame.typing);
        return;
      case 'flag':
        // Supervisors only: the flagged message shows its mark once the conversation's flags are read again.
        void this.queryClient.invalidateQueries({ queryKey: conversationFlagsKey(frame.flag.conversationId) });
        return;
      case 'read':
        if (frame.reader === 'contact') {
          const seq = Math.max(frame.seq, this.contactReads.get(frame.conversationId) ?? 0);
          this.contactReads.set(frame.conversationId, seq);
          this.patchConversation(frame.conversationId, (conversation) => ({
            ...conversation,
            contactLastReadSeq: Math.max(conversation.contactLastReadSeq, seq),
          }));
        } else {
          this.unread.set(frame.conversationId, 0);
          this.patchConversation(frame.conversationId, (conversation) => ({ ...conversation, unreadCount: 0 }));
        }
        return;
      default:
        return;
    }
  }

  applyConversation(conversation: ConversationView): void {
    const known = this.isKnown(conversation.id);
    const detailKey = conversationDetailKey(conversation.id);
    if (this.queryClient.getQueryData(detailKey)) this.queryClient.setQueryData(detailKey, conversation);
    for (const [key, data] of this.queryClient.getQueriesData<ConversationListData>({
      queryKey: conversationListsKey,
    })) {
      if (!data) continue;
      const filter = key[2] as ConversationListFilter | undefined;
      if (!filter) continue;
      const belongs = matchesFilter(conversation, filter, this.options.me);
      const next = upsertConversation(data, conversation, belongs);
      if (next !== data) this.queryClient.setQueryData(key, next);
    }
    this.unread.set(conversation.id, conversation.unreadCount);
    this.scheduleCountsRefresh();
    if (!known && Date.now() - Date.parse(conversation.createdAt) < NEW_CONVERSATION_MS) {
      this.options.notify?.({
        kind: 'conversation',
        conversationId: conversation.id,
        title: conversation.contact.name,
        body: conversation.lastMessage?.preview ?? '',
      });
    }
  }

  applyMessage(message: MessageView): void {
    const conversationId = message.conversationId;
    if (message.clientId && this.pending.find(message.clientId)) this.pending.remove(message.clientId);
    const key = messagesKey(conversationId);
    const cache = this.queryClient.getQueryData<MessageCache>(key);
    if (cache) {
      const before = lastSeqOf(cache);
      this.queryClient.setQueryData<MessageCache>(key, (current) =>
        current ? mergeMessages(current, [message]) : current,
      );
      if (before > 0 && message.seq > before + 1) void this.catchUp(conversationId, before);
    } else {
      const early = this.early.get(conversationId);
      if (early) early.push(message);
    }
    if (message.kind === 'incoming') {
      this.options.notify?.({
        kind: 'message',
        conversationId,
        title: message.sender.name ?? this.conversationName(conversationId) ?? '',
        body: message.content || message.attachments.map((attachment) => `[${attachment.fileName}]`).join(' '),
      });
    }
  }

  // ---- internals ----

  private acked(clientId: string, conversationId: string, seq: number): void {
    if (!this.pending.find(clientId)) return;
    this.pending.patch(clientId, { status: 'sent' });
    // The message frame normally comes with the ack; if it got lost, fetch it.
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.pending.find(clientId)) return;
      const cache = this.queryClient.getQueryData<MessageCache>(messagesKey(conversationId));
      if (cache?.items.some((message) => message.seq === seq)) this.pending.remove(clientId);
      else if (cache) void this.catchUp(conversationId, Math.min(lastSeqOf(cache), seq - 1));
      else this.pending.remove(clientId);
    }, ACK_CHECK_DELAY_MS);
    this.timers.add(timer);
  }

  private resumePoints() {
    return this.queryClient
      .getQueriesData<MessageCache>({ queryKey: messagesPrefixKey })
      .filter(([, data]) => data !== undefined)
      .map(([key, data]) => ({ conversationId: String(key[2]), afterSeq: lastSeqOf(data) }));
  }

  private reconnected(): void {
    // The lists may have missed new conversations and changes while the socket was down.
    void this.queryClient.invalidateQueries({ queryKey: conversationListsKey });
    void this.queryClient.invalidateQueries({ queryKey: ['conversations', 'detail'] });
    void this.refreshUnread();
  }

  private isKnown(id: string): boolean {
    if (this.unread.get(id) !== undefined) return true;
    if (this.queryClient.getQueryData(conversationDetailKey(id))) return true;
    return this.queryClient
      .getQueriesData<ConversationListData>({ queryKey: conversationListsKey })
      .some(([, data]) => findInList(data, id) !== undefined);
  }

  private conversationName(id: string): string | undefined {
    const detail = this.queryClient.getQueryData<ConversationView>(conversationDetailKey(id));
    if (detail) return detail.contact.name;
    for (const [, data] of this.queryClient.getQueriesData<ConversationListData>({ queryKey: conversationListsKey })) {
      const found = findInList(data, id);
      if (found) return found.contact.name;
    }
    return undefined;
  }

  private patchConversation(id: string, patch: (conversation: ConversationView) => ConversationView): void {
    this.queryClient.setQueryData<ConversationView>(conversationDetailKey(id), (current) =>
      current ? patch(current) : current,
    );
    for (const [key, data] of this.queryClient.getQueriesData<ConversationListData>({
      queryKey: conversationListsKey,
    })) {
      if (!data) continue;
      const next = patchInList(data, id, patch);
      if (next !== data) this.queryClient.setQueryData(key, next);
    }
  }

  /**
   * The tab counts come from the server (it knows conversations no page here has loaded): at most one refresh per
   * interval however busy the account is, and always one after the last change.
   */
  private scheduleCountsRefresh(): void {
    if (this.countsTimer) return;
    this.countsTimer = setTimeout(() => {
      this.countsTimer = null;
      void this.refreshCounts();
    }, COUNTS_REFRESH_DELAY_MS);
  }

  private async refreshCounts(): Promise<void> {
    const lists = this.queryClient.getQueriesData<ConversationListData>({ queryKey: conversationListsKey });
    const statuses = new Set(lists.map(([key]) => (key[2] as ConversationListFilter | undefined)?.status));
    for (const status of statuses) {
      if (!status) continue;
      try {
        const { counts } = await listConversations({ tab: 'all', status, limit: 1 });
        for (const [key, data] of this.queryClient.getQueriesData<ConversationListData>({
          queryKey: conversationListsKey,
        })) {
          const filter = key[2] as ConversationListFilter | undefined;
          const first = data?.pages[0];
          if (!data || !first || filter?.status !== status) continue;
          this.queryClient.setQueryData<ConversationListData>(key, {
            ...data,
            pages: [{ ...first, counts }, ...data.pages.slice(1)],
          });
        }
      } catch {
        // Counts stay as they were; the next change tries again.
      }
    }
  }
}
