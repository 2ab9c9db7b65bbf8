import type { AuditEventView } from '@kefu/shared';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../../test/fakeApi';
import { sessionFor, userView } from '../../../test/fixtures';
import { renderApp } from '../../../test/renderApp';

function auditEvent(overrides: Partial<AuditEventView>): AuditEventView {
  return {
    id: 'event-1',
    action: 'auth.sign_in',
    actorId: 'user-lin',
    actorName: 'Lin',
    targetType: null,
    targetId: null,
    ip: '203.0.113.7',
    details: {},
    createdAt: '2025-03-01T08:00:00.000Z',
    ...overrides,
  };
}

const firstPage = [
  auditEvent({
    id: 'event-2',
    action: 'user.role_changed',
    details: { email: '<img src=x>', role: { from: 'agent', to: 'supervisor' } },
  }),
];
const secondPage = [auditEvent({ id: 'event-1', action: 'auth.sign_in' })];

function auditApi() {
  return fakeApi({
    'GET /api/auth/session': { body: sessionFor('admin') },
    'GET /api/users': { body: { items: [userView({ id: 'user-lin', name: 'Lin' })] } },
    'GET /api/audit-events': (request) =>
      request.query.get('cursor') === 'event-2'
        ? { body: { items: secondPage, nextCursor: null } }
        : { body: { items: firstPage, nextCursor: 'event-2' } },
  });
}

describe('AuditLogPage', () => {
  it('shows translated actions, details as text, and loads more with the cursor', async () => {
    const api = auditApi();
    renderApp('/settings/audit');
    const table = await screen.findByRole('table', { name: '审计事件列表' });

    expect(await within(table).findByText('变更角色')).toBeTruthy();
    expect(within(table).getByText('<img src=x>')).toBeTruthy();
    expect(within(table).getByText('agent → supervisor')).toBeTruthy();
    expect(table.querySelector('img')).toBeNull();
    expect(api.find('GET /api/audit-events')[0]?.query.get('limit')).toBe('50');

    fireEvent.click(screen.getByRole('button', { name: '加载更多' }));

    expect(await within(table).findByText('登录')).toBeTruthy();
    expect(within(table).getByText('变更角色')).toBeTruthy();
    expect(api.find('GET /api/audit-events')[1]?.query.get('cursor')).toBe('event-2');
    expect(await screen.findByText('没有更多了')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '加载更多' })).toBeNull();
  });

  it('asks the API again from the start when the action filter changes', async () => {
    const api = auditApi();
    renderApp('/settings/audit');
    await screen.findByRole('table', { name: '审计事件列表' });

    fireEvent.mouseDown(screen.getByRole('combobox', { name: '操作' }));
    fireEvent.click(await screen.findByTitle('登录失败'));

    await waitFor(() =>
      expect(api.find('GET /api/audit-events').at(-1)?.query.get('action')).toBe('auth.sign_in_failed'),
    );
    expect(api.find('GET /api/audit-events').at(-1)?.query.get('cursor')).toBeNull();
  });
});
