import type { AccountView } from '@kefu/shared';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../test/fakeApi';
import { ACCOUNT, sessionFor } from '../../test/fixtures';
import { renderApp } from '../../test/renderApp';

const account: AccountView = {
  id: ACCOUNT.id,
  name: ACCOUNT.name,
  locale: 'zh-CN',
  timezone: 'Asia/Shanghai',
  createdAt: '2025-01-01T00:00:00.000Z',
};

function workspaceApi(role: 'admin' | 'agent') {
  return fakeApi({
    'GET /api/auth/session': { body: sessionFor(role) },
    'GET /api/account': { body: account },
    'PATCH /api/account': (request) => ({ body: { ...account, ...(request.body as object) } }),
  });
}

describe('WorkspacePage', () => {
  it('saves only what the admin changed and renames the workspace in the header', async () => {
    const api = workspaceApi('admin');
    renderApp('/settings/workspace');
    const name = await screen.findByLabelText('工作区名称');
    fireEvent.change(name, { target: { value: 'Kefu 华东' } });
    fireEvent.click(screen.getByRole('button', { name: '保存' }));

    await waitFor(() => expect(api.find('PATCH /api/account')).toHaveLength(1));
    expect(api.find('PATCH /api/account')[0]?.body).toEqual({ name: 'Kefu 华东' });
    await waitFor(() => expect(screen.getByTestId('workspace-name').textContent).toBe('Kefu 华东'));
  });

  it('is read-only for an agent', async () => {
    workspaceApi('agent');
    renderApp('/settings/workspace');
    const name = (await screen.findByLabelText('工作区名称')) as HTMLInputElement;
    expect(name.value).toBe(ACCOUNT.name);
    expect(name.disabled).toBe(true);
    expect(screen.queryByRole('button', { name: '保存' })).toBeNull();
    expect(screen.getByText('只有管理员可以修改工作区设置。')).toBeTruthy();
  });
});
