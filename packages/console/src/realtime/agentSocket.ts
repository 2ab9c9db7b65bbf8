import {
  CLOSE_CODES,
  type ClientFrame,
  type ClientSendFrame,
  PROTOCOL_VERSION,
  REALTIME_LIMITS,
  type ServerFrame,
} from '@kefu/shared';

/** What the socket needs of a WebSocket: the browser's, or a fake in tests. */
export interface SocketLike {
  readonly readyState: number;
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

/**
 * - `connecting`: the first attempt is under way;
 * - `connected`: the server said `ready`;
 * - `reconnecting`: the socket dropped, another attempt is scheduled or under way;
 * - `failed`: the server refused this console for good (wrong protocol version, cross-site) — reload the page.
 */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'failed';

export type AckFrame = Extract<ServerFrame, { type: 'ack' }>;
export type OutgoingMessage = Omit<ClientSendFrame, 'type'>;
export interface ResumePoint {
  conversationId: string;
  afterSeq: number;
}

export const BACKOFF_BASE_MS = 500;
export const BACKOFF_CAP_MS = 30_000;

/** Exponential backoff with full jitter: retry n waits a random time in [0, min(cap, base · 2ⁿ)). */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * ceiling);
}

export interface AgentSocketOptions {
  /** Defaults to `/ws/agent?v=1` on this page's origin (the session cookie authenticates it). */
  url?: string;
  createSocket?: (url: string) => SocketLike;
  random?: () => number;
  heartbeatMs?: number;
  /** The conversations whose history this tab holds, with the last seq it has of each. */
  resumePoints(): ResumePoint[];
  /** Every frame but `ready`, `pong` and the `ack`/`error` of a queued message (those go to the callbacks below). */
  onFrame(frame: ServerFrame): void;
  onState?(state: ConnectionState): void;
  /** `ready` again after the connection had dropped: anything missed meanwhile should be fetched. */
  onReconnected?(): void;
  onAck?(ack: AckFrame): void;
  /** The server refused a queued message; it leaves the outbox (a retry sends it again). */
  onSendFailed?(clientId: string, code: string, message: string): void;
  /** A resume could not replay everything (more than the server replays per conversation). */
  onResumeTruncated?(conversationId: string): void;
  /** Close code 4001: the session is gone (the socket keeps retrying, so signing in again resumes it). */
  onUnauthenticated?(): void;
}

const OPEN = 1;
const FINAL_CLOSE_CODES: readonly number[] = [CLOSE_CODES.forbidden, CLOSE_CODES.unsupportedVersion];

export function agentSocketUrl(location: Pick<Location, 'protocol' | 'host'> = window.location): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/ws/agent?v=${PROTOCOL_VERSION}`;
}

/**
 * The console's one WebSocket: waits for `ready`, then resumes the open conversations and (re)sends every
 * unacknowledged message with its original clientId, so the server stores each exactly once. Pings every
 * heartbeat, treats 1.5 heartbeats of silence as a dead socket, and reconnects with backoff and full jitter.
 */
export class AgentSocket {
  private socket: SocketLike | null = null;
  private ready = false;
  private everReady = false;
  private stopped = true;
  private attempt = 0;
  private heartbeatMs: number;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private watchdog: ReturnType<typeof setTimeout> | null = null;
  /** Messages not yet acknowledged, in the order they were written. */
  private readonly outbox = new Map<string, ClientSendFrame>();
  /** afterSeq of each conversation named in the last resume, to tell a truncated replay. */
  private readonly resumedFrom = new Map<string, number>();
  private currentState: ConnectionState = 'connecting';

  constructor(private readonly options: AgentSocketOptions) {
    this.heartbeatMs = options.heartbeatMs ?? REALTIME_LIMITS.heartbeatMs;
  }

  get state(): ConnectionState {
    return this.currentState;
  }

  get isReady(): boolean {
    return this.ready;
  }

  /** clientIds still waiting for their ack. */
  get unacked(): string[] {
    return [...this.outbox.keys()];
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.open();
  }

  stop(): void {
    this.stopped = true;
    this.clearRetry();
    this.drop(1000, 'bye');
  }

  /** Reconnects now instead of waiting out the backoff (the browser came back online). */
  nudge(): void {
    if (this.stopped || this.socket) return;
    this.clearRetry();
    this.attempt = 0;
    this.open();
  }

  /** Queues a message until the server acknowledges it; sent now when connected, else after the next `ready`. */
  sendMessage(message: OutgoingMessage): void {
    const frame: ClientSendFrame = { type: 'message.send', ...message };
    this.outbox.set(frame.clientId, frame);
    if (this.ready) this.transmit(frame);
  }

  /** Forgets a queued message (the user discarded it). */
  discard(clientId: string): void {
    this.outbox.delete(clientId);
  }

  /** Typing and read frames are worth nothing later: sent only when connected, dropped otherwise. */
  sendTransient(frame: Extract<ClientFrame, { type: 'typing' | 'read' }>): boolean {
    if (!this.ready) return false;
    this.transmit(frame);
    return true;
  }

  private transmit(frame: ClientFrame): void {
    if (!this.socket || this.socket.readyState !== OPEN) return;
    try {
      this.socket.send(JSON.stringify(frame));
    } catch {
      // The close event follows; the outbox still holds the message.
    }
  }

  private setState(state: ConnectionState): void {
    if (state === this.currentState) return;
    this.currentState = state;
    this.options.onState?.(state);
  }

  private open(): void {
    this.setState(this.everReady || this.attempt > 0 ? 'reconnecting' : 'connecting');
    let socket: SocketLike;
    try {
      const create = this.options.createSocket ?? ((url: string) => new WebSocket(url) as SocketLike);
      socket = create(this.options.url ?? agentSocketUrl());
    } catch {
      this.scheduleRetry();
      return;
    }
    this.socket = socket;
    socket.onopen = () => this.armWatchdog();
    socket.onmessage = (event) => this.receive(event);
    socket.onerror = () => {}; // a close event follows
    socket.onclose = (event) => this.closed(event.code);
    // `ready` must come as soon after connecting as any frame after it.
    this.armWatchdog();
  }

  private receive(event: MessageEvent): void {
    this.armWatchdog();
    let frame: ServerFrame;
    try {
      frame = JSON.parse(String(event.data)) as ServerFrame;
    } catch {
      return;
    }
    if (typeof frame !== 'object' || frame === null || typeof frame.type !== 'string') return;
    switch (frame.type) {
      case 'ready':
        this.onReady(frame);
        return;
      case 'pong':
        return;
      case 'ack': {
        this.outbox.delete(frame.clientId);
        this.options.onAck?.(frame);
        return;
      }
      case 'error':
        if (frame.ref && this.outbox.has(frame.ref)) {
          this.outbox.delete(frame.ref);
          this.options.onSendFailed?.(frame.ref, frame.code, frame.message);
          return;
        }
        break;
      case 'resumed': {
        const from = this.resumedFrom.get(frame.conversationId);
        this.resumedFrom.delete(frame.conversationId);
        if (from !== undefined && frame.lastSeq - from >= REALTIME_LIMITS.maxReplayPerConversation) {
          this.options.onResumeTruncated?.(frame.conversationId);
        }
        break;
      }
    }
    this.options.onFrame(frame);
  }

  private onReady(frame: Extract<ServerFrame, { type: 'ready' }>): void {
    if (typeof frame.heartbeatMs === 'number' && frame.heartbeatMs >= 1000) this.heartbeatMs = frame.heartbeatMs;
    const reconnected = this.everReady;
    this.ready = true;
    this.everReady = true;
    this.attempt = 0;
    this.startPinging();
    this.armWatchdog();

    // Resume first, so history the tab missed arrives before anything sent now.
    const points = this.options.resumePoints();
    this.resumedFrom.clear();
    for (let i = 0; i < points.length; i += REALTIME_LIMITS.maxResumeConversations) {
      const chunk = points.slice(i, i + REALTIME_LIMITS.maxResumeConversations);
      for (const point of chunk) this.resumedFrom.set(point.conversationId, point.afterSeq);
      this.transmit({ type: 'resume', conversations: chunk });
    }
    for (const queued of this.outbox.values()) this.transmit(queued);

    this.setState('connected');
    if (reconnected) this.options.onReconnected?.();
  }

  private closed(code: number): void {
    this.detach();
    if (this.stopped) return;
    if (FINAL_CLOSE_CODES.includes(code)) {
      this.stopped = true;
      this.setState('failed');
      return;
    }
    if (code === CLOSE_CODES.unauthenticated) this.options.onUnauthenticated?.();
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    this.setState('reconnecting');
    const delay = backoffDelay(this.attempt, this.options.random);
    this.attempt++;
    this.clearRetry();
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.stopped) this.open();
    }, delay);
  }

  private startPinging(): void {
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.pingTimer = setInterval(() => this.transmit({ type: 'ping' }), this.heartbeatMs);
  }

  private armWatchdog(): void {
    if (this.watchdog) clearTimeout(this.watchdog);
    this.watchdog = setTimeout(() => {
      // Silent for 1.5 heartbeats: the socket is dead even if the browser has not noticed yet (that can take
      // minutes), so give up on it and reconnect.
      this.watchdog = null;
      this.drop(4000, 'heartbeat timeout');
      if (!this.stopped) this.scheduleRetry();
    }, this.heartbeatMs * 1.5);
  }

  /** Forgets the socket (no more events from it) and closes it. */
  private drop(code: number, reason: string): void {
    const socket = this.socket;
    this.detach();
    if (!socket) return;
    try {
      socket.close(code, reason);
    } catch {
      // Already closed.
    }
  }

  private detach(): void {
    if (this.socket) {
      this.socket.onopen = null;
      this.socket.onmessage = null;
      this.socket.onerror = null;
      this.socket.onclose = null;
    }
    this.socket = null;
    this.ready = false;
    if (this.pingTimer) clearInterval(this.pingTimer);
    if (this.watchdog) clearTimeout(this.watchdog);
    this.pingTimer = null;
    this.watchdog = null;
  }

  private clearRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }
}
