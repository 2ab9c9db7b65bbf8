import { type Role, roleHasPermission } from '@kefu/shared';
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../test/fakeApi';
import { sessionFor } from '../test/fixtures';
import { renderApp } from '../test/renderApp';

const visibleEntries: Record<Role, string[]> = {
  admin: [
    'home',
    'inbox',
    'tickets',
    'tasks',
    'supervision',
    'bot',
    'knowledge',
    'workspace',
    'users',
    'teams',
    'inboxes',
    'business-hours',
    'quick-replies',
    'labels',
    'sensitive-words',
    'ticket-types',
    'sla',
    'api-tokens',
    'audit',
  ],
  supervisor: [
    'home',
    'inbox',
    'tickets',
    'tasks',
    'supervision',
    'bot',
    'knowledge',
    'workspace',
    'users',
    'teams',
    'inboxes',
    'business-hours',
    'quick-replies',
    'api-tokens',
  ],
  agent: [
    'home',
    'inbox',
    'tickets',
    'tasks',
    'knowledge',
    'workspace',
    'teams',
    'inboxes',
    'business-hours',
    'quick-replies',
    'api-tokens',
  ],
  department: ['home', 'tasks', 'workspace'],
};

async function navEntriesShownTo(role: Role): Promise<string[]> {
  fakeApi({ 'GET /api/auth/session': { body: sessionFor(role) }, 'GET /api/teams': { body: { items: [] } } });
  renderApp('/');
  const navigation = await screen.findByRole('navigation', { name: '主导航' });
  return [...navigation.querySelectorAll('[data-testid^="nav-"]')].map((link) =>
    (link.getAttribute('data-testid') ?? '').replace(/^nav-/, ''),
  );
}

describe('navigation', () => {
  it.each(Object.entries(visibleEntries))('shows %s only the pages the role may use', async (role, expected) => {
    expect(await navEntriesShownTo(role as Role)).toEqual(expected);
  });

  it.each(Object.keys(visibleEntries) as Role[])(
    'shows %s 会话 exactly when the role may read conversations',
    async (role) => {
      await navEntriesShownTo(role);
      const link = screen.queryByTestId('nav-inbox');
      expect(link !== null).toBe(roleHasPermission(role, 'conversations.read'));
      if (link) {
        expect(link.textContent).toBe('会话');
        expect(link.getAttribute('href')).toBe('/inbox');
      }
    },
  );

  it('links each entry to its page and names it in the current language', async () => {
    await navEntriesShownTo('admin');
    expect(screen.getByTestId('nav-users').getAttribute('href')).toBe('/settings/users');
    expect(screen.getByTestId('nav-audit').textContent).toBe('审计日志');
  });

  it('shows the workspace name and the signed-in user in the header', async () => {
    await navEntriesShownTo('agent');
    expect(screen.getByTestId('workspace-name').textContent).toBe('Acme 客服中心');
    expect(screen.getByTestId('user-menu').textContent).toContain('agent user');
  });
});
