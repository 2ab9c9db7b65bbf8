import {
  CLOSE_CODES,
  type ClientFrame,
  type ClientSendFrame,
  PROTOCOL_VERSION,
  REALTIME_LIMITS,
  type ServerFrame,
} from '@kefu/shared';
import {
  Backoff,
  type ConnectionState,
  Outbox,
  ReconnectingSocket,
  type SocketFactory,
} from '@kefu/shared/realtime-client';

export type { ConnectionState, SocketLike } from '@kefu/shared/realtime-client';

export type AckFrame = Extract<ServerFrame, { type: 'ack' }>;
export type OutgoingMessage = Omit<ClientSendFrame, 'type'>;
export interface ResumePoint {
  conversationId: string;
  afterSeq: number;
}

export interface AgentSocketOptions {
  /** Defaults to `/ws/agent?v=1` on this page's origin (the session cookie authenticates it). */
  url?: string;
  createSocket?: SocketFactory;
  /** The jitter's random source (tests make it predictable). */
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
  onSendFailed?(clientId: string, code: string, message: string, details?: unknown): void;
  /** A resume could not replay everything (more than the server replays per conversation). */
  onResumeTruncated?(conversationId: string): void;
  /** Close code 4001: the session is gone (the socket keeps retrying, so signing in again resumes it). */
  onUnauthenticated?(): void;
}

export function agentSocketUrl(location: Pick<Location, 'protocol' | 'host'> = window.location): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/ws/agent?v=${PROTOCOL_VERSION}`;
}

/**
 * The console's one WebSocket. Nothing is sent before the server's `ready` (it drops such frames): messages wait
 * in the outbox, typing and read receipts are dropped. On `ready` it resumes the open conversations and (re)sends
 * every unacknowledged message with its original clientId, so the server stores each exactly once.
 */
export class AgentSocket {
  private readonly socket: ReconnectingSocket<ServerFrame, ClientFrame>;
  private readonly outbox = new Outbox<ClientSendFrame>();
  /** afterSeq of each conversation named in the last resume, to tell a truncated replay. */
  private readonly resumedFrom = new Map<string, number>();

  constructor(private readonly options: AgentSocketOptions) {
    this.socket = new ReconnectingSocket<ServerFrame, ClientFrame>({
      url: () => options.url ?? agentSocketUrl(),
      createSocket: options.createSocket ?? ((url) => new WebSocket(url)),
      heartbeatMs: options.heartbeatMs ?? REALTIME_LIMITS.heartbeatMs,
      backoff: new Backoff(undefined, undefined, options.random),
      finalCloseCodes: [CLOSE_CODES.forbidden, CLOSE_CODES.unsupportedVersion],
      onClose: (code) => {
        if (code === CLOSE_CODES.unauthenticated) options.onUnauthenticated?.();
        return 'retry';
      },
      onReady: (reconnected) => this.ready(reconnected),
      onFrame: (frame) => this.receive(frame),
      onState: (state) => options.onState?.(state),
    });
  }

  get state(): ConnectionState {
    return this.socket.state;
  }

  get isReady(): boolean {
    return this.socket.isReady;
  }

  /** clientIds still waiting for their ack. */
  get unacked(): string[] {
    return this.outbox.items.map((frame) => frame.clientId);
  }

  start(): void {
    this.socket.start();
  }

  stop(): void {
    this.socket.stop();
  }

  /** Reconnects now instead of waiting out the backoff (the browser came back online). */
  nudge(): void {
    this.socket.nudge();
  }

  /** Queues a message until the server acknowledges it; sent now when connected, else after the next `ready`. */
  sendMessage(message: OutgoingMessage): void {
    this.outbox.put({ type: 'message.send', ...message });
    this.flush();
  }

  /** Forgets a queued message (the user discarded it). */
  discard(clientId: string): void {
    this.outbox.remove(clientId);
  }

  /** Typing and read frames are worth nothing later: sent only when connected, dropped otherwise. */
  sendTransient(frame: Extract<ClientFrame, { type: 'typing' | 'read' }>): boolean {
    return this.socket.send(frame);
  }

  private flush(): void {
    if (this.socket.isReady) this.outbox.flush((frame) => this.socket.send(frame));
  }

  private ready(reconnected: boolean): void {
    // Resume first, so history the tab missed arrives before anything sent now.
    const points = this.options.resumePoints();
    this.resumedFrom.clear();
    for (let i = 0; i < points.length; i += REALTIME_LIMITS.maxResumeConversations) {
      const chunk = points.slice(i, i + REALTIME_LIMITS.maxResumeConversations);
      for (const point of chunk) this.resumedFrom.set(point.conversationId, point.afterSeq);
      this.socket.send({ type: 'resume', conversations: chunk });
    }
    this.outbox.newConnection();
    this.flush();
    if (reconnected) this.options.onReconnected?.();
  }

  private receive(frame: ServerFrame): void {
    switch (frame.type) {
      case 'ack':
        this.outbox.remove(frame.clientId);
        this.options.onAck?.(frame);
        return;
      case 'error':
        if (frame.ref && this.outbox.remove(frame.ref)) {
          // Sensitive words: the refusal names them, so the console can show them and ask.
          if ('details' in frame) this.options.onSendFailed?.(frame.ref, frame.code, frame.message, frame.details);
          else this.options.onSendFailed?.(frame.ref, frame.code, frame.message);
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
}
