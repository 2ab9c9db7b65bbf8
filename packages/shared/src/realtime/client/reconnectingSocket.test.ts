import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Backoff } from './backoff.js';
import {
  type ConnectionState,
  ReconnectingSocket,
  type ReconnectingSocketOptions,
  type SocketLike,
} from './reconnectingSocket.js';

const HEARTBEAT = 20_000;

/** The test plays the server: `accept` (open + ready), `receive`, `drop`; `sent` is what the client wrote. */
class FakeSocket implements SocketLike {
  readyState = 0;
  sent: string[] = [];
  closedWith: number | null = null;
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;

  constructor(readonly url: string) {}

  send(data: string): void {
    if (this.readyState !== 1) throw new Error('send on a socket that is not open');
    this.sent.push(data);
  }

  close(code = 1000): void {
    this.closedWith = code;
    this.readyState = 3;
  }

  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }

  accept(heartbeatMs = HEARTBEAT): void {
    this.open();
    this.receive({ type: 'ready', protocol: 1, heartbeatMs });
  }

  receive(frame: object): void {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }

  drop(code = 1006): void {
    this.readyState = 3;
    this.onclose?.({ code });
  }

  types(): string[] {
    return this.sent.map((raw) => (JSON.parse(raw) as { type: string }).type);
  }
}

type Frame = { type: string; [key: string]: unknown };

function setup(overrides: Partial<ReconnectingSocketOptions<Frame>> & { random?: () => number } = {}) {
  const sockets: FakeSocket[] = [];
  const states: ConnectionState[] = [];
  const frames: Frame[] = [];
  const readies: boolean[] = [];
  const { random = () => 0.999_999, ...rest } = overrides;
  const client = new ReconnectingSocket<Frame, Frame>({
    url: () => 'ws://kefu.test/ws/widget?v=1',
    createSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
    heartbeatMs: HEARTBEAT,
    backoff: new Backoff(500, 30_000, random),
    finalCloseCodes: [4003, 4006],
    onReady: (reconnected) => readies.push(reconnected),
    onFrame: (frame) => frames.push(frame),
    onState: (state) => states.push(state),
    ...rest,
  });
  const last = () => {
    const socket = sockets.at(-1);
    if (!socket) throw new Error('no socket was opened');
    return socket;
  };
  return { client, sockets, states, frames, readies, last };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('ReconnectingSocket', () => {
  it('is connecting until the server says ready, and sends nothing before that', () => {
    const { client, last, states, readies } = setup();
    client.start();
    expect(client.state).toBe('connecting');
    last().open();
    expect(client.send({ type: 'typing' })).toBe(false);
    vi.advanceTimersByTime(HEARTBEAT); // no ping either
    expect(last().sent).toEqual([]);
    last().receive({ type: 'ready', protocol: 1, heartbeatMs: HEARTBEAT });
    expect(client.state).toBe('connected');
    expect(states).toEqual(['connected']);
    expect(readies).toEqual([false]);
    expect(client.send({ type: 'typing' })).toBe(true);
    expect(last().types()).toEqual(['typing']);
  });

  it('pings every heartbeat and keeps a socket that answers', () => {
    const { client, last, sockets } = setup();
    client.start();
    last().accept();
    for (let i = 1; i <= 5; i++) {
      vi.advanceTimersByTime(HEARTBEAT);
      expect(
        last()
          .types()
          .filter((type) => type === 'ping'),
      ).toHaveLength(i);
      last().receive({ type: 'pong' });
    }
    expect(sockets).toHaveLength(1);
    expect(last().closedWith).toBeNull();
  });

  it('uses the heartbeat the server names in ready', () => {
    const { client, last } = setup();
    client.start();
    last().accept(5000);
    vi.advanceTimersByTime(5000);
    expect(last().types()).toEqual(['ping']);
  });

  it('gives up on a socket silent for 1.5 heartbeats, ignores it afterwards, and reconnects', () => {
    const { client, last, sockets, frames, readies } = setup({ random: () => 0.5 });
    client.start();
    const first = last();
    first.accept();
    vi.advanceTimersByTime(HEARTBEAT * 1.5 - 1);
    expect(first.closedWith).toBeNull();
    vi.advanceTimersByTime(1);
    expect(first.closedWith).toBe(4000);
    expect(client.state).toBe('reconnecting');
    vi.advanceTimersByTime(249); // half of the first 500 ms ceiling
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(2);
    last().accept();
    expect(client.state).toBe('connected');
    expect(readies).toEqual([false, true]);
    // The abandoned socket is deaf.
    first.receive({ type: 'message' });
    first.drop();
    expect(frames).toEqual([]);
    expect(client.state).toBe('connected');
  });

  it('also times out a socket that opens but never says ready', () => {
    const { client, last } = setup();
    client.start();
    last().open();
    vi.advanceTimersByTime(HEARTBEAT * 1.5);
    expect(last().closedWith).toBe(4000);
    expect(client.state).toBe('reconnecting');
  });

  it('backs off longer after each failure, never more than 30 s, and starts over once connected', () => {
    const { client, last, sockets } = setup();
    client.start();
    const waits: number[] = [];
    for (let i = 0; i < 10; i++) {
      const count = sockets.length;
      last().drop(1006);
      const droppedAt = Date.now();
      vi.advanceTimersToNextTimer(); // the retry is the only timer while no socket is open
      expect(sockets).toHaveLength(count + 1);
      waits.push(Date.now() - droppedAt);
    }
    expect(waits).toEqual([499, 999, 1999, 3999, 7999, 15_999, 29_999, 29_999, 29_999, 29_999]);
    last().accept();
    expect(client.backoff.attempts).toBe(0);
    last().drop(1001);
    const count = sockets.length;
    vi.advanceTimersByTime(499);
    expect(sockets).toHaveLength(count + 1);
  });

  it('hands frames on, but swallows ready, pong and garbage', () => {
    const { client, last, frames } = setup();
    client.start();
    last().accept();
    last().receive({ type: 'pong' });
    last().onmessage?.({ data: 'not json' });
    last().onmessage?.({ data: '42' });
    last().receive({ type: 'read', conversationId: 'c', reader: 'agent', seq: 3 });
    expect(frames).toEqual([{ type: 'read', conversationId: 'c', reader: 'agent', seq: 3 }]);
  });

  it('stops for good on a final close code', () => {
    for (const code of [4003, 4006]) {
      const { client, last, sockets } = setup();
      client.start();
      last().drop(code);
      vi.advanceTimersByTime(120_000);
      expect(sockets).toHaveLength(1);
      expect(client.state).toBe('failed');
    }
  });

  it('waits for start() when onClose says so, then connects at once', () => {
    const onClose = vi.fn((code: number) => (code === 4001 ? ('wait' as const) : ('retry' as const)));
    const { client, last, sockets } = setup({ onClose });
    client.start();
    last().accept();
    last().drop(4001);
    expect(onClose).toHaveBeenCalledWith(4001);
    expect(client.state).toBe('reconnecting');
    vi.advanceTimersByTime(120_000);
    expect(sockets).toHaveLength(1);
    client.start();
    expect(sockets).toHaveLength(2);
  });

  it('keeps retrying when onClose says retry', () => {
    const { client, last, sockets } = setup({ onClose: () => 'retry' });
    client.start();
    last().drop(4001);
    vi.advanceTimersByTime(500);
    expect(sockets).toHaveLength(2);
  });

  it('does not connect while there is no URL', () => {
    let url: string | null = null;
    const { client, sockets } = setup({ url: () => url });
    client.start();
    expect(sockets).toHaveLength(0);
    url = 'ws://kefu.test/ws/widget?v=1&token=t';
    client.start();
    expect(sockets).toHaveLength(1);
  });

  it('closes and stays closed after stop()', () => {
    const { client, last, sockets } = setup();
    client.start();
    last().accept();
    client.stop();
    expect(last().closedWith).toBe(1000);
    expect(client.isReady).toBe(false);
    vi.advanceTimersByTime(120_000);
    expect(sockets).toHaveLength(1);
  });

  it('reconnects at once when nudged while waiting out the backoff', () => {
    const { client, last, sockets } = setup();
    client.start();
    last().drop(1006);
    last().drop(1006); // a late second close of the same socket changes nothing
    expect(sockets).toHaveLength(1);
    client.nudge();
    expect(sockets).toHaveLength(2);
    client.nudge(); // a socket is open: nothing to do
    expect(sockets).toHaveLength(2);
  });

  it('retries when the socket cannot even be created', () => {
    let fail = true;
    const sockets: FakeSocket[] = [];
    const { client } = setup({
      createSocket: (url) => {
        if (fail) throw new Error('SyntaxError: bad URL');
        const socket = new FakeSocket(url);
        sockets.push(socket);
        return socket;
      },
    });
    client.start();
    expect(client.state).toBe('reconnecting');
    fail = false;
    vi.advanceTimersByTime(500);
    expect(sockets).toHaveLength(1);
  });
});
