import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeSocket, FakeSocket } from '../../test/fakes';
import { Backoff } from './backoff';
import { Connection, type ConnectionState } from './connection';

function setup(random = () => 0.5) {
  const states: ConnectionState[] = [];
  const frames: unknown[] = [];
  const events = { ready: 0, unauthenticated: 0 };
  const connection = new Connection({
    url: () => 'ws://kefu.test/ws/widget?v=1&token=t',
    createSocket: createFakeSocket,
    backoff: new Backoff(500, 30_000, random),
    onReady: () => events.ready++,
    onFrame: (frame) => frames.push(frame),
    onState: (state) => states.push(state),
    onUnauthenticated: () => events.unauthenticated++,
  });
  return { connection, states, frames, events };
}

beforeEach(() => {
  vi.useFakeTimers();
  FakeSocket.reset();
});
afterEach(() => vi.useRealTimers());

describe('Connection', () => {
  it('pings every heartbeat and stays up while the server answers', () => {
    const { connection } = setup();
    connection.start();
    const socket = FakeSocket.last;
    socket.accept(20_000);
    expect(connection.state).toBe('connected');
    for (let i = 1; i <= 5; i++) {
      vi.advanceTimersByTime(20_000);
      expect(socket.framesOfType('ping')).toHaveLength(i);
      socket.receive({ type: 'pong' });
    }
    expect(socket.closedWith).toBeNull();
    expect(FakeSocket.instances).toHaveLength(1);
  });

  it('closes a silent socket after 1.5 heartbeats and reconnects', () => {
    const { connection, states, events } = setup();
    connection.start();
    const first = FakeSocket.last;
    first.accept(20_000);
    vi.advanceTimersByTime(29_999);
    expect(first.closedWith).toBeNull();
    vi.advanceTimersByTime(1);
    expect(first.closedWith).not.toBeNull();
    expect(connection.state).toBe('reconnecting');
    expect(states).toContain('reconnecting');
    // Backoff: random 0.5 of the first ceiling (500 ms).
    vi.advanceTimersByTime(249);
    expect(FakeSocket.instances).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(FakeSocket.instances).toHaveLength(2);
    FakeSocket.last.accept();
    expect(connection.state).toBe('connected');
    expect(events.ready).toBe(2);
    // Events from the abandoned socket are ignored.
    first.receive({ type: 'read', conversationId: 'x', reader: 'agent', seq: 1 });
    first.drop();
    expect(connection.state).toBe('connected');
  });

  it('also times out a socket that opens but never says ready', () => {
    const { connection } = setup();
    connection.start();
    vi.advanceTimersByTime(30_000);
    expect(FakeSocket.last.closedWith).not.toBeNull();
    expect(connection.state).toBe('reconnecting');
  });

  it('backs off longer after each failure and starts over once connected', () => {
    const { connection } = setup(() => 0.999_999);
    connection.start();
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      const count = FakeSocket.instances.length;
      FakeSocket.last.drop(1006);
      let waited = 0;
      while (FakeSocket.instances.length === count) {
        vi.advanceTimersByTime(1);
        waited++;
      }
      waits.push(waited);
    }
    expect(waits).toEqual([499, 999, 1999, 3999]);
    FakeSocket.last.accept();
    expect(connection.backoff.attempts).toBe(0);
    FakeSocket.last.drop(1001);
    vi.advanceTimersByTime(499);
    expect(FakeSocket.last.readyState).toBe(0); // a new socket after the first-step delay again
  });

  it('hands frames on, but not ready/pong', () => {
    const { connection, frames } = setup();
    connection.start();
    FakeSocket.last.accept();
    FakeSocket.last.receive({ type: 'pong' });
    FakeSocket.last.receive({ type: 'typing', conversationId: 'c', sender: { type: 'user', name: 'A' }, typing: true });
    expect(frames).toEqual([
      { type: 'typing', conversationId: 'c', sender: { type: 'user', name: 'A' }, typing: true },
    ]);
  });

  it('sends only after ready', () => {
    const { connection } = setup();
    connection.start();
    expect(connection.send({ type: 'ping' })).toBe(false);
    FakeSocket.last.accept();
    expect(connection.send({ type: 'ping' })).toBe(true);
  });

  it('stops and reports a bad token on close code 4001', () => {
    const { connection, events } = setup();
    connection.start();
    FakeSocket.last.accept();
    FakeSocket.last.drop(4001);
    vi.advanceTimersByTime(60_000);
    expect(events.unauthenticated).toBe(1);
    expect(FakeSocket.instances).toHaveLength(1);
    connection.start(); // after a new session
    expect(FakeSocket.instances).toHaveLength(2);
  });

  it('gives up on 4003 and 4006 (reconnecting cannot help)', () => {
    for (const code of [4003, 4006]) {
      FakeSocket.reset();
      const { connection } = setup();
      connection.start();
      FakeSocket.last.drop(code);
      vi.advanceTimersByTime(60_000);
      expect(FakeSocket.instances).toHaveLength(1);
      expect(connection.state).toBe('failed');
    }
  });
});
