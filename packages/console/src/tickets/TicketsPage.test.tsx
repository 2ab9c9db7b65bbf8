import type { Role } from '@kefu/shared';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../test/fakeApi';
import { sessionFor } from '../test/fixtures';
import { renderApp } from '../test/renderApp';
import { AGENT, COMPLAINT_ID, complaintTypeView, inquiryTypeView, ticketSummary } from './ticketFixtures';

function listApi(role: Role = 'agent', extra: Parameters<typeof fakeApi>[0] = {}) {
  const first = ticketSummary({
    number: 'T-20260302-0001',
    title: '保温杯漏水',
    promisedReply: { at: '2026-03-02T06:00:00.000Z', keptAt: null, status: 'overdue' },
    openTaskCount: 2,
    sla: {
      policy: { id: '01900000-0000-7000-8000-000000007901', name: '投诉处理时限' },
      calendar: null,
      state: 'breached',
      dueAt: '2026-03-02T03:00:00.000Z',
      paused: false,
      clocks: [],
    },
  });
  const second = ticketSummary({
    id: '01900000-0000-7000-8000-000000007102',
    number: 'T-20260301-0009',
    title: '发票怎么开',
    state: { key: 'new', name: '新建', category: 'new' },
    priority: 'low',
    assignee: null,
  });
  return fakeApi({
    'GET /api/auth/session': { body: sessionFor(role) },
    'GET /api/ticket-types': { body: { items: [inquiryTypeView(), complaintTypeView()] } },
    'GET /api/ticket-views': { body: { items: [] } },
    'GET /api/agents': { body: { items: [] } },
    'GET /api/teams': { body: { items: [] } },
    'GET /api/tickets': (request) =>
      request.query.get('cursor')
        ? { body: { items: [second], nextCursor: null } }
        : { body: { items: [first], nextCursor: first.id } },
    ...extra,
  });
}

describe('TicketsPage', () => {
  it('lists tickets with their state, priority and broken promise, and loads the next page by cursor', async () => {
    const api = listApi();
    renderApp('/tickets');
    const table = await screen.findByRole('table', { name: '工单列表' });
    const row = (await within(table).findByText('保温杯漏水')).closest('tr') as HTMLElement;
    expect(within(row).getByText('T-20260302-0001')).toBeTruthy();
    expect(within(row).getByTestId('ticket-state').textContent).toBe('处理中');
    expect(within(row).getByTestId('ticket-priority').textContent).toBe('高');
    expect(within(row).getByTestId('promise-badge').getAttribute('data-status')).toBe('overdue');
    expect(within(row).getByText('2 个协办未完成')).toBeTruthy();
    expect(within(row).getByTestId('sla-badge').getAttribute('data-state')).toBe('breached');
    // The default view leaves closed tickets out.
    expect(api.find('GET /api/tickets')[0]?.query.get('active')).toBe('true');

    fireEvent.click(screen.getByRole('button', { name: '加载更多' }));
    expect(await within(table).findByText('发票怎么开')).toBeTruthy();
    const pages = api.find('GET /api/tickets');
    expect(pages.at(-1)?.query.get('cursor')).toBe(ticketSummary().id);
    expect(await screen.findByText('没有更多了')).toBeTruthy();
  });

  it('switches views and searches by number or title through the list filters', async () => {
    const api = listApi();
    renderApp('/tickets');
    await screen.findByRole('table', { name: '工单列表' });

    fireEvent.click(screen.getByRole('tab', { name: '我负责的' }));
    await waitFor(() => expect(api.find('GET /api/tickets').at(-1)?.query.get('view')).toBe('mine'));

    fireEvent.click(screen.getByRole('tab', { name: '待审批' }));
    await waitFor(() => expect(api.find('GET /api/tickets').at(-1)?.query.get('view')).toBe('awaitingApproval'));

    const search = screen.getByRole('searchbox', { name: '搜索工单号或标题' });
    fireEvent.change(search, { target: { value: 'T-20260302-0001' } });
    fireEvent.keyDown(search, { key: 'Enter', code: 'Enter', keyCode: 13 });
    await waitFor(() => {
      const last = api.find('GET /api/tickets').at(-1);
      expect(last?.query.get('q')).toBe('T-20260302-0001');
      // The view stays: the search narrows it.
      expect(last?.query.get('view')).toBe('awaitingApproval');
    });
  });

  it('closes selected tickets in bulk with the versions shown and lists the ones that could not close', async () => {
    const api = listApi('agent', {
      'POST /api/tickets/bulk-close': (request) => {
        const [complaint, inquiry] = (request.body as { tickets: { id: string }[] }).tickets;
        return {
          body: {
            results: [
              {
                id: complaint?.id,
                ok: false,
                version: null,
                error: { code: 'INVALID_TRANSITION', message: 'no manual way to close from here', details: {} },
              },
              { id: inquiry?.id, ok: true, version: 2, error: null },
            ],
            succeeded: 1,
            failed: 1,
          },
        };
      },
    });
    renderApp('/tickets');
    const table = await screen.findByRole('table', { name: '工单列表' });
    await within(table).findByText('保温杯漏水');
    fireEvent.click(screen.getByRole('button', { name: '加载更多' }));
    await within(table).findByText('发票怎么开');
    for (const title of ['保温杯漏水', '发票怎么开']) {
      const row = within(table).getByText(title).closest('tr') as HTMLElement;
      fireEvent.click(within(row).getByRole('checkbox'));
    }
    expect(await screen.findByText('已选 2 个工单')).toBeTruthy();
    fireEvent.click(screen.getByTestId('bulk-close'));
    fireEvent.click(await screen.findByRole('button', { name: '确定' }));

    const failures = await screen.findByTestId('bulk-failures');
    expect(api.find('POST /api/tickets/bulk-close')[0]?.body).toEqual({
      tickets: [
        { id: ticketSummary().id, version: 3 },
        { id: '01900000-0000-7000-8000-000000007102', version: 3 },
      ],
      comment: '',
    });
    expect(screen.getByText('成功 1 个，失败 1 个')).toBeTruthy();
    expect(within(failures).getByText(/T-20260302-0001/).textContent).toContain('工单当前状态不能执行此操作');
  });

  it('saves the current filters under a name and applies a saved view as the list’s query', async () => {
    const saved = {
      id: '01900000-0000-7000-8000-000000007801',
      name: '我的超时投诉',
      filters: { view: 'breached', typeId: COMPLAINT_ID, active: true },
      owner: { id: AGENT.id, name: AGENT.name },
      team: null,
      mine: true,
      createdAt: '2026-03-01T00:00:00.000Z',
      updatedAt: '2026-03-01T00:00:00.000Z',
    };
    const api = listApi('agent', {
      'GET /api/ticket-views': { body: { items: [saved] } },
      'POST /api/ticket-views': (request) => ({
        status: 201,
        body: { ...saved, id: '01900000-0000-7000-8000-000000007802', ...(request.body as object) },
      }),
    });
    renderApp('/tickets?view=unassigned&priority=urgent');
    await screen.findByRole('table', { name: '工单列表' });
    fireEvent.click(screen.getByTestId('save-view'));
    fireEvent.change(await screen.findByLabelText('名称'), { target: { value: '紧急待分配' } });
    fireEvent.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(api.find('POST /api/ticket-views')).toHaveLength(1));
    expect(api.find('POST /api/ticket-views')[0]?.body).toEqual({
      name: '紧急待分配',
      filters: { view: 'unassigned', priority: 'urgent' },
      teamId: null,
    });

    fireEvent.mouseDown(screen.getByRole('combobox', { name: '我的筛选' }));
    fireEvent.click(await screen.findByTitle('我的超时投诉'));
    await waitFor(() => {
      const query = api.find('GET /api/tickets').at(-1)?.query;
      expect(Object.fromEntries(query ?? [])).toEqual({
        view: 'breached',
        typeId: COMPLAINT_ID,
        active: 'true',
        limit: '30',
      });
    });
  });

  it('offers supervisors the export of the current view as XLSX', async () => {
    listApi('supervisor');
    renderApp('/tickets?view=breached&q=杯');
    fireEvent.click(await screen.findByTestId('export-tickets'));
    const link = await screen.findByTestId('export-xlsx');
    const url = new URL(link.getAttribute('href') ?? '', 'http://console.test');
    expect(url.pathname).toBe('/api/tickets/export');
    expect(Object.fromEntries(url.searchParams)).toEqual({ view: 'breached', q: '杯', format: 'xlsx' });
  });

  it('is not in a department user’s navigation, and the page refuses them', async () => {
    fakeApi({ 'GET /api/auth/session': { body: sessionFor('department') } });
    renderApp('/tickets');
    expect(await screen.findByText('没有访问权限')).toBeTruthy();
    expect(screen.queryByTestId('nav-tickets')).toBeNull();
    expect(screen.getByTestId('nav-tasks')).toBeTruthy();
  });
});
