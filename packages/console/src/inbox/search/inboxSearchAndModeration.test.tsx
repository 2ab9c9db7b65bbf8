import type { ConversationSearchHit, ConversationView, LabelView, Role } from '@kefu/shared';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi } from '../../test/fakeApi';
import { FakeWebSocket, installFakeWebSocket } from '../../test/fakeWebSocket';
import { sessionFor } from '../../test/fixtures';
import { conversationView, messageView, testId } from '../../test/inboxFixtures';
import { renderApp } from '../../test/renderApp';

const label = (name: string, color: string): LabelView => ({
  id: testId(900 + name.length),
  name,
  color,
  description: '',
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
});
const LABELS = [label('VIP', 'gold'), label('售后', 'blue')];

const zhang = conversationView({
  id: testId(301),
  contact: { id: testId(401), name: '张三', email: null, phone: '138****5678', verified: false },
  labels: ['VIP'],
  lastSeq: 2,
});
const customerMessage = messageView({
  id: testId(501),
  conversationId: zhang.id,
  seq: 1,
  kind: 'incoming',
  content: '不给退款我就投诉',
});

function api(role: Role, options: { hits?: ConversationSearchHit[]; flagged?: boolean } = {}) {
  let conversation = zhang;
  return fakeApi({
    'GET /api/auth/session': { body: sessionFor(role) },
    'GET /api/conversations': {
      body: { items: [zhang], nextCursor: null, counts: { mine: 0, unassigned: 1, all: 1 } },
    },
    [`GET /api/conversations/${zhang.id}`]: () => ({ body: conversation }),
    [`GET /api/conversations/${zhang.id}/messages`]: { body: { items: [customerMessage], hasMore: false } },
    [`GET /api/contacts/${zhang.contact.id}/conversations`]: { body: { items: [zhang] } },
    [`POST /api/conversations/${zhang.id}/read`]: { body: { ok: true } },
    [`PATCH /api/conversations/${zhang.id}`]: (request) => {
      conversation = { ...conversation, ...(request.body as Partial<ConversationView>) };
      return { body: conversation };
    },
    'GET /api/labels': { body: { items: LABELS } },
    'GET /api/agents': { body: { items: [] } },
    'GET /api/conversations/search': { body: { items: options.hits ?? [], nextCursor: null } },
    'GET /api/moderation/flags': () => ({
      body: {
        items: options.flagged
          ? [
              {
                id: testId(601),
                conversationId: zhang.id,
                messageId: customerMessage.id,
                source: 'customer',
                matches: [
                  { word: '退款', category: '', action: 'warn', start: 3, end: 5 },
                  { word: '投诉', category: '', action: 'warn', start: 6, end: 8 },
                ],
                createdAt: '2025-01-01T00:00:00.000Z',
              },
            ]
          : [],
        nextCursor: null,
      },
    }),
  });
}

async function connectedSocket(): Promise<FakeWebSocket> {
  await waitFor(() => expect(FakeWebSocket.instances.length).toBeGreaterThan(0));
  const socket = FakeWebSocket.last();
  act(() => socket.accept());
  return socket;
}

beforeEach(() => {
  installFakeWebSocket();
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('conversation search in the inbox', () => {
  it('searches by text and filters, shows the snippet with the words marked, and opens the conversation', async () => {
    const hit: ConversationSearchHit = {
      conversation: zhang,
      match: {
        messageId: customerMessage.id,
        seq: 1,
        kind: 'incoming',
        sender: { type: 'contact', name: '张三' },
        createdAt: '2025-01-01T10:00:00.000Z',
        snippet: '我要退貨，退款多久到賬',
        highlights: [{ start: 2, end: 4 }],
      },
    };
    const requests = api('agent', { hits: [hit] });
    const { router } = renderApp('/inbox');
    await connectedSocket();
    fireEvent.click(await screen.findByTestId('open-search'));
    const drawer = await screen.findByTestId('conversation-search');
    fireEvent.change(within(drawer).getByLabelText('消息内容'), { target: { value: ' 退货 ' } });
    fireEvent.change(within(drawer).getByLabelText('手机号'), { target: { value: '13812345678' } });
    fireEvent.click(within(drawer).getByTestId('search-submit'));

    const result = await within(drawer).findByTestId('search-result');
    const [request] = requests.find('GET /api/conversations/search');
    expect(Object.fromEntries(request!.query)).toEqual({ q: '退货', phone: '13812345678', limit: '20' });
    expect(within(result).getByText('138****5678')).toBeTruthy();
    const marked = within(result).getByTestId('search-snippet').querySelector('mark');
    expect(marked?.textContent).toBe('退貨');
    expect(within(result).getByText('VIP')).toBeTruthy();

    fireEvent.click(result);
    await waitFor(() => expect(router.state.location.pathname).toBe(`/inbox/${zhang.id}`));
    expect(await screen.findByTestId('conversation-pane')).toBeTruthy();
  });

  it('says so when nothing matches', async () => {
    api('agent');
    renderApp('/inbox');
    await connectedSocket();
    fireEvent.click(await screen.findByTestId('open-search'));
    const drawer = await screen.findByTestId('conversation-search');
    fireEvent.change(within(drawer).getByLabelText('客户姓名'), { target: { value: '没有这个人' } });
    fireEvent.click(within(drawer).getByTestId('search-submit'));
    expect(await within(drawer).findByText('没有找到符合条件的会话')).toBeTruthy();
  });
});

describe('labels in the conversation header', () => {
  it('adds a label from the managed list and removes one', async () => {
    const requests = api('agent');
    renderApp(`/inbox/${zhang.id}`);
    await connectedSocket();
    const editor = await screen.findByTestId('label-editor');
    expect(within(editor).getByText('VIP')).toBeTruthy();

    fireEvent.click(within(editor).getByTestId('add-label'));
    const picker = await within(editor).findByRole('combobox', { name: '选择标签' });
    fireEvent.mouseDown(picker);
    const options = await screen.findAllByText('售后');
    fireEvent.click(options.at(-1)!);
    await waitFor(() => expect(requests.find(`PATCH /api/conversations/${zhang.id}`)).toHaveLength(1));
    expect(requests.find(`PATCH /api/conversations/${zhang.id}`)[0]?.body).toEqual({ labels: ['VIP', '售后'] });
    expect(await within(editor).findByText('售后')).toBeTruthy();

    fireEvent.click(within(editor).getByLabelText('移除标签 VIP'));
    await waitFor(() => expect(requests.find(`PATCH /api/conversations/${zhang.id}`)).toHaveLength(2));
    expect(requests.find(`PATCH /api/conversations/${zhang.id}`)[1]?.body).toEqual({ labels: ['售后'] });
  });
});

describe('sensitive words in the inbox', () => {
  const send = (socket: FakeWebSocket, content: string) => {
    const input = screen.getByTestId('composer-input');
    fireEvent.change(input, { target: { value: content } });
    fireEvent.click(screen.getByTestId('send'));
    return String(socket.framesOf('message.send').at(-1)?.clientId);
  };

  it('a warned reply names the words and can be sent anyway, with the same clientId', async () => {
    api('agent');
    renderApp(`/inbox/${zhang.id}`);
    const socket = await connectedSocket();
    await screen.findByTestId('conversation-pane');
    const clientId = send(socket, '已为您办理退款');
    act(() =>
      socket.receive({
        type: 'error',
        code: 'SENSITIVE_WORD_WARNING',
        message: 'sensitive',
        ref: clientId,
        details: { matches: [{ word: '退款', category: '', action: 'warn', start: 5, end: 7 }] },
      }),
    );
    const notice = await screen.findByTestId('sensitive-notice');
    expect(within(notice).getByText(/含有敏感词：退款/)).toBeTruthy();
    fireEvent.click(within(notice).getByTestId('send-anyway'));
    const frames = socket.framesOf('message.send');
    expect(frames.map((f) => f.clientId)).toEqual([clientId, clientId]);
    expect(frames[1]).toMatchObject({ content: '已为您办理退款', confirmSensitive: true });
    await waitFor(() => expect(screen.queryByTestId('sensitive-notice')).toBeNull());
  });

  it('a blocked reply cannot be sent anyway', async () => {
    api('agent');
    renderApp(`/inbox/${zhang.id}`);
    const socket = await connectedSocket();
    await screen.findByTestId('conversation-pane');
    const clientId = send(socket, '加我微信');
    act(() =>
      socket.receive({
        type: 'error',
        code: 'SENSITIVE_WORD_BLOCKED',
        message: 'blocked',
        ref: clientId,
        details: { matches: [{ word: '微信', category: '引流', action: 'block', start: 2, end: 4 }] },
      }),
    );
    const notice = await screen.findByTestId('sensitive-notice');
    expect(within(notice).getByText(/禁止发送的敏感词：微信/)).toBeTruthy();
    expect(within(notice).queryByTestId('send-anyway')).toBeNull();
  });

  it('supervisors see the flag on a customer message, live when the flag frame arrives', async () => {
    const state = { flagged: false };
    api('supervisor', state);
    renderApp(`/inbox/${zhang.id}`);
    const socket = await connectedSocket();
    await screen.findByTestId('conversation-pane');
    expect(screen.queryByTestId('message-flag')).toBeNull();

    state.flagged = true;
    act(() =>
      socket.receive({
        type: 'flag',
        flag: {
          id: testId(601),
          conversationId: zhang.id,
          messageId: customerMessage.id,
          source: 'customer',
          matches: [],
          createdAt: '2025-01-01T00:00:00.000Z',
        },
      }),
    );
    const flag = await screen.findByTestId('message-flag');
    expect(flag.textContent).toContain('退款、投诉');
  });

  it('an agent is not shown flags', async () => {
    const requests = api('agent', { flagged: true });
    renderApp(`/inbox/${zhang.id}`);
    await connectedSocket();
    await screen.findByTestId('conversation-pane');
    expect(screen.queryByTestId('message-flag')).toBeNull();
    expect(requests.find('GET /api/moderation/flags')).toEqual([]);
  });
});
