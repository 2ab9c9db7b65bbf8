import { Backoff } from './backoff.js';

/** Handler properties compare bivariantly, so the browser's WebSocket (and a test fake) fit `SocketLike`. */
type Handler<E> = { bivarianceHack(event: E): void }['bivarianceHack'];

/** What the client needs of a WebSocket: the browser's, or a fake in tests. */
export interface SocketLike {
  readonly readyState: number;
  onopen: Handler<unknown> | null;
  onmessage: Handler<{ data: unknown }> | null;
  onclose: Handler<{ code: number }> | null;
  onerror: Handler<unknown> | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export type SocketFactory = (url: string) => SocketLike;

/**
 * - `connecting`: the first attempt is under way;
 * - `connected`: the server said `ready`;
 * - `reconnecting`: the socket dropped and another attempt is scheduled or under way (or waits for `start()`);
 * - `failed`: the server refused for good (a close code in `finalCloseCodes`); only a reload can help.
 */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'failed';

/** The frames this client handles itself; everything else goes to `onFrame`. */
interface ControlFrame {
  type: string;
  heartbeatMs?: unknown;
}

export interface ReconnectingSocketOptions<In extends { type: string }> {
  /** The URL to connect to now, or null when there is nothing to connect to yet (then it waits for `start()`). */
  url(): string | null;
  createSocket: SocketFactory;
  /** Ping interval until the server's `ready` names its own; 1.5 intervals of silence mean a dead socket. */
  heartbeatMs: number;
  backoff?: Backoff;
  /** Close codes after which reconnecting cannot help (forbidden, unsupported version): the state becomes `failed`. */
  finalCloseCodes?: readonly number[];
  /**
   * Any other close by the server or the network. `retry` (the default) reconnects after the backoff; `wait` stays
   * closed, in `reconnecting`, until `start()` is called again (e.g. after a new token).
   */
  onClose?(code: number): 'retry' | 'wait';
  /**
   * The server said `ready`: the only moment frames may start to flow (the server drops what comes before).
   * `reconnected` is true when an earlier connection had been ready too, so something may have been missed.
   */
  onReady(reconnected: boolean): void;
  /** Every frame but `ready` and `pong`. */
  onFrame(frame: In): void;
  onState?(state: ConnectionState): void;
}

const OPEN = 1;
const PING = JSON.stringify({ type: 'ping' });

/**
 * One WebSocket, kept up: waits for the server's `ready` before anything is sent, pings every heartbeat, treats a
 * socket silent for 1.5 heartbeats as dead (a browser may take minutes to notice), and reconnects with
 * exponential backoff and full jitter. Shared by the widget and the console; it must stay free of zod.
 */
export class ReconnectingSocket<In extends { type: string }, Out extends { type: string }> {
  private socket: SocketLike | null = null;
  private ready = false;
  private everReady = false;
  private stopped = true;
  private heartbeatMs: number;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private watchdog: ReturnType<typeof setTimeout> | null = null;
  private currentState: ConnectionState = 'connecting';
  readonly backoff: Backoff;

  constructor(private readonly options: ReconnectingSocketOptions<In>) {
    this.backoff = options.backoff ?? new Backoff();
    this.heartbeatMs = options.heartbeatMs;
  }

  get state(): ConnectionState {
    return this.currentState;
  }

  /** Whether frames can be sent now (the server said `ready` on the current socket). */
  get isReady(): boolean {
    return this.ready;
  }

  /** Connects, unless a socket is open or an attempt is scheduled. */
  start(): void {
    this.stopped = false;
    if (!this.socket && !this.retryTimer) this.open();
  }

  /** Closes the socket and stays closed until `start()`. */
  stop(): void {
    this.stopped = true;
    this.clearRetry();
    this.drop(1000, 'bye');
  }

  /** Reconnects at once instead of waiting out the backoff (the browser came back online, the tab is visible). */
  nudge(): void {
    if (this.stopped || this.socket) return;
    this.clearRetry();
    this.backoff.reset();
    this.open();
  }

  /** Sends a frame if the server is ready; returns whether it was sent. Nothing is queued here (see `Outbox`). */
  send(frame: Out): boolean {
    return this.ready && this.transmit(JSON.stringify(frame));
  }

  private transmit(data: string): boolean {
    if (!this.socket || this.socket.readyState !== OPEN) return false;
    try {
      this.socket.send(data);
      return true;
    } catch {
      return false; // the close event follows
    }
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
    socket.onmessage = (event) => this.receive(event.data);
    socket.onerror = () => {}; // a close event follows
    socket.onclose = (event) => this.closed(event.code);
    // `ready` must come as soon after connecting as any frame after it.
    this.armWatchdog();
  }

  private receive(data: unknown): void {
    this.armWatchdog();
    let frame: ControlFrame;
    try {
      frame = JSON.parse(String(data)) as ControlFrame;
    } catch {
      return;
    }
    if (typeof frame !== 'object' || frame === null || typeof frame.type !== 'string') return;
    if (frame.type === 'pong') return;
    if (frame.type !== 'ready') {
      this.options.onFrame(frame as unknown as In);
      return;
    }
    if (typeof frame.heartbeatMs === 'number' && frame.heartbeatMs >= 1000) this.heartbeatMs = frame.heartbeatMs;
    const reconnected = this.everReady;
    this.ready = true;
    this.everReady = true;
    this.backoff.reset();
    this.startPinging();
    this.armWatchdog();
    this.options.onReady(reconnected);
    // onReady may have stopped the socket.
    if (this.ready) this.setState('connected');
  }

  private closed(code: number): void {
    this.detach();
    if (this.stopped) return;
    if (this.options.finalCloseCodes?.includes(code)) {
      this.stopped = true;
      this.setState('failed');
      return;
    }
    if ((this.options.onClose?.(code) ?? 'retry') === 'wait') {
      this.stopped = true;
      this.clearRetry();
      this.setState('reconnecting');
      return;
    }
    if (!this.stopped) this.scheduleRetry();
  }

  private scheduleRetry(): void {
    this.setState('reconnecting');
    this.clearRetry();
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.stopped) this.open();
    }, this.backoff.next());
  }

  private startPinging(): void {
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.pingTimer = setInterval(() => this.transmit(PING), this.heartbeatMs);
  }

  private armWatchdog(): void {
    if (this.watchdog) clearTimeout(this.watchdog);
    this.watchdog = setTimeout(() => {
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

  private setState(state: ConnectionState): void {
    if (state === this.currentState) return;
    this.currentState = state;
    this.options.onState?.(state);
  }
}
