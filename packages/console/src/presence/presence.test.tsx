import type { AgentDirectoryEntry, AgentStatusView, TeamView, UserView } from '@kefu/shared';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiError, fakeApi } from '../test/fakeApi';
import { FakeWebSocket, installFakeWebSocket } from '../test/fakeWebSocket';
import { sessionFor, teamView, userView } from '../test/fixtures';
import { conversationView, testId } from '../test/inboxFixtures';
import { renderApp } from '../test/renderApp';

const AGENT_ID = sessionFor('agent').user.id;
const ZHANG = testId(401);

function statusOf(overrides: Partial<AgentStatusView> = {}): AgentStatusView {
  return {
    id: AGENT_ID,
    name: 'agent user',
    presence: 'online',
    presenceSince: '2025-01-01T08:00:00.000Z',
    activeChats: 3,
    chatLimit: 10,
    teamIds: [],
    ...overrides,
  };
}

const zhang: AgentDirectoryEntry = {
  id: ZHANG,
  name: '张敏',
  role: 'agent',
  status: 'online',
  teamIds: [],
  presence: 'online',
  activeChats: 2,
  chatLimit: 10,
};

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

describe('the presence switcher in the header', () => {
  it('shows my status and load, and changes the status through the API', async () => {
    const api = fakeApi({
      'GET /api/auth/session': { body: sessionFor('agent') },
      'GET /api/profile/presence': { body: statusOf() },
      'PUT /api/profile/presence': (request) => ({
        body: statusOf({ presence: (request.body as { status: 'away' }).status }),
      }),
    });
    renderApp('/');
    await connectedSocket();
    const switcher = await screen.findByTestId('presence-switcher');
    await waitFor(() => expect(switcher.dataset.presence).toBe('online'));
    expect(switcher.textContent).toContain('在线');
    expect(within(switcher).getByTestId('my-load').textContent).toBe('接待 3/10');

    fireEvent.click(switcher);
    fireEvent.click(await screen.findByTestId('presence-option-away'));
    await waitFor(() => expect(api.find('PUT /api/profile/presence')).toHaveLength(1));
    expect(api.find('PUT /api/profile/presence')[0]?.body).toEqual({ status: 'away' });
    await waitFor(() => expect(screen.getByTestId('presence-switcher').dataset.presence).toBe('away'));
    expect(screen.getByTestId('presence-switcher').textContent).toContain('小休');
  });

  it('follows a change made in another tab, and my load, from the `agent` frame', async () => {
    fakeApi({
      'GET /api/auth/session': { body: sessionFor('agent') },
      'GET /api/profile/presence': { body: statusOf() },
    });
    renderApp('/');
    const socket = await connectedSocket();
    await waitFor(() => expect(screen.getByTestId('presence-switcher').dataset.presence).toBe('online'));
    act(() => socket.receive({ type: 'agent', agent: statusOf({ presence: 'busy', activeChats: 4 }) }));
    await waitFor(() => expect(screen.getByTestId('presence-switcher').dataset.presence).toBe('busy'));
    expect(screen.getByTestId('my-load').textContent).toBe('接待 4/10');
    // A colleague's frame leaves mine alone.
    act(() => socket.receive({ type: 'agent', agent: statusOf({ id: ZHANG, presence: 'offline', activeChats: 0 }) }));
    expect(screen.getByTestId('presence-switcher').dataset.presence).toBe('busy');
  });

  it('says when the change failed and keeps the status', async () => {
    fakeApi({
      'GET /api/auth/session': { body: sessionFor('agent') },
      'GET /api/profile/presence': { body: statusOf() },
      'PUT /api/profile/presence': apiError(503, 'SERVICE_UNAVAILABLE'),
    });
    renderApp('/');
    await connectedSocket();
    const switcher = await screen.findByTestId('presence-switcher');
    fireEvent.click(switcher);
    fireEvent.click(await screen.findByTestId('presence-option-busy'));
    expect(await screen.findByText('服务暂时不可用，请稍后再试')).toBeTruthy();
    expect(screen.getByTestId('presence-switcher').dataset.presence).toBe('online');
  });

  it('is not shown to department users, who take no chats', async () => {
    const api = fakeApi({ 'GET /api/auth/session': { body: sessionFor('department') } });
    renderApp('/');
    await screen.findByTestId('user-menu');
    expect(screen.queryByTestId('presence-switcher')).toBeNull();
    expect(api.find('GET /api/profile/presence')).toEqual([]);
  });
});

describe('colleagues in the assign picker', () => {
  it('show their status and load, live', async () => {
    const conversation = conversationView({ id: testId(301), assigneeId: AGENT_ID });
    fakeApi({
      'GET /api/auth/session': { body: sessionFor('agent') },
      'GET /api/profile/presence': { body: statusOf() },
      'GET /api/conversations': {
        body: { items: [conversation], nextCursor: null, counts: { mine: 1, unassigned: 0, all: 1 } },
      },
      [`GET /api/conversations/${conversation.id}`]: { body: conversation },
      [`GET /api/conversations/${conversation.id}/messages`]: { body: { items: [], hasMore: false } },
      [`GET /api/contacts/${conversation.contact.id}/conversations`]: { body: { items: [conversation] } },
      'GET /api/agents': { body: { items: [zhang] } },
      'GET /api/teams': { body: { items: [] } },
    });
    renderApp(`/inbox/${conversation.id}`);
    const socket = await connectedSocket();
    const pane = await screen.findByTestId('conversation-pane');
    fireEvent.mouseDown(within(pane).getByRole('combobox', { name: '分配给…' }));
    await screen.findByText('张敏 · 在线 · 2/10');
    act(() =>
      socket.receive({ type: 'agent', agent: statusOf({ id: ZHANG, name: '张敏', presence: 'away', activeChats: 1 }) }),
    );
    await screen.findByText('张敏 · 小休 · 1/10');
  });
});

describe('chat limits', () => {
  const agentUser = userView({ id: ZHANG, name: '张敏', email: 'zhang@example.com', role: 'agent' });
  const department = userView({ id: testId(409), name: '孙库管', email: 'sun@example.com', role: 'department' });

  function limitsApi(teams: TeamView[] = []) {
    let directory = [zhang];
    return fakeApi({
      'GET /api/auth/session': { body: sessionFor('admin') },
      'GET /api/profile/presence': { body: statusOf({ id: sessionFor('admin').user.id }) },
      'GET /api/users': { body: { items: [agentUser, department] satisfies UserView[] } },
      'GET /api/teams': () => ({ body: { items: teams } }),
      'GET /api/agents': () => ({ body: { items: directory } }),
      [`PUT /api/users/${ZHANG}/chat-limit`]: (request) => {
        const { chatLimit } = request.body as { chatLimit: number };
        directory = [{ ...zhang, chatLimit }];
        return { body: statusOf({ id: ZHANG, name: '张敏', activeChats: 2, chatLimit }) };
      },
      'PATCH /api/teams/team-1': (request) => ({ body: { ...teams[0], ...(request.body as object) } }),
    });
  }

  it('an admin sees each agent’s load and changes their limit on the users page', async () => {
    const api = limitsApi();
    renderApp('/settings/users');
    const table = await screen.findByRole('table', { name: '用户列表' });
    const row = (await within(table).findByText('zhang@example.com')).closest('tr') as HTMLElement;
    await within(row).findByText('在线 · 2/10');
    const departmentRow = within(table).getByText('sun@example.com').closest('tr') as HTMLElement;
    expect(within(departmentRow).queryByTestId('presence-badge')).toBeNull();

    fireEvent.click(within(row).getByRole('button', { name: '编辑' }));
    const dialog = await screen.findByRole('dialog', { name: '编辑用户' });
    const limit = await within(dialog).findByLabelText('接待上限');
    await waitFor(() => expect((limit as HTMLInputElement).value).toBe('10'));
    fireEvent.change(limit, { target: { value: '6' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '保存' }));
    await waitFor(() => expect(api.find(`PUT /api/users/${ZHANG}/chat-limit`)).toHaveLength(1));
    expect(api.find(`PUT /api/users/${ZHANG}/chat-limit`)[0]?.body).toEqual({ chatLimit: 6 });
    // Nothing else changed, so the user itself is not patched.
    expect(api.find(`PATCH /api/users/${ZHANG}`)).toEqual([]);
    await within(row).findByText('在线 · 2/6');
  });

  it('an admin sets and clears a team’s limit', async () => {
    const team = teamView({ id: 'team-1', name: '售后', chatLimit: 20 });
    const api = limitsApi([team]);
    renderApp('/settings/teams');
    const table = await screen.findByRole('table', { name: '团队列表' });
    const row = (await within(table).findByText('售后')).closest('tr') as HTMLElement;
    expect(within(row).getByText('20')).toBeTruthy();
    fireEvent.click(within(row).getByRole('button', { name: '编辑' }));
    const dialog = await screen.findByRole('dialog', { name: '编辑团队' });
    fireEvent.change(within(dialog).getByLabelText('接待上限'), { target: { value: '' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '保存' }));
    await waitFor(() => expect(api.find('PATCH /api/teams/team-1')).toHaveLength(1));
    expect(api.find('PATCH /api/teams/team-1')[0]?.body).toMatchObject({ chatLimit: null });
  });
});
