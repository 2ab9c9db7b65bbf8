import type { AgentDirectoryEntry, Locale, MessageView, TeamView } from '@kefu/shared';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi } from '../test/fakeApi';
import { FakeWebSocket, installFakeWebSocket } from '../test/fakeWebSocket';
import { sessionFor } from '../test/fixtures';
import { conversationView, messageView, testId } from '../test/inboxFixtures';
import { renderApp } from '../test/renderApp';

const conversation = conversationView({ id: testId(301), assigneeId: null, teamId: null });
const colleagues: AgentDirectoryEntry[] = [
  {
    id: testId(401),
    name: '小李',
    role: 'agent',
    status: 'online',
    teamIds: [testId(501)],
    presence: 'online',
    activeChats: 2,
    chatLimit: 10,
  },
  {
    id: testId(402),
    name: '老周',
    role: 'supervisor',
    status: 'offline',
    teamIds: [],
    presence: 'offline',
    activeChats: 0,
    chatLimit: 10,
  },
];
const teams: TeamView[] = [
  {
    id: testId(501),
    name: '售后',
    kind: 'skill',
    description: '',
    memberIds: [testId(401)],
    createdAt: '2025-01-01T00:00:00.000Z',
  } as TeamView,
];

function api(messages: MessageView[], locale: Locale) {
  return fakeApi({
    'GET /api/auth/session': { body: sessionFor('agent', { locale }) },
    'GET /api/conversations': {
      body: { items: [conversation], nextCursor: null, counts: { mine: 0, unassigned: 1, all: 1 } },
    },
    [`GET /api/conversations/${conversation.id}`]: { body: conversation },
    [`GET /api/conversations/${conversation.id}/messages`]: { body: { items: messages, hasMore: false } },
    [`GET /api/contacts/${conversation.contact.id}/conversations`]: { body: { items: [conversation] } },
    [`POST /api/conversations/${conversation.id}/read`]: { body: { ok: true } },
    [`PATCH /api/conversations/${conversation.id}`]: (request) => ({
      body: { ...conversation, ...(request.body as object) },
    }),
    'GET /api/agents': { body: { items: colleagues } },
    'GET /api/teams': { body: { items: teams } },
  });
}

async function openConversation(messages: MessageView[] = [], locale: Locale = 'zh-CN') {
  const recorded = api(messages, locale);
  renderApp(`/inbox/${conversation.id}`);
  await waitFor(() => expect(FakeWebSocket.instances.length).toBeGreaterThan(0));
  act(() => FakeWebSocket.last().accept());
  await screen.findByTestId('conversation-pane');
  return recorded;
}

beforeEach(() => {
  installFakeWebSocket();
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('assigning to a colleague or a team', () => {
  it('loads the directory only when opened, and assigns to the colleague or team picked', async () => {
    const recorded = await openConversation();
    const pane = screen.getByTestId('conversation-pane');
    expect(recorded.find('GET /api/agents')).toEqual([]);

    fireEvent.mouseDown(within(pane).getByRole('combobox', { name: '分配给…' }));
    const online = await screen.findByText('小李 · 在线 · 2/10');
    expect(screen.getByText('老周 · 离线 · 0/10')).toBeTruthy();
    expect(recorded.find('GET /api/agents')).toHaveLength(1);
    fireEvent.click(online);
    await waitFor(() => expect(recorded.find(`PATCH /api/conversations/${conversation.id}`)).toHaveLength(1));
    expect(recorded.find(`PATCH /api/conversations/${conversation.id}`)[0]?.body).toEqual({
      assigneeId: testId(401),
    });

    fireEvent.mouseDown(within(pane).getByRole('combobox', { name: '分配给…' }));
    fireEvent.click(await screen.findByText('售后', { selector: '.ant-select-item-option-content' }));
    await waitFor(() => expect(recorded.find(`PATCH /api/conversations/${conversation.id}`)).toHaveLength(2));
    expect(recorded.find(`PATCH /api/conversations/${conversation.id}`)[1]?.body).toEqual({ teamId: testId(501) });
  });
});

describe('activity lines', () => {
  const assigned = messageView({
    conversationId: conversation.id,
    seq: 2,
    kind: 'activity',
    sender: { type: 'system', id: null, name: null },
    content: '主管 将会话分配给 小李',
    activity: { code: 'assigned', params: { by: 'Boss', assigneeName: 'Li', assigneeId: testId(401) } },
  });
  const unknown = messageView({
    conversationId: conversation.id,
    seq: 3,
    kind: 'activity',
    sender: { type: 'system', id: null, name: null },
    content: '系统 做了一件新事',
    activity: { code: 'something.new', params: {} },
  });

  it.each([
    ['zh-CN', 'Boss 将会话分配给 Li'],
    ['zh-TW', 'Boss 將對話指派給 Li'],
    ['en', 'Boss assigned the conversation to Li'],
  ] as const)('are shown in %s by their code, and an unknown code shows the stored text', async (locale, expected) => {
    await openConversation([assigned, unknown], locale);
    await screen.findByText(expected, { exact: false });
    const lines = await screen.findAllByTestId('message');
    const texts = lines.filter((line) => line.dataset.kind === 'activity').map((line) => line.textContent ?? '');
    expect(texts[0]).toContain(expected);
    expect(texts[1]).toContain('系统 做了一件新事');
  });
});
