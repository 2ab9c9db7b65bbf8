import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, fakeApi } from '../test/fakeApi';
import { sessionFor } from '../test/fixtures';
import { renderApp } from '../test/renderApp';

function profileApi() {
  return fakeApi({
    'GET /api/auth/session': { body: sessionFor('agent') },
    'PATCH /api/auth/profile': (request) => ({
      body: sessionFor('agent', request.body as { name?: string; locale?: 'zh-CN' | 'zh-TW' | 'en' }),
    }),
    'POST /api/auth/password': (request) =>
      (request.body as { currentPassword: string }).currentPassword === 'right-password'
        ? { body: { ok: true } }
        : apiError(400, 'VALIDATION_FAILED', [{ field: 'body.currentPassword', issue: 'is wrong' }]),
  });
}

function passwordForm() {
  return screen.getByRole('button', { name: '修改密码' }).closest('form') as HTMLFormElement;
}

async function changePassword(current: string) {
  const form = within(passwordForm());
  fireEvent.change(form.getByLabelText('当前密码'), { target: { value: current } });
  fireEvent.change(form.getByLabelText('新密码'), { target: { value: 'a-brand-new-password' } });
  fireEvent.change(form.getByLabelText('确认新密码'), { target: { value: 'a-brand-new-password' } });
  fireEvent.click(form.getByRole('button', { name: '修改密码' }));
}

describe('ProfilePage', () => {
  it('saves a new name and shows it in the header', async () => {
    const api = profileApi();
    renderApp('/profile');
    expect(((await screen.findByLabelText('邮箱')) as HTMLInputElement).value).toBe('agent@example.com');
    fireEvent.change(screen.getByLabelText('姓名'), { target: { value: 'Agent Zhang' } });
    fireEvent.click(screen.getByRole('button', { name: '保存' }));

    await waitFor(() => expect(screen.getByTestId('user-menu').textContent).toContain('Agent Zhang'));
    expect(api.find('PATCH /api/auth/profile')[0]?.body).toEqual({ name: 'Agent Zhang' });
  });

  it('says so next to the field when the current password is wrong', async () => {
    profileApi();
    renderApp('/profile');
    await screen.findByLabelText('当前密码');
    await changePassword('wrong-password');
    expect(await within(passwordForm()).findByText('当前密码不正确')).toBeTruthy();
  });

  it('refuses a repeated password that does not match, before asking the server', async () => {
    const api = profileApi();
    renderApp('/profile');
    const form = within(await waitFor(passwordForm));
    fireEvent.change(form.getByLabelText('当前密码'), { target: { value: 'right-password' } });
    fireEvent.change(form.getByLabelText('新密码'), { target: { value: 'a-brand-new-password' } });
    fireEvent.change(form.getByLabelText('确认新密码'), { target: { value: 'something-else-entirely' } });
    fireEvent.click(form.getByRole('button', { name: '修改密码' }));
    expect(await form.findByText('两次输入的密码不一致')).toBeTruthy();
    expect(api.find('POST /api/auth/password')).toEqual([]);
  });

  it('changes the password and clears the form', async () => {
    const api = profileApi();
    renderApp('/profile');
    await screen.findByLabelText('当前密码');
    await changePassword('right-password');
    await waitFor(() => expect(api.find('POST /api/auth/password')).toHaveLength(1));
    expect(api.find('POST /api/auth/password')[0]?.body).toEqual({
      currentPassword: 'right-password',
      newPassword: 'a-brand-new-password',
    });
    await waitFor(() => expect((within(passwordForm()).getByLabelText('当前密码') as HTMLInputElement).value).toBe(''));
  });
});
