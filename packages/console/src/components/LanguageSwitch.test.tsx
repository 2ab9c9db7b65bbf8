import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { i18n } from '../i18n/i18n';
import { apiError, fakeApi } from '../test/fakeApi';
import { sessionFor } from '../test/fixtures';
import { renderApp } from '../test/renderApp';

async function chooseLanguage(name: string) {
  fireEvent.mouseDown(await screen.findByRole('combobox', { name: /语言|Language/ }));
  fireEvent.click(await screen.findByTitle(name));
}

describe('LanguageSwitch', () => {
  it('switches the interface at once and saves the choice to the profile', async () => {
    const english = sessionFor('admin', { locale: 'en' });
    const api = fakeApi({
      'GET /api/auth/session': { body: sessionFor('admin') },
      'GET /api/teams': { body: { items: [] } },
      'PATCH /api/auth/profile': { body: english },
    });
    renderApp('/');
    await chooseLanguage('English');

    expect(await screen.findByRole('navigation', { name: 'Main navigation' })).toBeTruthy();
    expect(screen.getByTestId('nav-users').textContent).toBe('Users & roles');
    await waitFor(() => expect(api.find('PATCH /api/auth/profile')).toHaveLength(1));
    const [request] = api.find('PATCH /api/auth/profile');
    expect(request?.body).toEqual({ locale: 'en' });
    expect(request?.headers.get('X-CSRF-Token')).toBe('csrf-admin');
    expect(document.documentElement.lang).toBe('en');
  });

  it('only switches locally before signing in', async () => {
    const api = fakeApi({ 'GET /api/auth/session': apiError(401, 'UNAUTHENTICATED') });
    renderApp('/login');
    await chooseLanguage('繁體中文');
    expect(await screen.findByLabelText('電子郵件')).toBeTruthy();
    expect(i18n.language).toBe('zh-TW');
    expect(api.find('PATCH /api/auth/profile')).toEqual([]);
  });
});
