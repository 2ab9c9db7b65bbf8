import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { i18n } from '../i18n/i18n';
import { apiError, type FakeResponse, fakeApi } from '../test/fakeApi';
import { sessionFor } from '../test/fixtures';
import { renderApp } from '../test/renderApp';

function signedOutApi(loginAnswer: FakeResponse) {
  return fakeApi({
    'GET /api/auth/session': apiError(401, 'UNAUTHENTICATED'),
    'POST /api/auth/login': loginAnswer,
    'GET /api/teams': { body: { items: [] } },
    'GET /api/users': { body: { items: [] } },
  });
}

async function submitLogin(email: string, password: string) {
  fireEvent.change(await screen.findByLabelText(i18n.t('login.email')), { target: { value: email } });
  fireEvent.change(screen.getByLabelText(i18n.t('login.password')), { target: { value: password } });
  fireEvent.click(screen.getByTestId('login-submit'));
}

describe('LoginPage', () => {
  it('shows the translated message for INVALID_CREDENTIALS', async () => {
    const api = signedOutApi(apiError(401, 'INVALID_CREDENTIALS'));
    renderApp('/login');
    await submitLogin('admin@example.com', 'wrong password');

    expect(await screen.findByText('邮箱或密码错误')).toBeTruthy();
    expect(screen.queryByText('INVALID_CREDENTIALS from server')).toBeNull();
    expect(api.find('POST /api/auth/login')[0]?.body).toEqual({
      email: 'admin@example.com',
      password: 'wrong password',
    });
  });

  it('explains a locked account in the chosen language', async () => {
    signedOutApi(apiError(429, 'ACCOUNT_LOCKED', { retryAfterSeconds: 590 }));
    await i18n.changeLanguage('en');
    renderApp('/login');
    await submitLogin('admin@example.com', 'whatever');
    expect(await screen.findByText(/account is locked; try again in 10 minutes/)).toBeTruthy();
  });

  it('does not call the API when the form is incomplete', async () => {
    const api = signedOutApi({ body: sessionFor('admin') });
    renderApp('/login');
    fireEvent.click(await screen.findByTestId('login-submit'));
    expect(await screen.findAllByText('请填写此项')).toHaveLength(2);
    expect(api.find('POST /api/auth/login')).toEqual([]);
  });

  it('signs in, opens the page the user wanted and then uses the new CSRF token', async () => {
    const api = signedOutApi({ body: sessionFor('admin', { locale: 'zh-CN' }) });
    const { router } = renderApp(`/login?next=${encodeURIComponent('/settings/teams')}`);
    await submitLogin('admin@example.com', 'correct horse battery');

    await waitFor(() => expect(router.state.location.pathname).toBe('/settings/teams'));
    expect(await screen.findByRole('table', { name: '团队列表' })).toBeTruthy();
    expect(api.find('POST /api/auth/login')[0]?.headers.get('X-CSRF-Token')).toBeNull();
  });

  it("switches to the signed-in user's language", async () => {
    signedOutApi({ body: sessionFor('agent', { locale: 'en' }) });
    renderApp('/login');
    await submitLogin('agent@example.com', 'correct horse battery');
    expect(await screen.findByRole('navigation', { name: 'Main navigation' })).toBeTruthy();
    expect(i18n.language).toBe('en');
  });
});
