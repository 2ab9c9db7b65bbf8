import { CLOSE_FINAL, CLOSE_UNAUTHENTICATED, HEARTBEAT_MS, type OutgoingFrame, type ServerFrame } from '../protocol';
import { Backoff } from './backoff';

/** What the connection needs of a WebSocket (the browser's, or a fake in tests). */
export interface SocketLike {
  readonly readyState: number;
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}
export type SocketFactory = (url: string) => SocketLike;

/**
 * - `connecting`: the first attempt is under way;
 * - `connected`: the server said `ready`;
 * - `reconnecting`: the socket dropped and another attempt is scheduled or under way;
 * - `failed`: the server refused us for good (forbidden, unsupported version) or `stop()` was called.
 */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'failed';

export interface ConnectionOptions {
  /** The URL to connect to now, or null when there is no visitor token yet. */
  url: () => string | null;
  createSocket: SocketFactory;
  backoff?: Backoff;
  heartbeatMs?: number;
  onReady(): void;
  onFrame(frame: ServerFrame): void;
  onState(state: ConnectionState): void;
  /** Close code 4001: the visitor token is bad. The connection stops until `start()` is called again. */
  onUnauthenticated(): void;
}

const OPEN = 1;

/**
 * One WebSocket to the server, kept up: waits for `ready`, pings every heartbeat interval, treats a socket that
 * stays silent for 1.5 intervals as dead, and reconnects with exponential backoff and full jitter.
 */
export class Connection {
  private socket: SocketLike | null = null;
  private ready = false;
  private stopped = true;
  private everReady = false;
  private heartbeatMs: number;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private watchdog: ReturnType<typeof setTimeout> | null = null;
  readonly backoff: Backoff;
  state: ConnectionState = 'connecting';

  constructor(private readonly options: ConnectionOptions) {
    this.backoff = options.backoff ?? new Backoff();
    this.heartbeatMs = options.heartbeatMs ?? HEARTBEAT_MS;
  }

  get isReady(): boolean {
    return this.ready;
  }

  start(): void {
    this.stopped = false;
    if (!this.socket && !this.retryTimer) this.open();
  }

  /** Closes the socket and stays closed. */
  stop(): void {
    this.stopped = true;
    this.clearRetry();
    this.drop(1000);
    this.setState('failed');
  }

  /** Reconnects at once when not connected (the browser came back online, the page became visible). */
  nudge(): void {
    if (this.stopped || this.socket) return;
    this.clearRetry();
    this.backoff.reset();
    this.open();
  }

  /** Sends a frame if the server is ready; returns whether it was sent. */
  send(frame: OutgoingFrame): boolean {
    if (!this.ready || !this.socket || this.socket.readyState !== OPEN) return false;
    this.socket.send(JSON.stringify(frame));
    return true;
  }

  private open(): void {
    const url = this.options.url();
    if (!url) return;
    this.setState(this.everReady || this.backoff.attempts > 0 ? 'reconnecting' : 'connecting');
    let socket: SocketLike;
    try {
      socket = this.options.createSocket(url);
    } catch {
      this.scheduleRetry();
      return;
    }
    this.socket = socket;
    socket.onopen = () => this.armWatchdog();
    socket.onmessage = (event) => this.receive(event);
    socket.onerror = () => {}; // a close event follows
    socket.onclose = (event) => this.closed(event.code);
    // `ready` must come soon after connecting, like any frame afterwards.
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
    if (typeof frame !== 'object' || frame === null) return;
    if (frame.type === 'ready') {
      if (typeof frame.heartbeatMs === 'number' && frame.heartbeatMs >= 1000) this.heartbeatMs = frame.heartbeatMs;
      this.ready = true;
      this.everReady = true;
      this.backoff.reset();
      this.startPinging();
      this.setState('connected');
      this.options.onReady();
      return;
    }
    if (frame.type === 'pong') return;
    this.options.onFrame(frame);
  }

  private closed(code: number): void {
    this.detach();
    if (this.stopped) return;
    if (code === CLOSE_UNAUTHENTICATED) {
      this.setState('reconnecting');
      this.stopped = true;
      this.options.onUnauthenticated();
      return;
    }
    if (CLOSE_FINAL.includes(code)) {
      this.stopped = true;
      this.setState('failed');
      return;
    }
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    this.setState('reconnecting');
    const delay = this.backoff.next();
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.stopped) this.open();
    }, delay);
  }

  private startPinging(): void {
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.pingTimer = setInterval(() => this.send({ type: 'ping' }), this.heartbeatMs);
  }

  private armWatchdog(): void {
    if (this.watchdog) clearTimeout(this.watchdog);
    this.watchdog = setTimeout(() => {
      // Nothing heard for 1.5 heartbeats: the socket is dead even if the browser has not noticed. Waiting for its
      // close event could take minutes, so give up on it now and reconnect.
      this.watchdog = null;
      this.drop(4000, 'heartbeat timeout');
      if (!this.stopped) this.scheduleRetry();
    }, this.heartbeatMs * 1.5);
  }

  /** Forgets the socket (no more events from it) and closes it. */
  private drop(code: number, reason?: string): void {
    const socket = this.socket;
    this.detach();
    if (!socket) return;
    try {
      socket.close(code, reason);
    } catch {}
  }

  private detach(): void {
    if (this.socket) {
      this.socket.onopen = this.socket.onmessage = this.socket.onerror = null;
      this.socket.onclose = null;
    }
    this.socket = null;
    this.ready = false;
    if (this.pingTimer) clearInterval(this.pingTimer);
    if (this.watchdog) clearTimeout(this.watchdog);
    this.pingTimer = this.watchdog = null;
  }

  private clearRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private setState(state: ConnectionState): void {
    if (state === this.state) return;
    this.state = state;
    this.options.onState(state);
  }
}
