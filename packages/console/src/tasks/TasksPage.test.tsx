import type { RestrictedTicketView, TicketTaskDetailView } from '@kefu/shared';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, fakeApi } from '../test/fakeApi';
import { sessionFor } from '../test/fixtures';
import { renderApp } from '../test/renderApp';
import { complaintTypeView, DEPARTMENT, TICKET_ID, taskView } from '../tickets/ticketFixtures';

const task = taskView();
const restricted: RestrictedTicketView = {
  access: 'restricted',
  id: TICKET_ID,
  number: 'T-20260302-0001',
  title: '保温杯漏水',
  description: '新买的保温杯漏水',
  type: { id: complaintTypeView().id, name: '投诉' },
  state: { key: 'executing', name: '执行中', category: 'open' },
  priority: 'high',
  contact: { name: '王先生', phone: '13900001111', email: null },
  fields: { address: '上海市浦东新区世纪大道 100 号', product: '304 保温杯' },
  form: [
    { key: 'address', label: '地址', kind: 'text' },
    { key: 'product', label: '产品', kind: 'text' },
  ],
  hiddenFields: [],
  orderNumbers: ['20260301-8848'],
  resolution: { summary: '补发新杯', compensationAmount: 0 },
  tasks: [task],
  createdAt: '2026-03-02T02:00:00.000Z',
  updatedAt: '2026-03-02T03:00:00.000Z',
  version: 5,
};

function tasksApi(complete: (body: unknown) => { status?: number; body?: unknown }) {
  let detail: TicketTaskDetailView = { ...task, replies: [] };
  return fakeApi({
    'GET /api/auth/session': { body: sessionFor('department') },
    'GET /api/ticket-types': { body: { items: [complaintTypeView()] } },
    'GET /api/ticket-notifications': { body: { items: [], nextCursor: null, unreadCount: 0 } },
    'GET /api/tasks': (request) => ({
      body: { items: request.query.get('scope') === 'team' ? [task] : [], nextCursor: null },
    }),
    [`GET /api/tasks/${task.id}`]: () => ({ body: detail }),
    [`GET /api/tickets/${TICKET_ID}`]: { body: restricted },
    [`POST /api/tasks/${task.id}/replies`]: (request) => {
      const body = (request.body as { body: string }).body;
      detail = {
        ...detail,
        replies: [
          {
            id: '01900000-0000-7000-8000-000000007701',
            body,
            author: { id: DEPARTMENT.id, name: DEPARTMENT.name },
            files: [
              {
                id: '01900000-0000-7000-8000-000000007801',
                fileName: '面单.pdf',
                contentType: 'application/pdf',
                size: 2048,
                url: `/api/tickets/${TICKET_ID}/files/01900000-0000-7000-8000-000000007801`,
                isImage: false,
              },
            ],
            createdAt: '2026-03-02T04:00:00.000Z',
          },
        ],
      };
      return { status: 201, body: detail };
    },
    [`POST /api/tasks/${task.id}/complete`]: (request) => complete(request.body),
  });
}

describe('TasksPage (协办任务)', () => {
  it('a department user finds the team’s task, sees the shared ticket facts, replies and marks it done', async () => {
    const api = tasksApi((body) => ({
      body: { ...task, status: 'done', result: (body as { result: string }).result, version: 2, replies: [] },
    }));
    const view = renderApp('/tasks');
    expect(await screen.findByText('没有协办任务')).toBeTruthy();
    fireEvent.click(screen.getByRole('tab', { name: '部门待领' }));
    fireEvent.click(await screen.findByText('补发一个新杯子'));
    await waitFor(() => expect(view.router.state.location.pathname).toBe(`/tasks/${task.id}`));

    const facts = await screen.findByTestId('restricted-ticket');
    expect(within(facts).getByText('王先生 · 13900001111')).toBeTruthy();
    expect(within(facts).getByText('上海市浦东新区世纪大道 100 号')).toBeTruthy();
    expect(within(facts).getByTestId('approved-plan').textContent).toBe('补发新杯');

    const detail = screen.getByTestId('task-detail');
    fireEvent.change(within(detail).getByTestId('task-reply-input'), { target: { value: '今天下午发出' } });
    fireEvent.click(within(detail).getByTestId('task-reply-send'));
    expect(await within(detail).findByText('今天下午发出')).toBeTruthy();
    expect(api.find(`POST /api/tasks/${task.id}/replies`)[0]?.body).toEqual({
      body: '今天下午发出',
      attachmentIds: [],
    });
    // A reply's files are links the department user's session opens.
    const link = within(detail).getByRole('link', { name: /面单\.pdf/ });
    expect(link.getAttribute('href')).toBe(`/api/tickets/${TICKET_ID}/files/01900000-0000-7000-8000-000000007801`);
    // Department users reply and finish; they do not change the task.
    expect(within(detail).queryByTestId('edit-task')).toBeNull();

    fireEvent.click(within(detail).getByTestId('complete-task'));
    fireEvent.change(await screen.findByTestId('task-result-input'), { target: { value: '已补发，顺丰 SF123' } });
    fireEvent.click(screen.getByTestId('complete-task-ok'));
    await waitFor(() => expect(api.find(`POST /api/tasks/${task.id}/complete`)).toHaveLength(1));
    expect(api.find(`POST /api/tasks/${task.id}/complete`)[0]?.body).toEqual({
      version: 1,
      result: '已补发，顺丰 SF123',
    });
    expect(await screen.findByText('任务已完成')).toBeTruthy();
    expect(api.find('GET /api/tasks').map((request) => request.query.get('status'))).toContain('open');
  });

  it('a task changed meanwhile is read again instead of completed blindly', async () => {
    const api = tasksApi(() => apiError(409, 'CONFLICT', { currentVersion: 2 }));
    renderApp(`/tasks/${task.id}?scope=team`);
    fireEvent.click(await screen.findByTestId('complete-task'));
    fireEvent.change(await screen.findByTestId('task-result-input'), { target: { value: '已补发' } });
    fireEvent.click(screen.getByTestId('complete-task-ok'));
    expect(await screen.findByText('任务刚被修改（可能已改派或取消），已刷新')).toBeTruthy();
    await waitFor(() => expect(api.find(`GET /api/tasks/${task.id}`).length).toBeGreaterThan(1));
  });
});
