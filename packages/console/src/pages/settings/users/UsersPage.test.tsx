import type { UserView } from '@kefu/shared';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, fakeApi } from '../../../test/fakeApi';
import { sessionFor, teamView, userView } from '../../../test/fixtures';
import { renderApp } from '../../../test/renderApp';

const billing = teamView({ id: 'team-1', name: 'Billing' });
const lin = userView({ id: 'user-lin', name: 'Lin', email: 'lin@example.com', teamIds: ['team-1'] });

function usersApi(role: 'admin' | 'supervisor', users: UserView[]) {
  return fakeApi({
    'GET /api/auth/session': { body: sessionFor(role) },
    'GET /api/users': { body: { items: users } },
    'GET /api/teams': { body: { items: [billing] } },
    'POST /api/users': (request) => {
      const body = request.body as { email: string; name: string; role: UserView['role'] };
      if (body.email === 'taken@example.com') {
        return apiError(409, 'EMAIL_TAKEN', [{ field: 'body.email', issue: 'is already in use' }]);
      }
      const created = userView({ id: 'user-new', email: body.email, name: body.name, role: body.role });
      users.push(created);
      return { status: 201, body: created };
    },
    'POST /api/users/invite': {
      status: 201,
      body: { user: userView({ status: 'invited' }), inviteUrl: '/invite/secret-token-abcdefghijklmnop' },
    },
  });
}

async function fillCreateUserForm(email: string) {
  fireEvent.click(await screen.findByTestId('create-user'));
  const dialog = await screen.findByRole('dialog', { name: '创建用户' });
  fireEvent.change(within(dialog).getByLabelText('邮箱'), { target: { value: email } });
  fireEvent.change(within(dialog).getByLabelText('姓名'), { target: { value: '<b>Wang</b>' } });
  fireEvent.change(within(dialog).getByLabelText('初始密码'), { target: { value: 'a-long-password' } });
  fireEvent.click(within(dialog).getByRole('button', { name: '创建' }));
  return dialog;
}

describe('UsersPage', () => {
  it('lists users with translated role, status and team names', async () => {
    usersApi('admin', [lin]);
    renderApp('/settings/users');
    const table = await screen.findByRole('table', { name: '用户列表' });
    const row = (await within(table).findByText('lin@example.com')).closest('tr');
    expect(row).toBeTruthy();
    const cells = within(row as HTMLElement);
    expect(cells.getByText('客服')).toBeTruthy();
    expect(cells.getByText('正常')).toBeTruthy();
    expect(await cells.findByText('Billing')).toBeTruthy();
    expect(cells.getByText('从未')).toBeTruthy();
  });

  it('creates a user with a CSRF-protected request and shows the new row as text', async () => {
    const api = usersApi('admin', [lin]);
    renderApp('/settings/users');
    await fillCreateUserForm('wang@example.com');

    await waitFor(() => expect(screen.queryByRole('dialog', { name: '创建用户' })).toBeNull());
    const [request] = api.find('POST /api/users');
    expect(request?.body).toEqual({
      email: 'wang@example.com',
      name: '<b>Wang</b>',
      role: 'agent',
      password: 'a-long-password',
    });
    expect(request?.headers.get('X-CSRF-Token')).toBe('csrf-admin');
    const table = screen.getByRole('table', { name: '用户列表' });
    expect(await within(table).findByText('<b>Wang</b>')).toBeTruthy();
    expect(table.querySelector('b')).toBeNull();
  });

  it('shows EMAIL_TAKEN next to the email field and keeps the dialog open', async () => {
    usersApi('admin', [lin]);
    renderApp('/settings/users');
    const dialog = await fillCreateUserForm('taken@example.com');
    expect(await within(dialog).findByText('该邮箱已被使用')).toBeTruthy();
    expect(screen.getByRole('dialog', { name: '创建用户' })).toBeTruthy();
  });

  it('shows the invite link once, as a full URL', async () => {
    usersApi('admin', [lin]);
    renderApp('/settings/users');
    fireEvent.click(await screen.findByTestId('invite-user'));
    const dialog = await screen.findByRole('dialog', { name: '邀请用户' });
    fireEvent.change(within(dialog).getByLabelText('邮箱'), { target: { value: 'new@example.com' } });
    fireEvent.change(within(dialog).getByLabelText('姓名'), { target: { value: 'New' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '生成邀请链接' }));

    const link = await screen.findByTestId('invite-url');
    expect(link.textContent).toContain(`${window.location.origin}/invite/secret-token-abcdefghijklmnop`);
  });

  it('lets a supervisor read the list but offers no changes', async () => {
    usersApi('supervisor', [lin]);
    renderApp('/settings/users');
    const table = await screen.findByRole('table', { name: '用户列表' });
    await within(table).findByText('lin@example.com');
    expect(screen.queryByTestId('create-user')).toBeNull();
    expect(screen.queryByTestId('invite-user')).toBeNull();
    expect(within(table).queryByText('编辑')).toBeNull();
  });

  it('sends the search text to the API', async () => {
    const api = usersApi('admin', [lin]);
    renderApp('/settings/users');
    const search = await screen.findByRole('searchbox', { name: '搜索姓名或邮箱' });
    fireEvent.change(search, { target: { value: ' lin ' } });
    fireEvent.keyDown(search, { key: 'Enter', code: 'Enter', keyCode: 13 });
    await waitFor(() => expect(api.find('GET /api/users').at(-1)?.query.get('q')).toBe('lin'));
  });
});
