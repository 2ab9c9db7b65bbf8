import type { AgentDirectoryEntry, ContactRoutingView, MessageView, Role, TeamView } from '@kefu/shared';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Participant, QueueItem } from '../../api/routing';
import { apiError, type FakeResponse, fakeApi, type RecordedRequest } from '../../test/fakeApi';
import { FakeWebSocket, installFakeWebSocket } from '../../test/fakeWebSocket';
import { sessionFor, teamView } from '../../test/fixtures';
import { conversationView, messageView, testId } from '../../test/inboxFixtures';
import { renderApp } from '../../test/renderApp';

const AGENT_ID = sessionFor('agent').user.id;
const ZHANG = testId(401);

const directory: AgentDirectoryEntry[] = [
  {
    id: AGENT_ID,
    name: 'agent user',
    role: 'agent',
    status: 'online',
    teamIds: [],
    presence: 'online',
    activeChats: 1,
    chatLimit: 10,
  },
  {
    id: ZHANG,
    name: '张敏',
    role: 'agent',
    status: 'online',
    teamIds: [testId(501)],
    presence: 'online',
    activeChats: 2,
    chatLimit: 10,
  },
  {
    id: testId(402),
    name: '陈静',
    role: 'agent',
    status: 'online',
    teamIds: [testId(501)],
    presence: 'online',
    activeChats: 5,
    chatLimit: 5,
  },
  {
    id: testId(403),
    name: '李晓',
    role: 'agent',
    status: 'online',
    teamIds: [],
    presence: 'away',
    activeChats: 0,
    chatLimit: 10,
  },
];
const teams: TeamView[] = [
  teamView({ id: testId(501), name: '售后', memberIds: [ZHANG, testId(402)] }),
  teamView({ id: testId(502), name: '仓库', kind: 'department' }),
];

type Handlers = Record<string, FakeResponse | ((request: RecordedRequest) => FakeResponse)>;

function workspaceApi(
  role: Role,
  conversation = conversationView({ id: testId(301), assigneeId: AGENT_ID }),
  extra: Handlers = {},
  messages: MessageView[] = [],
) {
  return fakeApi({
    'GET /api/auth/session': { body: sessionFor(role) },
    'GET /api/conversations': {
      body: { items: [conversation], nextCursor: null, counts: { mine: 1, unassigned: 0, all: 1 } },
    },
    [`GET /api/conversations/${conversation.id}`]: { body: conversation },
    [`GET /api/conversations/${conversation.id}/messages`]: { body: { items: messages, hasMore: false } },
    [`GET /api/conversations/${conversation.id}/participants`]: { body: { items: [] } },
    [`GET /api/contacts/${conversation.contact.id}/conversations`]: { body: { items: [conversation] } },
    [`GET /api/contacts/${conversation.contact.id}/routing`]: {
      body: { contactId: conversation.contact.id, ownerId: null, tags: [] } satisfies ContactRoutingView,
    },
    [`POST /api/conversations/${conversation.id}/read`]: { body: { ok: true } },
    'GET /api/agents': { body: { items: directory } },
    'GET /api/teams': { body: { items: teams } },
    'GET /api/routing/queue': { body: { items: [] } },
    ...extra,
  });
}

async function openConversation(id = testId(301)) {
  renderApp(`/inbox/${id}`);
  await waitFor(() => expect(FakeWebSocket.instances.length).toBeGreaterThan(0));
  act(() => FakeWebSocket.last().accept());
  return screen.findByTestId('conversation-pane');
}

/** Opens an Ant Design select by its label and returns its options' texts. */
async function openSelect(container: HTMLElement, label: string): Promise<HTMLElement[]> {
  fireEvent.mouseDown(within(container).getByLabelText(label));
  await screen.findAllByTestId('agent-option');
  return screen.getAllByTestId('agent-option');
}

const optionOf = (element: HTMLElement) => element.closest('.ant-select-item-option') as HTMLElement;

beforeEach(() => {
  installFakeWebSocket();
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('transfer (转接)', () => {
  it('offers colleagues with their status and load, only those who can take it, and sends the note along', async () => {
    const api = workspaceApi('agent', undefined, {
      [`POST /api/conversations/${testId(301)}/transfer`]: (request) => ({
        body: conversationView({ id: testId(301), assigneeId: (request.body as { agentId: string }).agentId }),
      }),
    });
    await openConversation();
    fireEvent.click(screen.getByTestId('transfer'));
    const dialog = await screen.findByRole('dialog', { name: '转接会话' });
    const options = await openSelect(dialog, '客服');

    const texts = options.map((option) => option.textContent);
    // The agent themself is not offered; the full one and the one on a break are shown but cannot be picked.
    expect(texts).toEqual(['张敏 · 在线 · 2/10', '陈静 · 在线 · 5/5(已满)', '李晓 · 小休 · 0/10(小休)']);
    expect(optionOf(options[1]!).className).toContain('disabled');
    expect(optionOf(options[2]!).className).toContain('disabled');
    expect(optionOf(options[0]!).className).not.toContain('disabled');

    fireEvent.click(options[0]!);
    fireEvent.change(within(dialog).getByTestId('transfer-note'), { target: { value: '客户要换货，订单 8848' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '转接' }));
    await waitFor(() => expect(api.find(`POST /api/conversations/${testId(301)}/transfer`)).toHaveLength(1));
    expect(api.find(`POST /api/conversations/${testId(301)}/transfer`)[0]?.body).toEqual({
      agentId: ZHANG,
      note: '客户要换货，订单 8848',
    });
    await waitFor(() => expect(screen.queryByRole('dialog', { name: '转接会话' })).toBeNull());
  });

  it('says on the picker when the colleague can no longer take it, and transfers to a skill team instead', async () => {
    let answer: FakeResponse = apiError(409, 'CONFLICT');
    const api = workspaceApi('agent', undefined, {
      [`POST /api/conversations/${testId(301)}/transfer`]: () => answer,
    });
    await openConversation();
    fireEvent.click(screen.getByTestId('transfer'));
    const dialog = await screen.findByRole('dialog', { name: '转接会话' });
    fireEvent.click((await openSelect(dialog, '客服'))[0]!);
    fireEvent.click(within(dialog).getByRole('button', { name: '转接' }));
    await within(dialog).findByText('该客服现在不能接待（不在线或已满），请选择其他客服或转给技能组');

    answer = { body: conversationView({ id: testId(301), assigneeId: null, teamId: testId(501) }) };
    fireEvent.click(within(dialog).getByText('转给技能组'));
    fireEvent.mouseDown(await within(dialog).findByLabelText('技能组'));
    // Department teams (协办) take no chats and are not offered.
    expect(screen.queryByText('仓库', { selector: '.ant-select-item-option-content' })).toBeNull();
    fireEvent.click(await screen.findByText('售后', { selector: '.ant-select-item-option-content' }));
    fireEvent.click(within(dialog).getByRole('button', { name: '转接' }));
    await waitFor(() => expect(api.find(`POST /api/conversations/${testId(301)}/transfer`)).toHaveLength(2));
    expect(api.find(`POST /api/conversations/${testId(301)}/transfer`)[1]?.body).toEqual({ teamId: testId(501) });
  });
});

describe('the routing timeline', () => {
  it('shows why the chat was assigned and the transfer note under its own heading', async () => {
    const conversation = conversationView({ id: testId(301), assigneeId: AGENT_ID });
    const messages = [
      messageView({
        conversationId: conversation.id,
        seq: 2,
        kind: 'activity',
        sender: { type: 'system', id: null, name: null },
        content: '按「指定客服」分配给 agent user',
        activity: {
          code: 'routing.assigned',
          params: { rule: 'previous_agent', agentId: AGENT_ID, agentName: 'agent user', teamName: null },
        },
      }),
      messageView({
        conversationId: conversation.id,
        seq: 3,
        kind: 'note',
        sender: { type: 'user', id: ZHANG, name: '张敏' },
        content: '客户要换货',
        activity: { code: 'routing.transfer_note', params: { toId: AGENT_ID, toName: 'agent user' } },
      }),
    ];
    workspaceApi('agent', conversation, {}, messages);
    await openConversation();
    await screen.findByText('按「上次接待客服优先」分配给 agent user', { exact: false });
    const note = screen.getAllByTestId('message').find((element) => element.dataset.kind === 'note')!;
    expect(note.textContent).toContain('转接备注 → agent user');
    expect(note.textContent).toContain('客户要换货');
  });
});

describe('participants (协同)', () => {
  it('invites a colleague and lists them; removing one asks the server', async () => {
    let participants: Participant[] = [];
    const api = workspaceApi('agent', undefined, {
      [`GET /api/conversations/${testId(301)}/participants`]: () => ({ body: { items: participants } }),
      [`POST /api/conversations/${testId(301)}/participants`]: (request) => {
        participants = [
          {
            userId: (request.body as { userId: string }).userId,
            name: '张敏',
            addedBy: AGENT_ID,
            addedAt: '2025-01-01T08:00:00.000Z',
          },
        ];
        return { body: { items: participants } };
      },
      [`DELETE /api/conversations/${testId(301)}/participants/${ZHANG}`]: () => {
        participants = [];
        return { body: { items: [] } };
      },
    });
    await openConversation();
    expect(screen.queryByTestId('participants')).toBeNull();
    fireEvent.click(screen.getByTestId('invite'));
    const dialog = await screen.findByRole('dialog', { name: '邀请同事协同' });
    fireEvent.click((await openSelect(dialog, '同事'))[0]!);
    fireEvent.click(within(dialog).getByRole('button', { name: '邀请协同' }));
    await waitFor(() => expect(api.find(`POST /api/conversations/${testId(301)}/participants`)).toHaveLength(1));
    expect(api.find(`POST /api/conversations/${testId(301)}/participants`)[0]?.body).toEqual({ userId: ZHANG });
    const line = await screen.findByTestId('participants');
    expect(within(line).getByTestId('participant').textContent).toBe('张敏');

    fireEvent.click(line.querySelector('.ant-tag-close-icon')!);
    await waitFor(() => expect(screen.queryByTestId('participants')).toBeNull());
    expect(api.find(`DELETE /api/conversations/${testId(301)}/participants/${ZHANG}`)).toHaveLength(1);
  });
});

describe('supervisors on someone else’s chat', () => {
  const watched = conversationView({ id: testId(301), assigneeId: ZHANG });

  it('whisper to the agent and take the chat over', async () => {
    const api = workspaceApi('supervisor', watched, {
      [`POST /api/conversations/${watched.id}/whisper`]: (request) => ({
        status: 201,
        body: messageView({
          conversationId: watched.id,
          seq: 5,
          kind: 'note',
          sender: { type: 'user', id: sessionFor('supervisor').user.id, name: '王主管' },
          content: (request.body as { content: string }).content,
          activity: { code: 'supervision.whisper', params: { toId: ZHANG, toName: '张敏' } },
        }),
      }),
      [`POST /api/conversations/${watched.id}/takeover`]: () => ({
        body: { ...watched, assigneeId: sessionFor('supervisor').user.id },
      }),
    });
    await openConversation();
    fireEvent.click(screen.getByTestId('whisper'));
    const dialog = await screen.findByRole('dialog', { name: '对客服说悄悄话' });
    fireEvent.change(within(dialog).getByTestId('whisper-content'), { target: { value: '先安抚，再给优惠券' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '发送' }));
    await waitFor(() => expect(api.find(`POST /api/conversations/${watched.id}/whisper`)).toHaveLength(1));
    expect(api.find(`POST /api/conversations/${watched.id}/whisper`)[0]?.body).toEqual({
      content: '先安抚，再给优惠券',
    });
    // The whisper shows at once in the timeline, headed as one.
    const note = await screen.findByText('主管悄悄话 → 张敏');
    expect(note.closest('[data-testid="message"]')?.textContent).toContain('先安抚，再给优惠券');

    fireEvent.click(screen.getByTestId('takeover'));
    fireEvent.click(await screen.findByTestId('takeover-confirm'));
    await waitFor(() => expect(api.find(`POST /api/conversations/${watched.id}/takeover`)).toHaveLength(1));
    // Now the supervisor's own chat: nothing left to whisper about.
    await waitFor(() => expect(screen.queryByTestId('whisper')).toBeNull());
    expect(screen.getByTestId('assignee').textContent).toBe('由我处理');
  });

  it('are not offered to agents', async () => {
    workspaceApi('agent', watched);
    await openConversation();
    expect(screen.getByTestId('transfer')).toBeTruthy();
    expect(screen.queryByTestId('whisper')).toBeNull();
    expect(screen.queryByTestId('takeover')).toBeNull();
    expect(screen.queryByTestId('reassign')).toBeNull();
  });
});

describe('the customer’s owner and tags', () => {
  it('are shown to agents and changed by supervisors', async () => {
    const conversation = conversationView({ id: testId(301), assigneeId: AGENT_ID });
    const routingPath = `/api/contacts/${conversation.contact.id}/routing`;
    const api = workspaceApi('supervisor', conversation, {
      [`PUT ${routingPath}`]: (request) => ({
        body: { contactId: conversation.contact.id, ...(request.body as object) },
      }),
    });
    await openConversation();
    const card = await screen.findByTestId('contact-routing');
    await within(card).findByText('无');
    fireEvent.click(within(card).getByTestId('edit-contact-routing'));
    const form = await within(card).findByTestId('contact-routing-form');
    fireEvent.click((await openSelect(form, '专属客服')).find((o) => o.dataset.agentName === '张敏')!);
    const tags = within(form).getByLabelText('客户标签');
    fireEvent.change(tags, { target: { value: 'VIP' } });
    fireEvent.keyDown(tags, { key: 'Enter', keyCode: 13 });
    fireEvent.click(within(form).getByTestId('save-contact-routing'));
    await waitFor(() => expect(api.find(`PUT ${routingPath}`)).toHaveLength(1));
    expect(api.find(`PUT ${routingPath}`)[0]?.body).toEqual({ ownerId: ZHANG, tags: ['VIP'] });
    await within(card).findByText('张敏');
    expect(within(card).getByText('VIP')).toBeTruthy();
  });
});

describe('the queue (排队)', () => {
  it('lists waiting customers in order with their wait, and an agent takes one', async () => {
    const waiting = conversationView({
      id: testId(302),
      contact: { id: testId(602), name: '赵六', email: null, phone: null, verified: false },
    });
    const queue: QueueItem[] = [
      {
        conversationId: waiting.id,
        teamId: testId(501),
        position: 1,
        priority: 1,
        enqueuedAt: new Date(Date.now() - 95_000).toISOString(),
        estimatedWaitSeconds: 60,
      },
    ];
    const api = workspaceApi('agent', undefined, {
      'GET /api/routing/queue': { body: { items: queue } },
      [`GET /api/conversations/${waiting.id}`]: { body: waiting },
      [`GET /api/conversations/${waiting.id}/messages`]: { body: { items: [], hasMore: false } },
      [`GET /api/conversations/${waiting.id}/participants`]: { body: { items: [] } },
      [`GET /api/contacts/${waiting.contact.id}/conversations`]: { body: { items: [waiting] } },
      [`PATCH /api/conversations/${waiting.id}`]: (request) => ({ body: { ...waiting, ...(request.body as object) } }),
    });
    await openConversation();
    const button = screen.getByTestId('open-queue');
    await waitFor(() => expect(button.closest('.ant-badge')?.textContent).toContain('1'));

    fireEvent.click(button);
    const item = await screen.findByTestId('queue-item');
    await within(item).findByText('赵六');
    expect(item.textContent).toContain('第 1 位');
    expect(item.textContent).toContain('售后');
    expect(item.textContent).toContain('优先');
    expect(item.textContent).toMatch(/已等 1:3\d/);
    expect(item.textContent).toContain('预计还需 1:00');

    // A `queues` frame says the queue grew: the badge follows without asking the server.
    act(() =>
      FakeWebSocket.last().receive({
        type: 'queues',
        queues: [{ teamId: testId(501), length: 3, longestWaitSince: queue[0]!.enqueuedAt }],
      }),
    );
    await waitFor(() => expect(button.closest('.ant-badge')?.textContent).toContain('3'));

    fireEvent.click(within(item).getByTestId('pick-from-queue'));
    await waitFor(() => expect(api.find(`PATCH /api/conversations/${waiting.id}`)).toHaveLength(1));
    expect(api.find(`PATCH /api/conversations/${waiting.id}`)[0]?.body).toEqual({ assigneeId: AGENT_ID });
    await waitFor(() => expect(screen.getByTestId('conversation-title').textContent).toBe('赵六'));
  });
});
