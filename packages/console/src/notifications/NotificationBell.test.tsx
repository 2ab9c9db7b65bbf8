import type { Role, TicketNotificationView } from '@kefu/shared';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../test/fakeApi';
import { sessionFor } from '../test/fixtures';
import { renderApp } from '../test/renderApp';
import { SUPERVISOR, TICKET_ID, taskView } from '../tickets/ticketFixtures';

const ticket = { id: TICKET_ID, number: 'T-20260302-0001', title: '保温杯漏水' };
const notification = (overrides: Partial<TicketNotificationView>): TicketNotificationView => ({
  id: '01900000-0000-7000-8000-000000008501',
  kind: 'approval.requested',
  ticket,
  taskId: null,
  actor: { id: SUPERVISOR.id, name: '李晓' },
  detail: {},
  createdAt: '2026-03-02T04:00:00.000Z',
  readAt: null,
  ...overrides,
});

function bellApi(role: Role, items: TicketNotificationView[]) {
  let unread = items.filter((item) => !item.readAt).length;
  return fakeApi({
    'GET /api/auth/session': { body: sessionFor(role) },
    'GET /api/ticket-notifications': () => ({ body: { items, nextCursor: null, unreadCount: unread } }),
    'POST /api/ticket-notifications/read': (request) => {
      unread -= (request.body as { ids?: string[] }).ids?.length ?? unread;
      return { body: { unreadCount: unread } };
    },
    'GET /api/tasks': { body: { items: [], nextCursor: null } },
  });
}

describe('the notification bell', () => {
  it('counts unread ticket notifications, words them, and opening one marks it read and goes to the ticket', async () => {
    const api = bellApi('supervisor', [
      notification({}),
      notification({
        id: '01900000-0000-7000-8000-000000008502',
        kind: 'sla.breached',
        actor: null,
        readAt: '2026-03-02T03:00:00.000Z',
      }),
    ]);
    const view = renderApp('/');
    const count = await screen.findByTestId('notification-count');
    await waitFor(() => expect(count.textContent).toBe('1'));
    fireEvent.click(screen.getByTestId('notification-bell'));
    const first = await screen.findByText('李晓 提交了工单「保温杯漏水」的处理方案，请审批');
    expect(screen.getByText('工单「保温杯漏水」的 SLA 已超时')).toBeTruthy();
    fireEvent.click(first);
    await waitFor(() => expect(view.router.state.location.pathname).toBe(`/tickets/${TICKET_ID}`));
    expect(api.find('POST /api/ticket-notifications/read')[0]?.body).toEqual({
      ids: ['01900000-0000-7000-8000-000000008501'],
    });
  });

  it('takes a department user to the task the notification is about, and marks all read', async () => {
    const task = taskView();
    const api = bellApi('department', [
      notification({ kind: 'task.assigned', taskId: task.id, detail: { title: task.title } }),
    ]);
    const view = renderApp('/');
    fireEvent.click(await screen.findByTestId('notification-bell'));
    const popover = (await screen.findByText('新的协办任务：补发一个新杯子（工单「保温杯漏水」）')).closest(
      '.ant-popover',
    ) as HTMLElement;
    fireEvent.click(within(popover).getByTestId('notifications-read-all'));
    await waitFor(() => expect(api.find('POST /api/ticket-notifications/read')[0]?.body).toEqual({ all: true }));
    fireEvent.click(within(popover).getByText('新的协办任务：补发一个新杯子（工单「保温杯漏水」）'));
    await waitFor(() => expect(view.router.state.location.pathname).toBe(`/tasks/${task.id}`));
  });
});
