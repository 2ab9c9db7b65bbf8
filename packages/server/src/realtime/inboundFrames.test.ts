import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { eventually } from '../test/testSocket.js';
import { type InboundFrame, InboundFrames } from './inboundFrames.js';

/** Just what InboundFrames listens to: a socket's `message` events. */
function fakeSocket() {
  const socket = new EventEmitter();
  const receive = (text: string | Buffer) => socket.emit('message', Buffer.from(text), Buffer.isBuffer(text));
  return { socket: socket as unknown as WebSocket, receive };
}

function inbound(limit = 3) {
  const { socket, receive } = fakeSocket();
  const events: string[] = [];
  const frames = new InboundFrames(
    socket,
    limit,
    () => events.push('overflow'),
    (error) => events.push(`error ${String(error)}`),
  );
  return { frames, receive, events };
}

describe('InboundFrames', () => {
  it('keeps frames that come before start, then handles them and every later one in order, one at a time', async () => {
    const { frames, receive, events } = inbound();
    receive('a');
    receive(Buffer.from('binary'));
    receive('b');
    expect(events).toEqual([]);
    let running = 0;
    const handled: InboundFrame[] = [];
    frames.start(async (frame) => {
      running++;
      expect(running).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 2));
      handled.push(frame);
      running--;
    });
    receive('c');
    await eventually(async () => handled.length === 4, 'all four handled');
    expect(handled).toEqual(['a', null, 'b', 'c']);
    expect(events).toEqual([]);
  });

  it('one frame over the limit before start is an overflow: nothing kept is handled, nothing later either', async () => {
    const { frames, receive, events } = inbound(3);
    for (const text of ['1', '2', '3']) receive(text);
    expect(events).toEqual([]);
    receive('4');
    expect(events).toEqual(['overflow']);
    receive('5');
    const handled: InboundFrame[] = [];
    frames.start(async (frame) => {
      handled.push(frame);
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(handled).toEqual([]);
    expect(events).toEqual(['overflow']);
  });

  it('after start there is no limit, and a failing frame is reported without stopping the next', async () => {
    const { frames, receive, events } = inbound(1);
    const handled: InboundFrame[] = [];
    frames.start(async (frame) => {
      if (frame === 'bad') throw new Error('boom');
      handled.push(frame);
    });
    for (const text of ['1', 'bad', '2', '3']) receive(text);
    await eventually(async () => handled.length === 3, 'the good three handled');
    expect(handled).toEqual(['1', '2', '3']);
    expect(events).toEqual(['error Error: boom']);
  });
});
