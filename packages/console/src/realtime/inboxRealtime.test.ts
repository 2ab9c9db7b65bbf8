import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { conversationListKey, messagesKey } from '../api/conversations';
import type { ConversationListData, MessageCache } from '../inbox/conversationCache';
import { fakeApi } from '../test/fakeApi';
import { FakeWebSocket } from '../test/fakeWebSocket';
import { conversationView, messageView, testId } from '../test/inboxFixtures';
import { type InboxNotice, InboxRealtime } from './inboxRealtime';

const ME = testId(1);
const CONVERSATION = testId(2);

function setup() {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const notices: InboxNotice[] = [];
  const sockets: FakeWebSocket[] = [];
  const realtime = new InboxRealtime({
    queryClient,
    me: ME,
    notify: (notice) => notices.push(notice),
    socket: {
      url: 'ws://console.test/ws/agent?v=1',
      createSocket: (url) => {
        const socket = new FakeWebSocket(url);
        sockets.push(socket);
        return socket;
      },
    },
  });
  realtime.start();
  const socket = sockets[0] as FakeWebSocket;
  socket.accept();
  return { queryClient, realtime, notices, socket, sockets };
}

const history = (queryClient: QueryClient) => queryClient.getQueryData<MessageCache>(messagesKey(CONVERSATION));

afterEach(() => {
  vi.useRealTimers();
});

describe('InboxRealtime', () => {
  it('appends a message frame for an open conversation once, even when delivered twice', () => {
    const { queryClient, socket } = setup();
    queryClient.setQueryData<MessageCache>(messagesKey(CONVERSATION), {
      items: [messageView({ conversationId: CONVERSATION, seq: 1 })],
      hasMore: false,
    });
    const second = messageView({ conversationId: CONVERSATION, seq: 2, content: 'again?' });
    socket.receive({ type: 'message', conversationId: CONVERSATION, seq: 2, message: second });
    socket.receive({ type: 'message', conversationId: CONVERSATION, seq: 2, message: second });
    expect(history(queryClient)?.items.map((m) => m.seq)).toEqual([1, 2]);
  });

  it('keeps a message that arrives while the history is loading', async () => {
    const late = messageView({ conversationId: CONVERSATION, seq: 3 });
    fakeApi({
      [`GET /api/conversations/${CONVERSATION}/messages`]: {
        body: { items: [1, 2].map((seq) => messageView({ conversationId: CONVERSATION, seq })), hasMore: false },
      },
    });
    const { realtime } = setup();
    const loading = realtime.loadLatest(CONVERSATION);
    realtime.applyMessage(late);
    expect((await loading).items.map((m) => m.seq)).toEqual([1, 2, 3]);
  });

  it('fetches what it missed when the seq numbers jump', async () => {
    const api = fakeApi({
      [`GET /api/conversations/${CONVERSATION}/messages`]: {
        body: { items: [2, 3].map((seq) => messageView({ conversationId: CONVERSATION, seq })), hasMore: false },
      },
    });
    const { queryClient, realtime } = setup();
    queryClient.setQueryData<MessageCache>(messagesKey(CONVERSATION), {
      items: [messageView({ conversationId: CONVERSATION, seq: 1 })],
      hasMore: false,
    });
    realtime.applyMessage(messageView({ conversationId: CONVERSATION, seq: 4 }));
    await vi.waitFor(() => expect(history(queryClient)?.items.map((m) => m.seq)).toEqual([1, 2, 3, 4]));
    expect(api.find(`GET /api/conversations/${CONVERSATION}/messages`)[0]?.query.get('afterSeq')).toBe('1');
  });

  it('shows a sent message as pending until the server stores it, and as failed when refused', () => {
    const { realtime, socket } = setup();
    const clientId = realtime.sendMessage(CONVERSATION, { content: 'hi', private: true, attachments: [] });
    expect(socket.framesOf('message.send')).toEqual([
      { type: 'message.send', clientId, conversationId: CONVERSATION, content: 'hi', attachmentIds: [], private: true },
    ]);
    expect(realtime.pending.get(CONVERSATION)?.map((p) => p.status)).toEqual(['sending']);

    socket.receive({
      type: 'message',
      conversationId: CONVERSATION,
      seq: 5,
      message: messageView({ conversationId: CONVERSATION, seq: 5, kind: 'note', clientId }),
    });
    expect(realtime.pending.get(CONVERSATION)).toBeUndefined();

    const refused = realtime.sendMessage(CONVERSATION, { content: 'x'.repeat(10), private: false, attachments: [] });
    socket.receive({ type: 'error', code: 'RATE_LIMITED', message: 'slow down', ref: refused });
    expect(realtime.pending.get(CONVERSATION)?.[0]).toMatchObject({ status: 'failed', error: 'RATE_LIMITED' });

    realtime.retry(refused);
    expect(socket.framesOf('message.send').at(-1)?.clientId).toBe(refused);
    expect(realtime.pending.get(CONVERSATION)?.[0]?.status).toBe('sending');
  });

  it('moves a conversation with a new message to the top of every list it belongs to', () => {
    const { queryClient, socket, notices } = setup();
    const a = conversationView({ id: testId(10), updatedAt: '2025-01-01T10:00:00.000Z' });
    const b = conversationView({ id: testId(11), updatedAt: '2025-01-01T09:00:00.000Z', assigneeId: ME });
    const page = { items: [a, b], nextCursor: null, counts: { mine: 1, unassigned: 1, all: 2 } };
    queryClient.setQueryData<ConversationListData>(conversationListKey({ tab: 'all', status: 'open' }), {
      pages: [page],
      pageParams: [undefined],
    });
    queryClient.setQueryData<ConversationListData>(conversationListKey({ tab: 'unassigned', status: 'open' }), {
      pages: [{ ...page, items: [a] }],
      pageParams: [undefined],
    });

    socket.receive({
      type: 'conversation',
      conversation: { ...b, updatedAt: '2025-01-01T11:00:00.000Z', unreadCount: 1 },
    });
    const all = queryClient.getQueryData<ConversationListData>(conversationListKey({ tab: 'all', status: 'open' }));
    expect(all?.pages[0]?.items.map((c) => c.id)).toEqual([b.id, a.id]);
    const unassigned = queryClient.getQueryData<ConversationListData>(
      conversationListKey({ tab: 'unassigned', status: 'open' }),
    );
    expect(unassigned?.pages[0]?.items.map((c) => c.id)).toEqual([a.id]);
    expect(notices).toEqual([]); // known and old: not a new conversation

    const fresh = conversationView({
      id: testId(12),
      createdAt: new Date().toISOString(),
      updatedAt: new Date().toISOString(),
    });
    socket.receive({ type: 'conversation', conversation: fresh });
    expect(notices.map((n) => n.kind)).toEqual(['conversation']);
    const after = queryClient.getQueryData<ConversationListData>(
      conversationListKey({ tab: 'unassigned', status: 'open' }),
    );
    expect(after?.pages[0]?.items[0]?.id).toBe(fresh.id);
  });

  it('reloads the lists after reconnecting and resumes the histories it holds', () => {
    vi.useFakeTimers();
    const { queryClient, socket, sockets } = setup();
    queryClient.setQueryData<MessageCache>(messagesKey(CONVERSATION), {
      items: [messageView({ conversationId: CONVERSATION, seq: 9 })],
      hasMore: false,
    });
    const invalidate = vi.spyOn(queryClient, 'invalidateQueries');
    socket.serverClose(1006);
    vi.advanceTimersByTime(30_000);
    const next = sockets.at(-1) as FakeWebSocket;
    next.accept();
    expect(next.framesOf('resume')[0]?.conversations).toEqual([{ conversationId: CONVERSATION, afterSeq: 9 }]);
    expect(invalidate).toHaveBeenCalledWith({ queryKey: ['conversations', 'list'] });
  });
});
