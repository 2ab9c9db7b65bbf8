import type { ConversationView, SupervisionBoard } from '@kefu/shared';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi } from '../test/fakeApi';
import { FakeWebSocket, installFakeWebSocket } from '../test/fakeWebSocket';
import { sessionFor } from '../test/fixtures';
import { conversationView, testId } from '../test/inboxFixtures';
import { renderApp } from '../test/renderApp';

const SUPERVISOR_ID = sessionFor('supervisor').user.id;
const ZHANG = testId(401);
const CHEN = testId(402);
const AFTER_SALES = testId(501);

function board(overrides: Partial<SupervisionBoard> = {}): SupervisionBoard {
  const agent = (
    id: string,
    name: string,
    presence: 'online' | 'busy' | 'away' | 'offline',
    active: number,
    limit = 10,
  ) => ({
    id,
    name,
    role: 'agent',
    presence,
    presenceSince: new Date(Date.now() - 600_000).toISOString(),
    activeChats: active,
    chatLimit: limit,
    teamIds: [AFTER_SALES],
  });
  return {
    agents: [
      agent(CHEN, '陈静', 'online', 5, 5),
      agent(ZHANG, '张敏', 'online', 3),
      agent(testId(403), '李晓', 'away', 0),
    ],
    teams: [
      {
        id: AFTER_SALES,
        name: '售后',
        chatLimit: 40,
        activeChats: 8,
        onlineAgents: 2,
        queueLength: 2,
        longestWaitSince: new Date(Date.now() - 65_000).toISOString(),
      },
    ],
    generalQueue: { teamId: null, length: 0, longestWaitSince: null },
    poolLength: 1,
    serviceLevel: {
      since: '2025-01-01T00:00:00.000Z',
      thresholdSeconds: 30,
      answered: 8,
      withinThreshold: 6,
      rate: 0.75,
    },
    generatedAt: new Date().toISOString(),
    ...overrides,
  };
}

const live: ConversationView = conversationView({
  id: testId(301),
  assigneeId: ZHANG,
  contact: { id: testId(601), name: '赵六', email: null, phone: null, verified: false },
  waitingSince: new Date(Date.now() - 30_000).toISOString(),
});

function supervisionApi(role: 'supervisor' | 'agent' = 'supervisor') {
  let boardReads = 0;
  const api = fakeApi({
    'GET /api/auth/session': { body: sessionFor(role) },
    'GET /api/supervision/board': () => {
      boardReads++;
      return { body: board() };
    },
    'GET /api/conversations': { body: { items: [live], nextCursor: null, counts: { mine: 0, unassigned: 0, all: 1 } } },
    [`GET /api/conversations/${live.id}`]: { body: live },
    [`GET /api/conversations/${live.id}/messages`]: { body: { items: [], hasMore: false } },
    [`GET /api/conversations/${live.id}/participants`]: { body: { items: [] } },
    [`GET /api/contacts/${live.contact.id}/conversations`]: { body: { items: [live] } },
    [`POST /api/conversations/${live.id}/takeover`]: { body: { ...live, assigneeId: SUPERVISOR_ID } },
    [`POST /api/conversations/${live.id}/reassign`]: (request) => ({
      body: { ...live, assigneeId: (request.body as { agentId: string }).agentId },
    }),
    'GET /api/agents': {
      body: {
        items: board().agents.map(({ presenceSince: _, ...agent }) => ({ ...agent, role: 'agent', status: 'online' })),
      },
    },
    'GET /api/teams': { body: { items: [] } },
  });
  return { ...api, boardReads: () => boardReads };
}

async function openBoard() {
  renderApp('/supervision');
  await waitFor(() => expect(FakeWebSocket.instances.length).toBeGreaterThan(0));
  const socket = FakeWebSocket.last();
  act(() => socket.accept());
  await screen.findByRole('table', { name: '客服状态' });
  return socket;
}

const agentRow = (name: string) =>
  screen.getAllByTestId('board-agent').find((row) => row.dataset.agentName === name) as HTMLElement;

beforeEach(() => {
  installFakeWebSocket();
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe('the supervision board (主管监控)', () => {
  it('shows agents with status and saturation, queues per team and the service level', async () => {
    supervisionApi();
    await openBoard();
    expect(screen.getByTestId('online-agents').textContent).toContain('2/ 3');
    expect(screen.getByTestId('service-level').textContent).toContain('75');

    // Online agents first, the busiest first among them; a full agent's bar is red.
    const names = screen.getAllByTestId('board-agent').map((row) => row.dataset.agentName);
    expect(names).toEqual(['陈静', '张敏', '李晓']);
    const full = within(agentRow('陈静')).getByTestId('saturation');
    expect(full.textContent).toContain('5/5');
    expect(full.className).toContain('exception');
    expect(within(agentRow('张敏')).getByTestId('saturation').textContent).toContain('3/10');
    expect(agentRow('李晓').textContent).toContain('小休');

    const team = screen.getAllByTestId('board-team')[0]!;
    expect(team.dataset.teamName).toBe('售后');
    expect(within(team).getByTestId('team-queue').textContent).toBe('2');
    expect(within(team).getByTestId('longest-wait').textContent).toMatch(/^1:0\d$/);
    expect(within(team).getByTestId('saturation').textContent).toContain('8/40');
  });

  it('updates presence, load and queues from the socket at once', async () => {
    supervisionApi();
    const socket = await openBoard();
    act(() =>
      socket.receive({
        type: 'agent',
        agent: {
          id: ZHANG,
          name: '张敏',
          presence: 'busy',
          presenceSince: new Date().toISOString(),
          activeChats: 4,
          chatLimit: 10,
          teamIds: [AFTER_SALES],
        },
      }),
    );
    await waitFor(() => expect(agentRow('张敏').textContent).toContain('忙碌'));
    expect(within(agentRow('张敏')).getByTestId('saturation').textContent).toContain('4/10');

    act(() => socket.receive({ type: 'queues', queues: [] }));
    await waitFor(() =>
      expect(within(screen.getAllByTestId('board-team')[0]!).getByTestId('team-queue').textContent).toBe('0'),
    );
    expect(screen.getByTestId('queue-total').textContent).toContain('0');
  });

  it('reads the totals again a few seconds after a change', async () => {
    const api = supervisionApi();
    const socket = await openBoard();
    const before = api.boardReads();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    act(() => socket.receive({ type: 'queues', queues: [] }));
    act(() => socket.receive({ type: 'queues', queues: [] }));
    await act(async () => {
      await vi.advanceTimersByTimeAsync(5_000);
    });
    vi.useRealTimers();
    // Two frames, one read.
    await waitFor(() => expect(api.boardReads()).toBe(before + 1));
  });

  it('lists live conversations; a supervisor takes one over and lands in it', async () => {
    const api = supervisionApi();
    await openBoard();
    const row = (await screen.findAllByTestId('live-conversation')).find((r) => r.dataset.contactName === '赵六')!;
    expect(row.textContent).toContain('张敏');
    expect(within(row).getByTestId('watch').getAttribute('href')).toBe(`/inbox/${live.id}`);
    fireEvent.click(within(row).getByTestId('takeover'));
    fireEvent.click(await screen.findByTestId('takeover-confirm'));
    await waitFor(() => expect(api.find(`POST /api/conversations/${live.id}/takeover`)).toHaveLength(1));
    await screen.findByTestId('conversation-pane');
  });

  it('reassigns a live conversation even to a full agent', async () => {
    const api = supervisionApi();
    await openBoard();
    const row = (await screen.findAllByTestId('live-conversation'))[0]!;
    fireEvent.click(within(row).getByTestId('reassign'));
    const dialog = await screen.findByRole('dialog', { name: '改派会话' });
    fireEvent.mouseDown(within(dialog).getByLabelText('客服'));
    const full = (await screen.findAllByTestId('agent-option')).find((o) => o.dataset.agentName === '陈静')!;
    expect(full.closest('.ant-select-item-option')?.className).not.toContain('disabled');
    fireEvent.click(full);
    fireEvent.click(within(dialog).getByRole('button', { name: '改派' }));
    await waitFor(() => expect(api.find(`POST /api/conversations/${live.id}/reassign`)).toHaveLength(1));
    expect(api.find(`POST /api/conversations/${live.id}/reassign`)[0]?.body).toEqual({ agentId: CHEN });
  });

  it('is not open to agents', async () => {
    const api = supervisionApi('agent');
    renderApp('/supervision');
    await screen.findByText('没有访问权限');
    expect(api.find('GET /api/supervision/board')).toEqual([]);
    expect(screen.queryByTestId('nav-supervision')).toBeNull();
  });
});
