import { parseClientFrame } from '@kefu/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  agentMessage,
  CONVERSATION_ID,
  createFakeSocket,
  FakeSocket,
  fakeApi,
  mapStore,
  sessionResponse,
} from '../../test/fakes';
import type { WidgetApi } from '../api';
import { ApiError } from '../api';
import type { WidgetSessionBody } from '../protocol';
import { ChatController, type ChatOptions } from './controller';

function setup(options: { api?: Partial<WidgetApi>; store?: ReturnType<typeof mapStore> } = {}) {
  const store = options.store ?? mapStore();
  const unseen = { count: 0 };
  const settings: ChatOptions = {
    websiteToken: 'site-token-123',
    store,
    api: fakeApi(options.api),
    createSocket: createFakeSocket,
    socketUrl: (token) => `ws://kefu.test/ws/widget?v=1&token=${token}`,
    sessionBody: () => ({ locale: 'zh-CN' }),
    onUnseenAgentMessage: () => unseen.count++,
    random: () => 0,
  };
  const controller = new ChatController(settings);
  return { controller, store, unseen };
}

/** Every frame the widget sent must be one the server's parser accepts. */
function expectValidFrames(socket: FakeSocket) {
  for (const raw of socket.sent) expect(parseClientFrame(raw), raw).toMatchObject({ ok: true });
}

beforeEach(() => {
  vi.useFakeTimers();
  FakeSocket.reset();
});
afterEach(() => vi.useRealTimers());

const CLIENT_FRAME = 'message.send';

describe('ChatController outbox', () => {
  it('resends unacknowledged messages with the same clientId after a reconnect and drops them on ack', async () => {
    const { controller, store } = setup();
    await controller.start();
    const first = FakeSocket.last;
    expect(first.url).toBe('ws://kefu.test/ws/widget?v=1&token=visitor-token-1');
    first.accept();

    expect(controller.send('你好')).toBe(true);
    expect(controller.send('在吗？')).toBe(true);
    // No conversation yet: only the first message goes, so the two cannot open two conversations.
    const sentFirst = first.framesOfType(CLIENT_FRAME);
    expect(sentFirst).toHaveLength(1);
    expect(sentFirst[0]).toMatchObject({ content: '你好', conversationId: null, attachmentIds: [] });
    const clientId1 = sentFirst[0]?.clientId as string;
    expect(controller.getState().outbox.map((i) => i.content)).toEqual(['你好', '在吗？']);
    expect(JSON.parse(store.get('outbox') ?? '[]')).toHaveLength(2);

    // The connection drops before the ack.
    first.drop(1006);
    expect(controller.getState().connection).toBe('reconnecting');
    vi.advanceTimersByTime(1);
    const second = FakeSocket.last;
    expect(second).not.toBe(first);
    second.accept();
    const resent = second.framesOfType(CLIENT_FRAME);
    expect(resent).toHaveLength(1);
    expect(resent[0]).toMatchObject({ clientId: clientId1, content: '你好', conversationId: null });

    // The ack names the new conversation; the held message follows in it.
    second.receive({
      type: 'ack',
      clientId: clientId1,
      conversationId: CONVERSATION_ID,
      messageId: 'msg-1',
      seq: 1,
      duplicate: true,
    });
    expect(controller.getState().conversationId).toBe(CONVERSATION_ID);
    const afterAck = second.framesOfType(CLIENT_FRAME);
    expect(afterAck).toHaveLength(2);
    expect(afterAck[1]).toMatchObject({ content: '在吗？', conversationId: CONVERSATION_ID });
    const clientId2 = afterAck[1]?.clientId as string;
    expect(clientId2).not.toBe(clientId1);
    expect(controller.getState().outbox.map((i) => i.clientId)).toEqual([clientId2]);

    second.receive({
      type: 'ack',
      clientId: clientId2,
      conversationId: CONVERSATION_ID,
      messageId: 'msg-2',
      seq: 2,
      duplicate: false,
    });
    const state = controller.getState();
    expect(state.outbox).toEqual([]);
    expect(store.get('outbox')).toBeNull();
    expect(state.messages.map((m) => [m.seq, m.content, m.clientId])).toEqual([
      [1, '你好', clientId1],
      [2, '在吗？', clientId2],
    ]);

    // Later reconnects send nothing again.
    second.drop(1006);
    vi.advanceTimersByTime(1);
    FakeSocket.last.accept();
    expect(FakeSocket.last.framesOfType(CLIENT_FRAME)).toEqual([]);
    for (const socket of FakeSocket.instances) expectValidFrames(socket);
  });

  it('keeps the outbox across a reload and sends it once connected', async () => {
    const store = mapStore();
    const before = setup({ store });
    await before.controller.start();
    before.controller.send('离线时写的');
    const clientId = before.controller.getState().outbox[0]?.clientId;
    before.controller.destroy();

    FakeSocket.reset();
    const after = setup({ store });
    expect(after.controller.getState().outbox.map((i) => i.clientId)).toEqual([clientId]);
    await after.controller.start();
    FakeSocket.last.accept();
    expect(FakeSocket.last.framesOfType(CLIENT_FRAME)).toMatchObject([{ clientId, content: '离线时写的' }]);
  });

  it('treats the server copy of a message (same clientId) as its ack', async () => {
    const { controller } = setup({
      api: {
        session: async () =>
          sessionResponse({ conversation: { id: CONVERSATION_ID, status: 'open', lastSeq: 0, agentLastReadSeq: 0 } }),
      },
    });
    await controller.start();
    FakeSocket.last.accept();
    controller.send('hello');
    const clientId = FakeSocket.last.framesOfType(CLIENT_FRAME)[0]?.clientId as string;
    FakeSocket.last.receive({
      type: 'message',
      conversationId: CONVERSATION_ID,
      seq: 4,
      message: {
        ...agentMessage(4, 'hello'),
        kind: 'incoming',
        sender: { type: 'contact', id: 'c', name: null },
        clientId,
      },
    });
    expect(controller.getState().outbox).toEqual([]);
    expect(controller.getState().messages).toHaveLength(1);
  });

  it('marks a refused message failed (error.ref = clientId), does not resend it, and retries on request', async () => {
    const { controller } = setup();
    await controller.start();
    FakeSocket.last.accept();
    controller.send('spam');
    const clientId = FakeSocket.last.framesOfType(CLIENT_FRAME)[0]?.clientId as string;
    FakeSocket.last.receive({ type: 'error', code: 'RATE_LIMITED', message: 'slow down', ref: clientId });
    expect(controller.getState().outbox[0]?.error).toEqual({ code: 'RATE_LIMITED', message: 'slow down' });

    FakeSocket.last.drop();
    vi.advanceTimersByTime(1);
    FakeSocket.last.accept();
    expect(FakeSocket.last.framesOfType(CLIENT_FRAME)).toEqual([]);

    controller.retry(clientId);
    expect(FakeSocket.last.framesOfType(CLIENT_FRAME)).toMatchObject([{ clientId }]);
    expect(controller.getState().outbox[0]?.error).toBeNull();
    controller.discard(clientId);
    expect(controller.getState().outbox).toEqual([]);
  });
});

describe('ChatController history, resume and receipts', () => {
  const withConversation = (lastSeq: number, agentLastReadSeq = 0) =>
    sessionResponse({ conversation: { id: CONVERSATION_ID, status: 'open', lastSeq, agentLastReadSeq } });

  it('restores history, resumes after the last seq seen and dedupes the replay', async () => {
    const history = vi.fn(async () => ({ items: [agentMessage(2, 'b'), agentMessage(3, 'c')], hasMore: true }));
    const { controller, store } = setup({ api: { session: async () => withConversation(3), history } });
    store.set('token', 'old-token');
    await controller.start();
    expect(history).toHaveBeenCalledWith(CONVERSATION_ID, null, 30);
    expect(controller.getState().hasMore).toBe(true);
    const socket = FakeSocket.last;
    socket.accept();
    expect(socket.framesOfType('resume')).toEqual([
      { type: 'resume', conversations: [{ conversationId: CONVERSATION_ID, afterSeq: 3 }] },
    ]);
    socket.receive({ type: 'message', conversationId: CONVERSATION_ID, seq: 5, message: agentMessage(5, 'e') });
    socket.receive({ type: 'message', conversationId: CONVERSATION_ID, seq: 3, message: agentMessage(3, 'c') });
    socket.receive({ type: 'message', conversationId: CONVERSATION_ID, seq: 4, message: agentMessage(4, 'd') });
    socket.receive({ type: 'resumed', conversationId: CONVERSATION_ID, lastSeq: 5 });
    expect(controller.getState().messages.map((m) => m.seq)).toEqual([2, 3, 4, 5]);

    history.mockResolvedValueOnce({ items: [agentMessage(1, 'a')], hasMore: false });
    await controller.loadEarlier();
    expect(history).toHaveBeenLastCalledWith(CONVERSATION_ID, 2, 30);
    expect(controller.getState().messages.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(controller.getState().hasMore).toBe(false);

    socket.drop();
    vi.advanceTimersByTime(1);
    FakeSocket.last.accept();
    expect(FakeSocket.last.framesOfType('resume')[0]).toMatchObject({ conversations: [{ afterSeq: 5 }] });
    expectValidFrames(FakeSocket.last);
  });

  it('counts unseen agent messages for the bubble while hidden, and sends read when visible', async () => {
    const { controller, unseen, store } = setup({
      api: {
        session: async () => withConversation(2),
        history: async () => ({ items: [agentMessage(1, 'a'), agentMessage(2, 'b')], hasMore: false }),
      },
    });
    await controller.start();
    expect(unseen.count).toBe(2); // returning visitor, never read them
    const socket = FakeSocket.last;
    socket.accept();
    socket.receive({ type: 'message', conversationId: CONVERSATION_ID, seq: 3, message: agentMessage(3, 'c') });
    socket.receive({ type: 'message', conversationId: CONVERSATION_ID, seq: 3, message: agentMessage(3, 'c') });
    expect(unseen.count).toBe(3);
    expect(socket.framesOfType('read')).toEqual([]);

    controller.setVisible(true);
    expect(socket.framesOfType('read')).toEqual([{ type: 'read', conversationId: CONVERSATION_ID, seq: 3 }]);
    socket.receive({ type: 'message', conversationId: CONVERSATION_ID, seq: 4, message: agentMessage(4, 'd') });
    expect(socket.framesOfType('read').at(-1)).toEqual({ type: 'read', conversationId: CONVERSATION_ID, seq: 4 });
    expect(unseen.count).toBe(3);
    expect(JSON.parse(store.get('read') ?? '{}')).toEqual({ c: CONVERSATION_ID, s: 4 });
    expectValidFrames(socket);
  });

  it('shows read receipts from the agent and the agent typing indicator', async () => {
    const { controller } = setup({ api: { session: async () => withConversation(0, 0) } });
    await controller.start();
    const socket = FakeSocket.last;
    socket.accept();
    socket.receive({ type: 'read', conversationId: CONVERSATION_ID, reader: 'agent', seq: 7 });
    socket.receive({ type: 'read', conversationId: CONVERSATION_ID, reader: 'contact', seq: 9 });
    socket.receive({ type: 'read', conversationId: CONVERSATION_ID, reader: 'agent', seq: 5 });
    expect(controller.getState().agentLastReadSeq).toBe(7);

    socket.receive({
      type: 'typing',
      conversationId: CONVERSATION_ID,
      sender: { type: 'user', name: '小王' },
      typing: true,
    });
    expect(controller.getState().agentTyping).toEqual({ name: '小王' });
    socket.receive({ type: 'message', conversationId: CONVERSATION_ID, seq: 8, message: agentMessage(8, 'hi') });
    expect(controller.getState().agentTyping).toBeNull();
    socket.receive({
      type: 'typing',
      conversationId: CONVERSATION_ID,
      sender: { type: 'contact', name: null },
      typing: true,
    });
    expect(controller.getState().agentTyping).toBeNull();
  });

  it('sends typing once per burst and stops after 3 s idle', async () => {
    const { controller } = setup({ api: { session: async () => withConversation(0) } });
    await controller.start();
    const socket = FakeSocket.last;
    socket.accept();
    controller.inputChanged('h');
    vi.advanceTimersByTime(1000);
    controller.inputChanged('he');
    controller.inputChanged('hel');
    expect(socket.framesOfType('typing')).toEqual([{ type: 'typing', conversationId: CONVERSATION_ID, typing: true }]);
    vi.advanceTimersByTime(2999);
    expect(socket.framesOfType('typing')).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(socket.framesOfType('typing').at(-1)).toEqual({
      type: 'typing',
      conversationId: CONVERSATION_ID,
      typing: false,
    });
  });

  it('drops a token the server rejects (close 4001) and starts a new session', async () => {
    const session = vi.fn(async (_body: WidgetSessionBody) => sessionResponse());
    const { controller, store } = setup({ api: { session } });
    await controller.start();
    FakeSocket.last.accept();
    session.mockResolvedValueOnce(sessionResponse({ visitorToken: 'visitor-token-2' }));
    FakeSocket.last.drop(4001);
    expect(store.get('token')).toBeNull();
    await vi.advanceTimersByTimeAsync(1);
    expect(session).toHaveBeenCalledTimes(2);
    expect(session.mock.calls[1]?.[0]).not.toHaveProperty('visitorToken');
    expect(store.get('token')).toBe('visitor-token-2');
    expect(FakeSocket.last.url).toContain('token=visitor-token-2');
  });

  it('refuses files over 10 MiB before uploading', async () => {
    const upload = vi.fn();
    const { controller } = setup({ api: { upload } });
    await controller.start();
    const big = new File(['x'], 'big.pdf');
    Object.defineProperty(big, 'size', { value: 10 * 1024 * 1024 + 1 });
    await controller.sendFiles([big]);
    expect(upload).not.toHaveBeenCalled();
    expect(controller.getState().notice).toEqual({ key: 'fileTooLarge', params: { name: 'big.pdf', max: 10 } });
  });

  it('sends an uploaded file as a message with its attachment id', async () => {
    const { controller } = setup();
    await controller.start();
    FakeSocket.last.accept();
    await controller.sendFiles([new File(['%PDF'], 'a.pdf', { type: 'application/pdf' })]);
    expect(FakeSocket.last.framesOfType(CLIENT_FRAME)).toMatchObject([
      { content: '', attachmentIds: ['7d9f5c0e-0000-4000-8000-000000000001'] },
    ]);
    expectValidFrames(FakeSocket.last);
  });

  it('names the agent the snippet designates (指定客服) in every session it opens', async () => {
    const bodies: WidgetSessionBody[] = [];
    const { controller } = setup({
      api: {
        session: async (body) => {
          bodies.push(body);
          return sessionResponse();
        },
      },
    });
    controller.designateAgent('7d9f5c0e-0000-4000-8000-0000000000a1');
    await controller.start();
    await controller.chooseTeam('7d9f5c0e-0000-4000-8000-0000000000b2');
    expect(bodies).toMatchObject([
      { agentId: '7d9f5c0e-0000-4000-8000-0000000000a1' },
      { agentId: '7d9f5c0e-0000-4000-8000-0000000000a1', teamId: '7d9f5c0e-0000-4000-8000-0000000000b2' },
    ]);
  });

  it('stops with an error when the server refuses the website token', async () => {
    const { controller } = setup({
      api: {
        session: async () => {
          throw new ApiError(404, 'NOT_FOUND', 'no such inbox');
        },
      },
    });
    await controller.start();
    expect(controller.getState()).toMatchObject({ phase: 'error', errorCode: 'NOT_FOUND' });
    expect(FakeSocket.instances).toHaveLength(0);
  });
});
