import type { TicketTypeView } from '@kefu/shared';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, fakeApi } from '../../../test/fakeApi';
import { sessionFor } from '../../../test/fixtures';
import { renderApp } from '../../../test/renderApp';
import { complaintTypeView, inquiryTypeView } from '../../../tickets/ticketFixtures';

function typesApi(types: TicketTypeView[], writes: Parameters<typeof fakeApi>[0] = {}) {
  return fakeApi({
    'GET /api/auth/session': { body: sessionFor('admin') },
    'GET /api/ticket-types': () => ({ body: { items: types } }),
    'GET /api/ticket-categories': { body: { items: [] } },
    'GET /api/ticket-notifications': { body: { items: [], nextCursor: null, unreadCount: 0 } },
    ...writes,
  });
}

describe('TicketTypesPage', () => {
  it('creates a type from the complaint template under a free name', async () => {
    const api = typesApi([complaintTypeView()], {
      'POST /api/ticket-types': (request) => ({
        status: 201,
        body: { ...complaintTypeView(), ...(request.body as object) },
      }),
    });
    renderApp('/settings/ticket-types');
    await screen.findByRole('table', { name: '工单类型列表' });
    fireEvent.click(screen.getByTestId('create-ticket-type'));
    fireEvent.click(await screen.findByText('从模板：投诉'));
    const editor = await screen.findByTestId('ticket-type-editor');
    // 投诉 exists already, so the copy is named 投诉 2.
    expect((within(editor).getByTestId('type-name') as HTMLInputElement).value).toBe('投诉 2');
    fireEvent.click(within(editor).getByTestId('save-ticket-type'));
    await waitFor(() => expect(api.find('POST /api/ticket-types')).toHaveLength(1));
    const body = api.find('POST /api/ticket-types')[0]?.body as TicketTypeView;
    expect(body.name).toBe('投诉 2');
    expect(body.workflow.closedLoop).toBe(true);
    expect(body.fields.map((field) => field.key)).toEqual([
      'company',
      'address',
      'phone',
      'reason',
      'product',
      'batch',
      'incident_at',
    ]);
  });

  it('checks the workflow live: a state nothing leads to blocks saving until fixed', async () => {
    const inquiry = inquiryTypeView();
    const api = typesApi([inquiry], {
      [`PATCH /api/ticket-types/${inquiry.id}`]: () => apiError(409, 'CONFLICT', { currentVersion: 2 }),
    });
    renderApp('/settings/ticket-types');
    const table = await screen.findByRole('table', { name: '工单类型列表' });
    fireEvent.click(await within(table).findByRole('button', { name: '编辑' }));
    const editor = await screen.findByTestId('ticket-type-editor');
    fireEvent.click(within(editor).getByRole('tab', { name: '流程' }));
    const workflow = await within(editor).findByTestId('workflow-editor');
    fireEvent.click(within(workflow).getByRole('button', { name: /添加状态/ }));

    const problems = await within(editor).findByTestId('type-problems');
    expect(problems.textContent).toContain('流程 › 状态 › 新状态');
    expect(problems.textContent).toContain('cannot be reached from the initial state');
    expect((within(editor).getByTestId('save-ticket-type') as HTMLButtonElement).disabled).toBe(true);

    const states = within(workflow).getByRole('table', { name: '状态' });
    const rows = within(states).getAllByRole('row');
    fireEvent.click(within(rows.at(-1) as HTMLElement).getByRole('button', { name: /删除/ }));
    await waitFor(() => expect(within(editor).queryByTestId('type-problems')).toBeNull());

    // Another admin saved meanwhile: the editor says so instead of overwriting.
    fireEvent.click(within(editor).getByTestId('save-ticket-type'));
    expect(await within(editor).findByText('该类型刚被其他管理员修改，请关闭后重新打开再编辑')).toBeTruthy();
    expect(api.find(`PATCH /api/ticket-types/${inquiry.id}`)[0]?.body).toMatchObject({ version: 1, name: '咨询' });
  });

  it('is only for admins', async () => {
    fakeApi({ 'GET /api/auth/session': { body: sessionFor('supervisor') } });
    renderApp('/settings/ticket-types');
    expect(await screen.findByText('没有访问权限')).toBeTruthy();
  });
});
