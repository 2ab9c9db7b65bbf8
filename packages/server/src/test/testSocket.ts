import type { AddressInfo } from 'node:net';
import type { ServerFrame } from '@kefu/shared';
import { WebSocket } from 'ws';
import type { KefuApp } from '../http/kefuApp.js';

export type Frame = ServerFrame;
export type FrameOf<T extends Frame['type']> = Extract<Frame, { type: T }>;

const DEFAULT_TIMEOUT_MS = 2000;

/** The ws:// base URL of an app that listens on a real port (`app.listen({ port: 0 })`). */
export function wsBase(app: KefuApp): string {
  const address = app.server.address() as AddressInfo;
  return `ws://127.0.0.1:${address.port}`;
}

interface Waiter {
  predicate: (frame: Frame) => boolean;
  resolve: (frame: Frame) => void;
}

/**
 * A realtime client for tests: keeps every frame it receives (in order), lets a test await a specific one,
 * and records how the socket closed. Frames handed out by `next` are not handed out again.
 */
export class TestSocket {
  /** Every frame received, in arrival order. */
  readonly frames: Frame[] = [];
  /** Resolves when the socket has closed, with the close code and reason. */
  readonly closed: Promise<{ code: number; reason: string }>;
  private readonly taken = new Set<number>();
  private waiters: Waiter[] = [];
  private closeInfo: { code: number; reason: string } | null = null;

  private constructor(readonly ws: WebSocket) {
    this.closed = new Promise((resolve) => {
      ws.on('close', (code, reason) => {
        this.closeInfo = { code, reason: reason.toString() };
        resolve(this.closeInfo);
      });
    });
    ws.on('error', () => {}); // a close event follows
    ws.on('message', (data, isBinary) => {
      if (isBinary) throw new Error('the server sent a binary frame');
      const frame = JSON.parse(data.toString()) as Frame;
      const index = this.frames.push(frame) - 1;
      for (const waiter of this.waiters) {
        if (waiter.predicate(frame)) {
          this.taken.add(index);
          this.waiters = this.waiters.filter((w) => w !== waiter);
          waiter.resolve(frame);
          break;
        }
      }
    });
  }

  /** Opens a socket and resolves once it is open (the server may still close it right away). */
  static open(url: string, options: { headers?: Record<string, string>; origin?: string } = {}): Promise<TestSocket> {
    const ws = new WebSocket(url, {
      ...(options.headers ? { headers: options.headers } : {}),
      ...(options.origin ? { origin: options.origin } : {}),
    });
    const socket = new TestSocket(ws);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(socket));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: HTTP ${res.statusCode}`)));
      ws.once('error', (error) => reject(error));
    });
  }

  /** Opens a socket and waits for the server's `ready`. */
  static async connect(url: string, options: { headers?: Record<string, string>; origin?: string } = {}) {
    const socket = await TestSocket.open(url, options);
    await socket.next((f) => f.type === 'ready');
    return socket;
  }

  /** The first frame (received or yet to come) that matches and was not handed out before. */
  next<T extends Frame = Frame>(predicate: (frame: Frame) => boolean, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<T> {
    const index = this.frames.findIndex((f, i) => !this.taken.has(i) && predicate(f));
    if (index >= 0) {
      this.taken.add(index);
      return Promise.resolve(this.frames[index] as T);
    }
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter = {
        predicate,
        resolve: (frame) => {
          clearTimeout(timer);
          resolve(frame as T);
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        const seen = this.frames.map((f) => JSON.stringify(f).slice(0, 200)).join('\n  ');
        reject(new Error(`no matching frame within ${timeoutMs} ms; received:\n  ${seen}`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** The next unclaimed frame of a type (optionally also matching `where`). */
  nextOf<T extends Frame['type']>(type: T, where: (frame: FrameOf<T>) => boolean = () => true, timeoutMs?: number) {
    return this.next<FrameOf<T>>((f) => f.type === type && where(f as FrameOf<T>), timeoutMs);
  }

  /** Every frame received so far that matches. */
  all<T extends Frame['type']>(type: T, where: (frame: FrameOf<T>) => boolean = () => true): FrameOf<T>[] {
    return this.frames.filter((f): f is FrameOf<T> => f.type === type && where(f as FrameOf<T>));
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /**
   * A round trip: resolves when the server answers a ping. The server handles a socket's frames in order and
   * a socket delivers in order, so anything the server sent this socket before has arrived by then.
   */
  async flush(timeoutMs?: number): Promise<void> {
    this.send({ type: 'ping' });
    await this.nextOf('pong', () => true, timeoutMs);
  }

  /** Sends a message and waits for its ack (or the error that names its clientId). */
  async sendMessage(frame: {
    clientId: string;
    conversationId: string | null;
    content: string;
    private?: boolean;
    attachmentIds?: string[];
  }): Promise<FrameOf<'ack'>> {
    this.send({ type: 'message.send', ...frame });
    const answer = await this.next(
      (f) => (f.type === 'ack' || f.type === 'error') && (f.type === 'ack' ? f.clientId : f.ref) === frame.clientId,
    );
    if (answer.type !== 'ack') throw new Error(`message ${frame.clientId} refused: ${JSON.stringify(answer)}`);
    return answer as FrameOf<'ack'>;
  }

  /** Resolves with the close code once the server has closed the socket; fails if it stays open. */
  async closedWithin(timeoutMs = DEFAULT_TIMEOUT_MS): Promise<number> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the socket is still open after ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      return (await Promise.race([this.closed, timeout])).code;
    } finally {
      clearTimeout(timer);
    }
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  get closeCode(): number | null {
    return this.closeInfo?.code ?? null;
  }

  /** Closes the socket and waits until it is closed. */
  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return;
    this.ws.close(1000);
    await this.closed;
  }
}

/** Retries `check` until it returns true (for effects that land after a socket closes), or fails. */
export async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`not true within ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
