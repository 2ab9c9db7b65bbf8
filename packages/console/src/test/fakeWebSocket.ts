import type { ServerFrame } from '@kefu/shared';
import { vi } from 'vitest';
import type { SocketLike } from '../realtime/agentSocket';

/**
 * A WebSocket the test drives: `open()`, `receive(frame)` and `serverClose(code)` play the server's part, and
 * `frames()` lists what the console sent.
 */
export class FakeWebSocket implements SocketLike {
  static instances: FakeWebSocket[] = [];
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;

  readyState = FakeWebSocket.CONNECTING;
  readonly sent: string[] = [];
  closedWith: { code: number | undefined; reason: string | undefined } | null = null;
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;

  constructor(readonly url: string) {
    FakeWebSocket.instances.push(this);
  }

  static last(): FakeWebSocket {
    const socket = FakeWebSocket.instances.at(-1);
    if (!socket) throw new Error('no WebSocket was opened');
    return socket;
  }

  send(data: string): void {
    if (this.readyState !== FakeWebSocket.OPEN) throw new Error('InvalidStateError: socket is not open');
    this.sent.push(data);
  }

  close(code?: number, reason?: string): void {
    if (this.readyState === FakeWebSocket.CLOSED) return;
    this.readyState = FakeWebSocket.CLOSED;
    this.closedWith = { code, reason };
  }

  // ---- the server's side ----

  open(): void {
    this.readyState = FakeWebSocket.OPEN;
    this.onopen?.(new Event('open'));
  }

  /** Opens the socket and says `ready`, as the server does for an authenticated agent. */
  accept(heartbeatMs = 20_000): void {
    this.open();
    this.receive({ type: 'ready', protocol: 1, heartbeatMs });
  }

  receive(frame: ServerFrame): void {
    this.onmessage?.(new MessageEvent('message', { data: JSON.stringify(frame) }));
  }

  serverClose(code = 1006): void {
    this.readyState = FakeWebSocket.CLOSED;
    this.onclose?.({ code, reason: '', wasClean: false } as CloseEvent);
  }

  /** What the console sent, parsed. */
  frames(): Array<Record<string, unknown> & { type: string }> {
    return this.sent.map((raw) => JSON.parse(raw) as Record<string, unknown> & { type: string });
  }

  framesOf(type: string) {
    return this.frames().filter((frame) => frame.type === type);
  }
}

/** Replaces the browser's WebSocket for one test (setup.ts unstubs globals after each). */
export function installFakeWebSocket(): typeof FakeWebSocket {
  FakeWebSocket.instances = [];
  vi.stubGlobal('WebSocket', FakeWebSocket);
  return FakeWebSocket;
}
