import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, fakeApi } from './test/fakeApi';
import { sessionFor } from './test/fixtures';
import { renderApp } from './test/renderApp';

describe('routes', () => {
  it('shows the forbidden page when an agent opens the audit log, without asking the API for it', async () => {
    const api = fakeApi({ 'GET /api/auth/session': { body: sessionFor('agent') } });
    renderApp('/settings/audit');
    expect(await screen.findByTestId('forbidden-page')).toBeTruthy();
    expect(screen.getByText('没有访问权限')).toBeTruthy();
    expect(api.find('GET /api/audit-events')).toEqual([]);
  });

  it('opens the audit log for an admin', async () => {
    fakeApi({
      'GET /api/auth/session': { body: sessionFor('admin') },
      'GET /api/users': { body: { items: [] } },
      'GET /api/audit-events': { body: { items: [], nextCursor: null } },
    });
    renderApp('/settings/audit');
    expect(await screen.findByRole('table', { name: '审计事件列表' })).toBeTruthy();
    expect(screen.queryByTestId('forbidden-page')).toBeNull();
  });

  it('sends signed-out visitors to sign in, remembering where they were going', async () => {
    fakeApi({ 'GET /api/auth/session': apiError(401, 'UNAUTHENTICATED') });
    const { router } = renderApp('/settings/users?q=lin');
    await waitFor(() => expect(router.state.location.pathname).toBe('/login'));
    expect(router.state.location.search).toBe(`?next=${encodeURIComponent('/settings/users?q=lin')}`);
  });

  it('signs the user out when a later request finds the session gone', async () => {
    fakeApi({
      'GET /api/auth/session': { body: sessionFor('admin') },
      'GET /api/account': apiError(401, 'UNAUTHENTICATED'),
    });
    const { router } = renderApp('/settings/workspace');
    await waitFor(() => expect(router.state.location.pathname).toBe('/login'));
    expect(router.state.location.search).toBe(`?next=${encodeURIComponent('/settings/workspace')}`);
  });

  it('shows a not-found page for unknown addresses', async () => {
    fakeApi({ 'GET /api/auth/session': { body: sessionFor('agent') } });
    renderApp('/no/such/page');
    expect(await screen.findByTestId('not-found-page')).toBeTruthy();
  });
});
