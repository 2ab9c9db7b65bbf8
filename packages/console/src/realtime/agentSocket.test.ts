import type { ServerFrame } from '@kefu/shared';
import { BACKOFF_CAP_MS } from '@kefu/shared/realtime-client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeWebSocket } from '../test/fakeWebSocket';
import { AgentSocket, type AgentSocketOptions, agentSocketUrl, type ConnectionState } from './agentSocket';

const HEARTBEAT = 20_000;
const CONVERSATION = '01900000-0000-7000-8000-000000000c01';

function setup(overrides: Partial<AgentSocketOptions> = {}) {
  const sockets: FakeWebSocket[] = [];
  const states: ConnectionState[] = [];
  const frames: ServerFrame[] = [];
  const options = {
    url: 'ws://console.test/ws/agent?v=1',
    createSocket: (url: string) => {
      const socket = new FakeWebSocket(url);
      sockets.push(socket);
      return socket;
    },
    // The longest delay the jitter allows, so tests know when the next attempt comes.
    random: () => 0.999_999,
    resumePoints: vi.fn(() => [] as { conversationId: string; afterSeq: number }[]),
    onFrame: (frame: ServerFrame) => frames.push(frame),
    onState: (state: ConnectionState) => states.push(state),
    onReconnected: vi.fn(),
    onAck: vi.fn(),
    onSendFailed: vi.fn(),
    onResumeTruncated: vi.fn(),
    onUnauthenticated: vi.fn(),
    ...overrides,
  };
  const socket = new AgentSocket(options);
  socket.start();
  return { socket, sockets, states, frames, options, last: () => sockets.at(-1) as FakeWebSocket };
}

const message = (clientId: string, content = 'hello') => ({
  clientId,
  conversationId: CONVERSATION,
  content,
  attachmentIds: [],
  private: false,
});

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('agentSocketUrl', () => {
  it('connects to the same origin, wss on https', () => {
    expect(agentSocketUrl({ protocol: 'https:', host: 'kefu.example.com' })).toBe(
      'wss://kefu.example.com/ws/agent?v=1',
    );
    expect(agentSocketUrl({ protocol: 'http:', host: 'localhost:5173' })).toBe('ws://localhost:5173/ws/agent?v=1');
  });
});

describe('AgentSocket', () => {
  it('reports connecting, then connected once the server says ready', () => {
    const { socket, last, states } = setup();
    expect(socket.state).toBe('connecting');
    last().open();
    expect(socket.state).toBe('connecting');
    last().receive({ type: 'ready', protocol: 1, heartbeatMs: HEARTBEAT });
    expect(socket.state).toBe('connected');
    expect(states).toEqual(['connected']);
  });

  it('reconnects with growing backoff until a connection succeeds, then starts over', () => {
    const { sockets, last, socket, options } = setup();
    last().serverClose(1006);
    expect(socket.state).toBe('reconnecting');

    // Attempt 1 waits up to 0.5 s, attempt 2 up to 1 s, attempt 3 up to 2 s.
    for (const ceiling of [500, 1000, 2000]) {
      const before = sockets.length;
      vi.advanceTimersByTime(ceiling - 2);
      expect(sockets.length).toBe(before);
      vi.advanceTimersByTime(1);
      expect(sockets.length).toBe(before + 1);
      if (ceiling < 2000) last().serverClose(1006);
    }

    last().accept(HEARTBEAT);
    expect(socket.state).toBe('connected');
    expect(options.onReconnected).not.toHaveBeenCalled(); // it never was connected before

    last().serverClose(1006);
    const before = sockets.length;
    vi.advanceTimersByTime(499);
    expect(sockets.length).toBe(before + 1); // back to the 0.5 s ceiling
  });

  it('never waits more than 30 s between attempts', () => {
    const { sockets, last } = setup();
    for (let i = 0; i < 12; i++) {
      last().serverClose(1006);
      vi.advanceTimersByTime(BACKOFF_CAP_MS);
    }
    expect(sockets.length).toBe(13);
  });

  it('pings every heartbeat while connected', () => {
    const { last } = setup();
    last().accept(HEARTBEAT);
    vi.advanceTimersByTime(HEARTBEAT);
    expect(last().framesOf('ping')).toHaveLength(1);
    last().receive({ type: 'pong' });
    vi.advanceTimersByTime(HEARTBEAT);
    expect(last().framesOf('ping')).toHaveLength(2);
  });

  it('gives up on a socket silent for 1.5 heartbeats and reconnects', () => {
    const { last, sockets, socket } = setup();
    const first = last();
    first.accept(HEARTBEAT);
    vi.advanceTimersByTime(HEARTBEAT * 1.5 - 1);
    expect(first.closedWith).toBeNull();
    vi.advanceTimersByTime(1);
    expect(first.closedWith?.code).toBe(4000);
    expect(socket.state).toBe('reconnecting');
    vi.advanceTimersByTime(500);
    expect(sockets).toHaveLength(2);
  });

  it('keeps a socket that answers its pings', () => {
    const { last, sockets } = setup();
    last().accept(HEARTBEAT);
    for (let i = 0; i < 5; i++) {
      vi.advanceTimersByTime(HEARTBEAT);
      last().receive({ type: 'pong' });
    }
    expect(sockets).toHaveLength(1);
    expect(last().closedWith).toBeNull();
  });

  it('sends nothing between the socket opening and ready, which the server would drop', () => {
    const { socket, last } = setup({
      resumePoints: () => [{ conversationId: CONVERSATION, afterSeq: 3 }],
    });
    last().open();
    socket.sendMessage(message('client-0001'));
    expect(socket.sendTransient({ type: 'typing', conversationId: CONVERSATION, typing: true })).toBe(false);
    expect(socket.sendTransient({ type: 'read', conversationId: CONVERSATION, seq: 3 })).toBe(false);
    vi.advanceTimersByTime(HEARTBEAT); // not even a ping
    expect(last().sent).toEqual([]);

    // Then, in order: the resume, the queued message; and the heartbeat starts.
    last().receive({ type: 'ready', protocol: 1, heartbeatMs: HEARTBEAT });
    expect(last().frames()).toEqual([
      { type: 'resume', conversations: [{ conversationId: CONVERSATION, afterSeq: 3 }] },
      { type: 'message.send', ...message('client-0001') },
    ]);
    vi.advanceTimersByTime(HEARTBEAT);
    expect(last().framesOf('ping')).toHaveLength(1);
  });

  it('after a drop, holds new messages until the next ready and sends each once', () => {
    const { socket, last, sockets } = setup();
    last().accept(HEARTBEAT);
    last().serverClose(1006);
    socket.sendMessage(message('client-0001'));
    vi.advanceTimersByTime(500);
    expect(sockets).toHaveLength(2);
    last().open();
    socket.sendMessage(message('client-0002'));
    expect(last().sent).toEqual([]);
    last().receive({ type: 'ready', protocol: 1, heartbeatMs: HEARTBEAT });
    socket.sendMessage(message('client-0003'));
    expect(
      last()
        .framesOf('message.send')
        .map((f) => f.clientId),
    ).toEqual(['client-0001', 'client-0002', 'client-0003']);
  });

  it('queues messages until ready, and resends unacknowledged ones with the same clientId after a reconnect', () => {
    const { socket, last, options } = setup();
    socket.sendMessage(message('client-0001'));
    last().open();
    expect(last().framesOf('message.send')).toEqual([]); // not before `ready`
    last().receive({ type: 'ready', protocol: 1, heartbeatMs: HEARTBEAT });
    expect(
      last()
        .framesOf('message.send')
        .map((f) => f.clientId),
    ).toEqual(['client-0001']);

    socket.sendMessage(message('client-0002'));
    last().receive({
      type: 'ack',
      clientId: 'client-0001',
      conversationId: CONVERSATION,
      messageId: 'm1',
      seq: 7,
      duplicate: false,
    });
    expect(options.onAck).toHaveBeenCalledWith(expect.objectContaining({ clientId: 'client-0001', seq: 7 }));
    expect(socket.unacked).toEqual(['client-0002']);

    // The connection drops before client-0002 is acknowledged.
    last().serverClose(1006);
    socket.sendMessage(message('client-0003'));
    vi.advanceTimersByTime(500);
    last().accept(HEARTBEAT);
    expect(last().framesOf('message.send')).toEqual([
      { type: 'message.send', ...message('client-0002') },
      { type: 'message.send', ...message('client-0003') },
    ]);
    expect(options.onReconnected).toHaveBeenCalledTimes(1);
  });

  it('resumes the open conversations before resending anything', () => {
    const resumePoints = vi.fn(() => [{ conversationId: CONVERSATION, afterSeq: 41 }]);
    const { socket, last } = setup({ resumePoints });
    socket.sendMessage(message('client-0001'));
    last().accept(HEARTBEAT);
    expect(
      last()
        .frames()
        .map((f) => f.type),
    ).toEqual(['resume', 'message.send']);
    expect(last().framesOf('resume')[0]).toEqual({
      type: 'resume',
      conversations: [{ conversationId: CONVERSATION, afterSeq: 41 }],
    });

    resumePoints.mockReturnValue([{ conversationId: CONVERSATION, afterSeq: 45 }]);
    last().serverClose(1001);
    vi.advanceTimersByTime(500);
    last().accept(HEARTBEAT);
    expect(last().framesOf('resume')[0]?.conversations).toEqual([{ conversationId: CONVERSATION, afterSeq: 45 }]);
  });

  it('tells when a resume replay was cut short', () => {
    const { last, options } = setup({ resumePoints: () => [{ conversationId: CONVERSATION, afterSeq: 10 }] });
    last().accept(HEARTBEAT);
    last().receive({ type: 'resumed', conversationId: CONVERSATION, lastSeq: 1010 });
    expect(options.onResumeTruncated).toHaveBeenCalledWith(CONVERSATION);
  });

  it('drops a message the server refused and reports it', () => {
    const { socket, last, options, frames } = setup();
    last().accept(HEARTBEAT);
    socket.sendMessage(message('client-0001', ''));
    last().receive({ type: 'error', code: 'EMPTY_MESSAGE', message: 'The message is empty', ref: 'client-0001' });
    expect(options.onSendFailed).toHaveBeenCalledWith('client-0001', 'EMPTY_MESSAGE', 'The message is empty');
    expect(socket.unacked).toEqual([]);
    expect(frames).toEqual([]);
  });

  it('hands other frames over and swallows pongs and garbage', () => {
    const { last, frames } = setup();
    last().accept(HEARTBEAT);
    last().receive({ type: 'pong' });
    last().onmessage?.(new MessageEvent('message', { data: 'not json' }));
    last().receive({ type: 'read', conversationId: CONVERSATION, reader: 'contact', seq: 3 });
    expect(frames).toEqual([{ type: 'read', conversationId: CONVERSATION, reader: 'contact', seq: 3 }]);
  });

  it('sends typing only while connected', () => {
    const { socket, last } = setup();
    expect(socket.sendTransient({ type: 'typing', conversationId: CONVERSATION, typing: true })).toBe(false);
    last().accept(HEARTBEAT);
    expect(socket.sendTransient({ type: 'typing', conversationId: CONVERSATION, typing: true })).toBe(true);
    expect(last().framesOf('typing')).toHaveLength(1);
  });

  it('stops for good when the server refuses the protocol version', () => {
    const { socket, last, sockets } = setup();
    last().serverClose(4006);
    expect(socket.state).toBe('failed');
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(1);
  });

  it('keeps retrying after 4001 and says the session may be gone', () => {
    const { socket, last, sockets, options } = setup();
    last().serverClose(4001);
    expect(options.onUnauthenticated).toHaveBeenCalled();
    expect(socket.state).toBe('reconnecting');
    vi.advanceTimersByTime(500);
    expect(sockets).toHaveLength(2);
  });

  it('closes and stays closed after stop()', () => {
    const { socket, last, sockets } = setup();
    last().accept(HEARTBEAT);
    socket.stop();
    expect(last().closedWith?.code).toBe(1000);
    vi.advanceTimersByTime(120_000);
    expect(sockets).toHaveLength(1);
  });

  it('reconnects at once when nudged while waiting', () => {
    const { socket, last, sockets } = setup();
    last().serverClose(1006);
    last(); // still the closed one
    socket.nudge();
    expect(sockets).toHaveLength(2);
  });
});
