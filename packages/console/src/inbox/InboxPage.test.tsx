import type { ConversationView, MessageView, Role } from '@kefu/shared';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi } from '../test/fakeApi';
import { FakeWebSocket, installFakeWebSocket } from '../test/fakeWebSocket';
import { sessionFor } from '../test/fixtures';
import { conversationView, messageView, testId } from '../test/inboxFixtures';
import { renderApp } from '../test/renderApp';

const AGENT_ID = sessionFor('agent').user.id;

const wang = conversationView({
  id: testId(101),
  contact: { id: testId(201), name: '王小明', email: 'w***@example.com', phone: '138****1234', verified: true },
  lastMessage: { kind: 'incoming', preview: '你好', createdAt: '2025-01-01T10:00:00.000Z' },
  updatedAt: '2025-01-01T10:00:00.000Z',
  lastSeq: 1,
});
const li = conversationView({
  id: testId(102),
  contact: { id: testId(202), name: '李雷', email: null, phone: null, verified: false },
  lastMessage: { kind: 'incoming', preview: '发货了吗', createdAt: '2025-01-01T09:00:00.000Z' },
  updatedAt: '2025-01-01T09:00:00.000Z',
  unreadCount: 2,
  assigneeId: AGENT_ID,
});

interface InboxApiOptions {
  role?: Role;
  conversations?: ConversationView[];
  messages?: Record<string, MessageView[]>;
}

function inboxApi({ role = 'agent', conversations = [wang, li], messages = {} }: InboxApiOptions = {}) {
  const handlers: Parameters<typeof fakeApi>[0] = {
    'GET /api/auth/session': { body: sessionFor(role) },
    'GET /api/conversations': {
      body: { items: conversations, nextCursor: null, counts: { mine: 1, unassigned: 4, all: 7 } },
    },
  };
  for (const conversation of conversations) {
    handlers[`GET /api/conversations/${conversation.id}`] = { body: conversation };
    handlers[`GET /api/conversations/${conversation.id}/messages`] = {
      body: { items: messages[conversation.id] ?? [], hasMore: false },
    };
    handlers[`GET /api/contacts/${conversation.contact.id}/conversations`] = { body: { items: [conversation] } };
    handlers[`POST /api/conversations/${conversation.id}/read`] = { body: { ok: true } };
    handlers[`PATCH /api/conversations/${conversation.id}`] = (request) => ({
      body: { ...conversation, ...(request.body as object) },
    });
    handlers[`POST /api/contacts/${conversation.contact.id}/reveal`] = (request) => ({
      body: { field: (request.body as { field: string }).field, value: '13812341234' },
    });
  }
  return fakeApi(handlers);
}

async function connectedSocket(): Promise<FakeWebSocket> {
  await waitFor(() => expect(FakeWebSocket.instances.length).toBeGreaterThan(0));
  const socket = FakeWebSocket.last();
  act(() => socket.accept());
  return socket;
}

function rowNames(): string[] {
  const list = screen.getByRole('list', { name: '会话列表' });
  return within(list)
    .getAllByTestId('conversation-name')
    .map((element) => element.textContent ?? '');
}

async function openConversation(conversation: ConversationView, messages: MessageView[], role: Role = 'agent') {
  const api = inboxApi({ role, messages: { [conversation.id]: messages } });
  const view = renderApp(`/inbox/${conversation.id}`);
  const socket = await connectedSocket();
  await screen.findByTestId('conversation-pane');
  return { api, socket, ...view };
}

beforeEach(() => {
  installFakeWebSocket();
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('InboxPage', () => {
  it('lists conversations with tab counts, and a conversation frame moves one to the top live', async () => {
    inboxApi();
    renderApp('/inbox');
    const list = await screen.findByRole('list', { name: '会话列表' });
    await within(list).findByText('王小明');
    expect(rowNames()).toEqual(['王小明', '李雷']);
    expect(screen.getByTestId('tab-count-mine').textContent).toBe('1');
    expect(screen.getByTestId('tab-count-unassigned').textContent).toBe('4');
    expect(screen.getByTestId('tab-count-all').textContent).toBe('7');
    expect(within(list).getByTestId('unread-badge').textContent).toContain('2');

    const socket = await connectedSocket();
    act(() =>
      socket.receive({
        type: 'conversation',
        conversation: {
          ...li,
          updatedAt: '2025-01-01T11:00:00.000Z',
          unreadCount: 3,
          lastMessage: { kind: 'incoming', preview: '在吗？', createdAt: '2025-01-01T11:00:00.000Z' },
        },
      }),
    );
    await waitFor(() => expect(rowNames()).toEqual(['李雷', '王小明']));
    expect(within(list).getByText('在吗？')).toBeTruthy();

    const newcomer = conversationView({
      id: testId(103),
      contact: { id: testId(203), name: '韩梅梅', email: null, phone: null, verified: false },
      createdAt: new Date().toISOString(),
      updatedAt: new Date().toISOString(),
    });
    act(() => socket.receive({ type: 'conversation', conversation: newcomer }));
    await waitFor(() => expect(rowNames()).toEqual(['韩梅梅', '李雷', '王小明']));
  });

  it('asks the server for the tab and status chosen', async () => {
    const api = inboxApi();
    renderApp('/inbox');
    await screen.findByText('王小明');
    expect(api.find('GET /api/conversations')[0]?.query.get('tab')).toBe('all');
    expect(api.find('GET /api/conversations')[0]?.query.get('status')).toBe('open');
    fireEvent.click(within(screen.getByTestId('conversation-tabs')).getByText('我的'));
    await waitFor(() => expect(api.find('GET /api/conversations').at(-1)?.query.get('tab')).toBe('mine'));
  });

  it('shows the connection state honestly', async () => {
    inboxApi();
    renderApp('/inbox');
    const state = await screen.findByTestId('connection-state');
    expect(state.textContent).toBe('连接中…');
    const socket = await connectedSocket();
    await waitFor(() => expect(screen.getByTestId('connection-state').textContent).toBe('实时连接正常'));
    act(() => socket.serverClose(1006));
    await waitFor(() => expect(screen.getByTestId('connection-state').textContent).toBe('正在重新连接…'));
  });

  it('puts the unread total in the tab title', async () => {
    inboxApi();
    renderApp('/inbox');
    await waitFor(() => expect(document.title).toBe('(2) 会话 - Kefu'));
  });

  it('switches conversations with J and K, and marks the selected row', async () => {
    inboxApi();
    const { router } = renderApp('/inbox');
    await screen.findByText('王小明');
    fireEvent.keyDown(window, { key: 'j' });
    await waitFor(() => expect(router.state.location.pathname).toBe(`/inbox/${wang.id}`));
    fireEvent.keyDown(window, { key: 'ArrowDown', altKey: true });
    await waitFor(() => expect(router.state.location.pathname).toBe(`/inbox/${li.id}`));
    fireEvent.keyDown(window, { key: 'k' });
    await waitFor(() => expect(router.state.location.pathname).toBe(`/inbox/${wang.id}`));
    const selected = screen.getByRole('list', { name: '会话列表' }).querySelector('[aria-current="page"]');
    expect(selected?.textContent).toContain('王小明');
  });

  it('appends a message frame for the open conversation once, even when it is delivered twice', async () => {
    const { socket } = await openConversation(wang, [
      messageView({ conversationId: wang.id, seq: 1, content: '你好' }),
    ]);
    const log = await screen.findByRole('log', { name: '消息记录' });
    await within(log).findByText('你好');

    const reply = messageView({ conversationId: wang.id, seq: 2, content: '我想退货' });
    act(() => {
      socket.receive({ type: 'message', conversationId: wang.id, seq: 2, message: reply });
      socket.receive({ type: 'message', conversationId: wang.id, seq: 2, message: reply });
    });
    await within(log).findByText('我想退货');
    expect(within(log).getAllByText('我想退货')).toHaveLength(1);
    expect(within(log).getAllByTestId('message')).toHaveLength(2);
  });

  it('renders a script or markup in a message as plain text', async () => {
    const payload = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script><b>bold</b>';
    await openConversation(wang, [messageView({ conversationId: wang.id, seq: 1, content: payload })]);
    const log = await screen.findByRole('log', { name: '消息记录' });
    const content = await within(log).findByTestId('message-content');
    expect(content.textContent).toBe(payload);
    expect(content.querySelector('img, script, b')).toBeNull();
    expect((window as { __xss?: number }).__xss).toBeUndefined();
  });

  it('labels the bot’s hand-off summary as such, apart from the agents’ own notes', async () => {
    const bot = { type: 'bot' as const, id: null, name: '智能客服小助手' };
    const summary =
      '【机器人转人工】原因：客户要求转人工\n1. 客户：退货要多久到账啊\n   机器人：已回答《退款多久到账？》';
    await openConversation(wang, [
      messageView({ conversationId: wang.id, seq: 1, content: '转人工' }),
      messageView({
        conversationId: wang.id,
        seq: 2,
        kind: 'note',
        sender: bot,
        content: summary,
        payload: { kind: 'bot_summary', reason: 'customer_request', trigger: '转人工', turns: [] },
      }),
      messageView({ conversationId: wang.id, seq: 3, kind: 'note', sender: { ...bot, type: 'user' }, content: '备注' }),
    ]);
    const log = await screen.findByRole('log', { name: '消息记录' });
    const notes = (await within(log).findAllByTestId('message')).filter((m) => m.dataset.kind === 'note');
    expect(notes.map((note) => note.textContent?.includes('机器人转人工摘要（客户看不到）'))).toEqual([true, false]);
    expect(within(notes[0]!).getByTestId('message-content').textContent).toBe(summary);
    expect(notes[1]!.textContent).toContain('内部备注');
  });

  it('sends with Enter, but Shift+Enter only starts a new line', async () => {
    const { socket } = await openConversation(wang, []);
    const input = screen.getByTestId('composer-input');
    fireEvent.change(input, { target: { value: '第一行' } });
    fireEvent.keyDown(input, { key: 'Enter', shiftKey: true });
    expect(socket.framesOf('message.send')).toEqual([]);

    fireEvent.keyDown(input, { key: 'Enter' });
    expect(socket.framesOf('message.send')).toEqual([
      expect.objectContaining({ conversationId: wang.id, content: '第一行', private: false, attachmentIds: [] }),
    ]);
    expect((input as HTMLTextAreaElement).value).toBe('');
    // Shown at once as pending, until the server stores it.
    expect(await screen.findByTestId('pending-message')).toBeTruthy();
    expect(screen.getByText('发送中…')).toBeTruthy();
  });

  it('sends a note as private: true and shows it as an internal note', async () => {
    const { socket } = await openConversation(wang, []);
    fireEvent.click(within(screen.getByTestId('composer-mode')).getByText('内部备注'));
    const input = screen.getByTestId('composer-input');
    fireEvent.change(input, { target: { value: '客户是 VIP' } });
    fireEvent.click(screen.getByTestId('send'));

    const [frame] = socket.framesOf('message.send');
    expect(frame).toMatchObject({ content: '客户是 VIP', private: true });
    expect(socket.framesOf('typing')).toEqual([]); // the customer is never told an agent types a note

    const pending = await screen.findByTestId('pending-message');
    expect(pending.getAttribute('data-kind')).toBe('note');
    expect(within(pending).getByText('内部备注')).toBeTruthy();
  });

  it('offers retry for a message the server refused, with the same clientId', async () => {
    const { socket } = await openConversation(wang, []);
    const input = screen.getByTestId('composer-input');
    fireEvent.change(input, { target: { value: '稍等' } });
    fireEvent.click(screen.getByTestId('send'));
    const [frame] = socket.framesOf('message.send');
    act(() => socket.receive({ type: 'error', code: 'RATE_LIMITED', message: 'slow', ref: String(frame?.clientId) }));
    expect(await screen.findByText(/发送失败/)).toBeTruthy();
    fireEvent.click(within(screen.getByTestId('pending-message')).getByRole('button', { name: '重试' }));
    expect(socket.framesOf('message.send').map((f) => f.clientId)).toEqual([frame?.clientId, frame?.clientId]);
  });

  it('shows read receipts on outgoing messages', async () => {
    const conversation = { ...wang, contactLastReadSeq: 2 };
    inboxApi({
      conversations: [conversation],
      messages: {
        [wang.id]: [
          messageView({
            conversationId: wang.id,
            seq: 2,
            kind: 'outgoing',
            sender: { type: 'user', id: AGENT_ID, name: 'Lin' },
          }),
          messageView({
            conversationId: wang.id,
            seq: 3,
            kind: 'outgoing',
            sender: { type: 'user', id: AGENT_ID, name: 'Lin' },
          }),
        ],
      },
    });
    renderApp(`/inbox/${wang.id}`);
    const socket = await connectedSocket();
    const log = await screen.findByRole('log', { name: '消息记录' });
    await waitFor(() =>
      expect(
        within(log)
          .getAllByTestId('read-receipt')
          .map((r) => r.textContent),
      ).toEqual(['已读', '未读']),
    );
    act(() => socket.receive({ type: 'read', conversationId: wang.id, reader: 'contact', seq: 3 }));
    await waitFor(() =>
      expect(
        within(log)
          .getAllByTestId('read-receipt')
          .map((r) => r.textContent),
      ).toEqual(['已读', '已读']),
    );
  });

  it('marks the open conversation read up to its newest message when the agent can see it', async () => {
    vi.spyOn(document, 'hasFocus').mockReturnValue(true);
    const api = inboxApi({
      messages: { [li.id]: [1, 2].map((seq) => messageView({ conversationId: li.id, seq })) },
    });
    renderApp(`/inbox/${li.id}`);
    await waitFor(() => expect(api.find(`POST /api/conversations/${li.id}/read`)).toHaveLength(1));
    expect(api.find(`POST /api/conversations/${li.id}/read`)[0]?.body).toEqual({ seq: 2 });
  });

  it('assigns the conversation to the signed-in agent', async () => {
    const { api } = await openConversation(wang, []);
    fireEvent.click(screen.getByTestId('assign-to-me'));
    await waitFor(() => expect(api.find(`PATCH /api/conversations/${wang.id}`)).toHaveLength(1));
    expect(api.find(`PATCH /api/conversations/${wang.id}`)[0]?.body).toEqual({ assigneeId: AGENT_ID });
    await waitFor(() => expect(screen.getByTestId('assignee').textContent).toBe('由我处理'));
  });

  it('shows the customer with masked details and the visit', async () => {
    await openConversation(wang, []);
    const sidebar = screen.getByTestId('customer-sidebar');
    expect(within(sidebar).getByText('已认证')).toBeTruthy();
    expect(within(sidebar).getByTestId('masked-phone').textContent).toBe('138****1234');
    expect(within(sidebar).getByText('Chrome 130')).toBeTruthy();
    expect(within(sidebar).getByText('上海')).toBeTruthy();
    // Agents may not reveal.
    expect(within(sidebar).queryByTestId('reveal-phone')).toBeNull();
  });

  it('lets a supervisor reveal a phone number after giving a reason', async () => {
    const { api } = await openConversation(wang, [], 'supervisor');
    fireEvent.click(screen.getByTestId('reveal-phone'));
    const dialog = await screen.findByRole('dialog', { name: '显示完整手机号' });
    fireEvent.click(within(dialog).getByRole('button', { name: '显示' }));
    expect(await within(dialog).findByText('请填写此项')).toBeTruthy();
    expect(api.find(`POST /api/contacts/${wang.contact.id}/reveal`)).toEqual([]);

    fireEvent.change(within(dialog).getByLabelText('原因'), { target: { value: '客户要求回电' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '显示' }));
    expect((await screen.findByTestId('revealed-phone')).textContent).toContain('13812341234');
    expect(api.find(`POST /api/contacts/${wang.contact.id}/reveal`)[0]?.body).toEqual({
      field: 'phone',
      reason: '客户要求回电',
    });
  });

  it('asks for notification permission only on a click, then notifies and chimes while the tab is hidden', async () => {
    const shown: Array<{ title: string; body: string | undefined }> = [];
    const requestPermission = vi.fn(async () => 'granted' as NotificationPermission);
    class FakeNotification {
      static permission: NotificationPermission = 'default';
      static requestPermission = requestPermission;
      onclick: (() => void) | null = null;
      constructor(title: string, options?: NotificationOptions) {
        shown.push({ title, body: options?.body });
      }
      close() {}
    }
    const tones: number[] = [];
    class FakeAudioContext {
      currentTime = 0;
      destination = {};
      resume = async () => undefined;
      createOscillator() {
        return {
          type: 'sine',
          frequency: {
            set value(hz: number) {
              tones.push(hz);
            },
          },
          connect: (node: unknown) => node,
          start() {},
          stop() {},
        };
      }
      createGain() {
        return { gain: { setValueAtTime() {}, exponentialRampToValueAtTime() {} }, connect: (node: unknown) => node };
      }
    }
    vi.stubGlobal('Notification', FakeNotification);
    vi.stubGlobal('AudioContext', FakeAudioContext);
    const visibility = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('visible');

    inboxApi();
    renderApp('/inbox');
    const socket = await connectedSocket();
    const button = await screen.findByTestId('enable-notifications');
    expect(requestPermission).not.toHaveBeenCalled();
    FakeNotification.permission = 'granted';
    fireEvent.click(button);
    expect(requestPermission).toHaveBeenCalledTimes(1);
    expect(await screen.findByTestId('notifications-on')).toBeTruthy();

    const incoming = (seq: number, content: string) =>
      socket.receive({
        type: 'message',
        conversationId: li.id,
        seq,
        message: messageView({
          conversationId: li.id,
          seq,
          content,
          sender: { type: 'contact', id: null, name: '李雷' },
        }),
      });
    act(() => incoming(3, '看得到吗'));
    expect(shown).toEqual([]); // the agent is looking at the tab

    visibility.mockReturnValue('hidden');
    act(() => incoming(4, '快递到哪了？'));
    expect(shown).toEqual([{ title: '李雷', body: '快递到哪了？' }]);
    expect(tones.length).toBeGreaterThan(0);
  });
});
