import {
  Backoff,
  type ConnectionState,
  type Outbox,
  ReconnectingSocket,
  type SocketFactory,
} from '@kefu/shared/realtime-client';
import { ApiError, type PrechatBody, type WidgetApi } from '../api';
import type { MessageKey } from '../i18n';
import {
  type AttachmentView,
  type BotRating,
  CLOSE_FINAL,
  CLOSE_UNAUTHENTICATED,
  HEARTBEAT_MS,
  MAX_ATTACHMENT_BYTES,
  MAX_MESSAGE_CHARS,
  MESSAGE_PAGE_SIZE,
  type MessageView,
  newClientId,
  type OutgoingFrame,
  type QueueStatusView,
  type ServerFrame,
  type WidgetSessionBody,
  type WidgetSessionResponse,
} from '../protocol';
import { type KeyValueStore, readJson } from '../storage';
import { isFromAgent, maxSeq, mergeMessages, minSeq } from './messages';
import { type OutboxItem, storedOutbox, unrefused } from './outbox';

export interface Notice {
  key: MessageKey;
  params?: Record<string, string | number>;
}

export interface ChatState {
  /** `starting` until the session is known; `error` when the server refused the widget for good. */
  phase: 'starting' | 'ready' | 'error';
  errorCode: string | null;
  session: WidgetSessionResponse | null;
  connection: ConnectionState;
  conversationId: string | null;
  /** Stored messages, by seq; messages built from an ack until the server's copy arrives. */
  messages: MessageView[];
  /** Messages not acknowledged yet (pending, or refused with an error). */
  outbox: readonly OutboxItem[];
  agentLastReadSeq: number;
  /** An agent is typing (their name, when the server gave one). */
  agentTyping: { name: string | null } | null;
  hasMore: boolean;
  loadingEarlier: boolean;
  uploading: number;
  prechatDone: boolean;
  notice: Notice | null;
  /** The team the customer chose before their first message (售前 / 售后 …), or the one the snippet names. */
  chosenTeamId: string | null;
  /** Their place in the queue, live; then who took the chat, until that agent's first message. */
  queue: QueueStatusView | null;
  /** The customer's 有用 / 没用 on the bot's answers, by message id (kept across visits). */
  ratings: Readonly<Record<string, BotRating>>;
  /** Answers whose rating is on its way to the server. */
  ratingsSending: readonly string[];
}

export interface ChatOptions {
  websiteToken: string;
  store: KeyValueStore;
  /** REST client; it reads the visitor token from `store` (key `token`). */
  api: WidgetApi;
  createSocket: SocketFactory;
  socketUrl(token: string): string;
  /** The rest of the session request: identity, locale, page. */
  sessionBody(): Omit<WidgetSessionBody, 'websiteToken' | 'visitorToken'>;
  onSession?(session: WidgetSessionResponse): void;
  /** A new agent message arrived while the chat was not visible (the loader counts these). */
  onUnseenAgentMessage?(): void;
  random?: () => number;
  /** How long the visitor may pause before `typing: false` is sent. */
  typingIdleMs?: number;
}

const AGENT_TYPING_TIMEOUT_MS = 30_000;
const MAX_UNREAD_REPORTED = 20;
/** Ratings remembered in the store; older ones are forgotten (their buttons then show no choice). */
const MAX_RATINGS_KEPT = 100;

function storedRatings(store: KeyValueStore): Record<string, BotRating> {
  const saved = readJson<Record<string, unknown>>(store, 'ratings', {});
  const ratings: Record<string, BotRating> = {};
  if (typeof saved !== 'object' || saved === null) return ratings;
  for (const [id, rating] of Object.entries(saved)) {
    if (rating === 'helpful' || rating === 'unhelpful') ratings[id] = rating;
  }
  return ratings;
}

/**
 * The chat's state and everything that changes it: the session, history, the realtime connection and the outbox.
 * Framework-free; the Preact views subscribe to it.
 */
export class ChatController {
  private state: ChatState;
  private readonly listeners = new Set<(state: ChatState) => void>();
  private readonly outbox: Outbox<OutboxItem>;
  readonly connection: ReconnectingSocket<ServerFrame, OutgoingFrame>;
  private readonly sessionBackoff: Backoff;
  /** Highest seq received from history or `message`/`resumed` frames (not from acks), for `resume`. */
  private seenSeq = 0;
  private designatedAgentId: string | null = null;
  private visible = false;
  private typingSent = false;
  private typingTimer: ReturnType<typeof setTimeout> | null = null;
  private agentTypingTimer: ReturnType<typeof setTimeout> | null = null;
  private destroyed = false;
  private starting: Promise<void> | null = null;

  constructor(private readonly options: ChatOptions) {
    this.outbox = storedOutbox(options.store);
    this.sessionBackoff = new Backoff(500, 30_000, options.random);
    this.connection = new ReconnectingSocket<ServerFrame, OutgoingFrame>({
      url: () => {
        const token = options.store.get('token');
        return token ? options.socketUrl(token) : null;
      },
      createSocket: options.createSocket,
      heartbeatMs: HEARTBEAT_MS,
      backoff: new Backoff(500, 30_000, options.random),
      finalCloseCodes: CLOSE_FINAL,
      onClose: (code) => {
        if (code !== CLOSE_UNAUTHENTICATED) return 'retry';
        // The visitor token is bad: the socket waits until a new session has one.
        void this.restartSession();
        return 'wait';
      },
      onReady: () => this.onReady(),
      onFrame: (frame) => this.onFrame(frame),
      onState: (connection) => this.update({ connection }),
    });
    this.state = {
      phase: 'starting',
      errorCode: null,
      session: null,
      connection: 'connecting',
      conversationId: null,
      messages: [],
      outbox: this.outbox.items,
      agentLastReadSeq: 0,
      agentTyping: null,
      hasMore: false,
      loadingEarlier: false,
      uploading: 0,
      prechatDone: options.store.get('prechat') === '1',
      notice: null,
      chosenTeamId: null,
      queue: null,
      ratings: storedRatings(options.store),
      ratingsSending: [],
    };
  }

  get api(): WidgetApi {
    return this.options.api;
  }

  getState(): ChatState {
    return this.state;
  }

  subscribe(listener: (state: ChatState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts (or resumes) the visitor session, loads the latest history page, then connects. */
  start(): Promise<void> {
    this.starting ??= this.openSession().finally(() => {
      this.starting = null;
    });
    return this.starting;
  }

  /** Connects again at once (the visitor pressed "reconnect", or the browser came back online). */
  reconnect(): void {
    if (this.state.phase !== 'ready') return;
    this.connection.start();
    this.connection.nudge();
  }

  destroy(): void {
    this.destroyed = true;
    this.connection.stop();
    this.clearTypingTimers();
    this.listeners.clear();
  }

  /** Whether the visitor can see the chat now (panel open and page visible). */
  setVisible(visible: boolean): void {
    this.visible = visible;
    if (visible) this.markRead();
  }

  /** Queues a message and sends it when connected. Returns false when there is nothing (valid) to send. */
  send(content: string, attachments: AttachmentView[] = []): boolean {
    const text = content.trim();
    if ((!text && attachments.length === 0) || text.length > MAX_MESSAGE_CHARS) return false;
    this.stopTyping();
    this.outbox.put({
      clientId: newClientId(),
      content: text,
      attachments,
      createdAt: new Date().toISOString(),
      error: null,
    });
    this.update({ outbox: this.outbox.items });
    this.flush();
    return true;
  }

  /** Uploads each file and sends it as a message of its own. */
  async sendFiles(files: readonly File[]): Promise<void> {
    for (const file of files) {
      const name = file.name || 'file';
      if (file.size > MAX_ATTACHMENT_BYTES) {
        this.update({ notice: { key: 'fileTooLarge', params: { name, max: MAX_ATTACHMENT_BYTES / 1024 / 1024 } } });
        continue;
      }
      this.update({ uploading: this.state.uploading + 1 });
      try {
        const attachment = await this.options.api.upload(file);
        this.send('', [attachment]);
      } catch (error) {
        const status = error instanceof ApiError ? error.status : 0;
        if (status === 401) void this.restartSession();
        const key = status === 413 ? 'fileTooLarge' : status === 415 ? 'fileRejected' : 'uploadFailed';
        this.update({ notice: { key, params: { name, max: MAX_ATTACHMENT_BYTES / 1024 / 1024 } } });
      } finally {
        this.update({ uploading: this.state.uploading - 1 });
      }
    }
  }

  /** Sends a message the server refused again (same clientId). */
  retry(clientId: string): void {
    if (this.outbox.update(clientId, (item) => ({ ...item, error: null }))) {
      this.update({ outbox: this.outbox.items });
      this.flush();
    }
  }

  discard(clientId: string): void {
    this.outbox.remove(clientId);
    this.update({ outbox: this.outbox.items });
  }

  dismissNotice(): void {
    this.update({ notice: null });
  }

  /** The snippet names the team (指定技能组): every session says so, and the customer is not asked to choose. */
  designateTeam(teamId: string): void {
    this.update({ chosenTeamId: teamId });
  }

  /** The snippet names the agent (指定客服): every session says so, and routing tries them first. */
  designateAgent(agentId: string): void {
    this.designatedAgentId = agentId;
  }

  /**
   * The customer chose a team: the session tells the server (routing reads it when the first message opens the
   * conversation), so the chat opens only once that is stored.
   */
  async chooseTeam(teamId: string): Promise<void> {
    const token = this.options.store.get('token');
    const session = await this.options.api.session({
      websiteToken: this.options.websiteToken,
      ...(token ? { visitorToken: token } : {}),
      ...this.options.sessionBody(),
      ...this.designation(),
      teamId,
    });
    if (this.destroyed) return;
    this.options.store.set('token', session.visitorToken);
    this.update({ session, chosenTeamId: teamId });
  }

  /**
   * 有用 / 没用 on one of the bot's answers. The rating already given, or any while one for the same answer is on
   * its way, sends nothing; the other one changes it (the server keeps one rating per answer).
   */
  async rateAnswer(messageId: string, rating: BotRating): Promise<void> {
    const { ratings, ratingsSending } = this.state;
    if (ratings[messageId] === rating || ratingsSending.includes(messageId)) return;
    this.update({ ratingsSending: [...ratingsSending, messageId] });
    try {
      await this.options.api.rateBotAnswer(messageId, rating);
      const { [messageId]: _previous, ...others } = this.state.ratings;
      const kept = Object.entries(others).slice(-(MAX_RATINGS_KEPT - 1));
      const next = { ...Object.fromEntries(kept), [messageId]: rating };
      this.options.store.set('ratings', JSON.stringify(next));
      this.update({ ratings: next });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) void this.restartSession();
      else this.update({ notice: { key: 'bot.rateFailed' } });
    } finally {
      this.update({ ratingsSending: this.state.ratingsSending.filter((id) => id !== messageId) });
    }
  }

  /** The customer gives up waiting: the server records the chat as abandoned and closes it. */
  leaveQueue(): void {
    const queue = this.state.queue;
    if (queue?.status !== 'waiting') return;
    if (this.connection.send({ type: 'leave', conversationId: queue.conversationId })) this.update({ queue: null });
  }

  async submitPrechat(body: PrechatBody): Promise<void> {
    await this.options.api.prechat(body);
    this.options.store.set('prechat', '1');
    this.update({ prechatDone: true });
  }

  /** The visitor typed: sends `typing: true` once, and `typing: false` after a pause or when the box empties. */
  inputChanged(text: string): void {
    const conversationId = this.state.conversationId;
    if (!conversationId || !text.trim()) {
      this.stopTyping();
      return;
    }
    if (!this.typingSent) this.typingSent = this.connection.send({ type: 'typing', conversationId, typing: true });
    if (this.typingTimer) clearTimeout(this.typingTimer);
    this.typingTimer = setTimeout(() => this.stopTyping(), this.options.typingIdleMs ?? 3000);
  }

  /** Loads the page of history before the earliest message shown. */
  async loadEarlier(): Promise<void> {
    const { conversationId, loadingEarlier, hasMore, messages } = this.state;
    if (!conversationId || loadingEarlier || !hasMore) return;
    this.update({ loadingEarlier: true });
    try {
      const page = await this.options.api.history(conversationId, minSeq(messages, conversationId), MESSAGE_PAGE_SIZE);
      this.addMessages(page.items);
      this.update({ hasMore: page.hasMore });
    } catch (error) {
      this.historyFailed(error);
    } finally {
      this.update({ loadingEarlier: false });
    }
  }

  // ---- session ----

  private designation(): { agentId?: string } {
    return this.designatedAgentId ? { agentId: this.designatedAgentId } : {};
  }

  private async openSession(): Promise<void> {
    const { store, api } = this.options;
    let triedWithoutToken = false;
    while (!this.destroyed) {
      const token = store.get('token');
      try {
        const teamId = this.state.chosenTeamId;
        const session = await api.session({
          websiteToken: this.options.websiteToken,
          ...(token ? { visitorToken: token } : {}),
          ...this.options.sessionBody(),
          ...this.designation(),
          ...(teamId ? { teamId } : {}),
        });
        if (this.destroyed) return;
        store.set('token', session.visitorToken);
        await this.sessionReady(session);
        return;
      } catch (error) {
        if (this.destroyed) return;
        const status = error instanceof ApiError ? error.status : 0;
        const refused = status >= 400 && status < 500 && status !== 408 && status !== 429;
        if (refused && token && !triedWithoutToken) {
          // The token we kept is no longer accepted: start as a new visitor.
          store.remove('token');
          triedWithoutToken = true;
          continue;
        }
        if (refused) {
          this.update({ phase: 'error', errorCode: error instanceof ApiError ? error.code : 'UNKNOWN' });
          return;
        }
        this.update({ connection: 'reconnecting' });
        await new Promise((resolve) => setTimeout(resolve, this.sessionBackoff.next()));
      }
    }
  }

  private async sessionReady(session: WidgetSessionResponse): Promise<void> {
    const conversation = session.conversation;
    this.seenSeq = 0;
    this.update({
      phase: 'ready',
      errorCode: null,
      session,
      conversationId: conversation?.id ?? null,
      messages: [],
      agentLastReadSeq: conversation?.agentLastReadSeq ?? 0,
      hasMore: false,
    });
    this.options.onSession?.(session);
    if (conversation && conversation.lastSeq > 0) {
      await this.loadLatest(conversation.id);
      this.reportUnreadHistory(conversation.id);
    }
    this.connection.start();
  }

  /** The server said the visitor token is bad (close 4001 or HTTP 401): drop it and start a new session. */
  private async restartSession(): Promise<void> {
    if (this.starting) return;
    this.options.store.remove('token');
    this.connection.stop();
    this.update({ connection: 'reconnecting' });
    await new Promise((resolve) => setTimeout(resolve, this.sessionBackoff.next()));
    await this.start();
  }

  private async loadLatest(conversationId: string): Promise<void> {
    try {
      const page = await this.options.api.history(conversationId, null, MESSAGE_PAGE_SIZE);
      this.addMessages(page.items);
      this.update({ hasMore: page.hasMore });
    } catch (error) {
      this.historyFailed(error);
    }
  }

  private historyFailed(error: unknown): void {
    if (error instanceof ApiError && error.status === 401) void this.restartSession();
    else this.update({ notice: { key: 'historyFailed' } });
  }

  /** A returning visitor who has not seen the agent's latest replies gets them counted on the bubble. */
  private reportUnreadHistory(conversationId: string): void {
    if (this.visible) return;
    const readSeq = this.readSeqFor(conversationId);
    const unseen = this.state.messages.filter(
      (m) => m.conversationId === conversationId && m.seq > readSeq && isFromAgent(m),
    ).length;
    for (let i = 0; i < Math.min(unseen, MAX_UNREAD_REPORTED); i++) this.options.onUnseenAgentMessage?.();
  }

  // ---- realtime ----

  private onReady(): void {
    this.sessionBackoff.reset();
    this.outbox.newConnection();
    const conversationId = this.state.conversationId;
    if (conversationId) {
      this.connection.send({ type: 'resume', conversations: [{ conversationId, afterSeq: this.seenSeq }] });
    }
    this.flush();
    this.markRead();
  }

  /** Sends every queued message not yet sent on this socket. Before the conversation exists only the first goes:
   * its ack names the conversation the others then join (else each could open a conversation of its own). */
  private flush(): void {
    if (!this.connection.isReady) return;
    const conversationId = this.state.conversationId;
    this.outbox.flush(
      (item) =>
        this.connection.send({
          type: 'message.send',
          clientId: item.clientId,
          conversationId,
          content: item.content,
          attachmentIds: item.attachments.map((a) => a.id),
        }),
      (items) => (conversationId ? unrefused(items) : unrefused(items).slice(0, 1)),
    );
  }

  private onFrame(frame: ServerFrame): void {
    switch (frame.type) {
      case 'ack':
        this.onAck(frame);
        return;
      case 'message':
        this.onMessages([frame.message]);
        return;
      case 'typing':
        if (frame.conversationId === this.state.conversationId && frame.sender.type === 'user') {
          this.setAgentTyping(frame.typing ? { name: frame.sender.name } : null);
        }
        return;
      case 'read':
        if (frame.reader === 'agent' && frame.conversationId === this.state.conversationId) {
          this.update({ agentLastReadSeq: Math.max(this.state.agentLastReadSeq, frame.seq) });
        }
        return;
      case 'resumed':
        return void this.onResumed(frame.conversationId, frame.lastSeq);
      case 'queue':
        this.onQueue(frame.queue);
        return;
      case 'error': {
        const error = { code: frame.code, message: frame.message };
        if (frame.ref && this.outbox.update(frame.ref, (item) => ({ ...item, error }))) {
          this.update({ outbox: this.outbox.items });
        } else {
          console.warn('[kefu] server error', frame.code, frame.message);
        }
        return;
      }
      default:
        return;
    }
  }

  private onAck(frame: Extract<ServerFrame, { type: 'ack' }>): void {
    const item = this.outbox.remove(frame.clientId);
    if (frame.conversationId !== this.state.conversationId) this.setConversation(frame.conversationId);
    if (item) {
      const contact = this.state.session?.contact;
      const message: MessageView = {
        id: frame.messageId,
        conversationId: frame.conversationId,
        seq: frame.seq,
        kind: 'incoming',
        sender: { type: 'contact', id: contact?.id ?? null, name: contact?.name ?? null },
        content: item.content,
        attachments: item.attachments,
        clientId: item.clientId,
        activity: null,
        createdAt: item.createdAt,
      };
      // Unless the server's own copy came first.
      if (!this.state.messages.some((m) => m.id === message.id)) {
        this.update({ messages: mergeMessages(this.state.messages, [message]) });
      }
    }
    this.update({ outbox: this.outbox.items });
    this.flush();
  }

  private setConversation(conversationId: string): void {
    this.stopTyping();
    this.seenSeq = 0;
    // A queue frame can arrive before the ack that names the new conversation: it is kept if it is about that one.
    const queue = this.state.queue?.conversationId === conversationId ? this.state.queue : null;
    this.update({ conversationId, agentLastReadSeq: 0, agentTyping: null, queue });
  }

  /** Waiting shows the place and the estimate; taken shows who took it; left (closed, in the pool) shows nothing. */
  private onQueue(queue: QueueStatusView): void {
    const current = this.state.conversationId;
    if (current !== null && queue.conversationId !== current) return;
    this.update({ queue: queue.status === 'left' ? null : queue });
  }

  private onMessages(messages: MessageView[]): void {
    if (!this.state.conversationId && messages[0]) this.setConversation(messages[0].conversationId);
    const known = new Set(this.state.messages.map((m) => m.id));
    let outboxChanged = false;
    let newAgentMessages = 0;
    for (const m of messages) {
      if (m.clientId && m.sender.type === 'contact' && this.outbox.remove(m.clientId)) outboxChanged = true;
      if (!known.has(m.id) && isFromAgent(m) && m.kind !== 'note') newAgentMessages++;
    }
    this.addMessages(messages);
    if (outboxChanged) this.update({ outbox: this.outbox.items });
    if (newAgentMessages > 0) {
      this.setAgentTyping(null);
      if (this.state.queue?.status === 'assigned') this.update({ queue: null });
      if (this.visible) this.markRead();
      else for (let i = 0; i < newAgentMessages; i++) this.options.onUnseenAgentMessage?.();
    }
  }

  private async onResumed(conversationId: string, lastSeq: number): Promise<void> {
    if (conversationId !== this.state.conversationId) return;
    if (lastSeq > this.seenSeq) {
      // The replay was cut short (too far behind): show the latest page instead, older pages load on demand.
      this.update({ messages: this.state.messages.filter((m) => m.conversationId !== conversationId) });
      await this.loadLatest(conversationId);
    }
    this.seenSeq = Math.max(this.seenSeq, lastSeq);
    this.markRead();
  }

  private addMessages(messages: MessageView[]): void {
    const conversationId = this.state.conversationId;
    for (const m of messages) if (m.conversationId === conversationId) this.seenSeq = Math.max(this.seenSeq, m.seq);
    this.update({ messages: mergeMessages(this.state.messages, messages) });
  }

  // ---- read receipts and typing ----

  private readSeqFor(conversationId: string): number {
    const saved = readJson<{ c?: string; s?: number }>(this.options.store, 'read', {});
    return saved.c === conversationId && typeof saved.s === 'number' ? saved.s : 0;
  }

  /** Tells the server the visitor has read up to the latest message, when an agent message is still unread. */
  private markRead(): void {
    const conversationId = this.state.conversationId;
    if (!this.visible || !conversationId) return;
    const readSeq = this.readSeqFor(conversationId);
    const latestAgent = maxSeq(this.state.messages.filter(isFromAgent), conversationId);
    if (latestAgent <= readSeq) return;
    const seq = maxSeq(this.state.messages, conversationId);
    if (this.connection.send({ type: 'read', conversationId, seq })) {
      this.options.store.set('read', JSON.stringify({ c: conversationId, s: seq }));
    }
  }

  private stopTyping(): void {
    if (this.typingTimer) clearTimeout(this.typingTimer);
    this.typingTimer = null;
    const conversationId = this.state.conversationId;
    if (this.typingSent && conversationId) this.connection.send({ type: 'typing', conversationId, typing: false });
    this.typingSent = false;
  }

  private setAgentTyping(agentTyping: { name: string | null } | null): void {
    if (this.agentTypingTimer) clearTimeout(this.agentTypingTimer);
    this.agentTypingTimer = agentTyping ? setTimeout(() => this.setAgentTyping(null), AGENT_TYPING_TIMEOUT_MS) : null;
    this.update({ agentTyping });
  }

  private clearTypingTimers(): void {
    if (this.typingTimer) clearTimeout(this.typingTimer);
    if (this.agentTypingTimer) clearTimeout(this.agentTypingTimer);
  }

  private update(patch: Partial<ChatState>): void {
    if (this.destroyed) return;
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener(this.state);
  }
}
