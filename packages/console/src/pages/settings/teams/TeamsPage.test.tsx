import type { TeamView } from '@kefu/shared';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, fakeApi } from '../../../test/fakeApi';
import { sessionFor, teamView, userView } from '../../../test/fixtures';
import { renderApp } from '../../../test/renderApp';

const lin = userView({ id: 'user-lin', name: 'Lin' });

function teamsApi(role: 'admin' | 'agent', teams: TeamView[]) {
  return fakeApi({
    'GET /api/auth/session': { body: sessionFor(role) },
    'GET /api/users': { body: { items: [lin] } },
    'GET /api/teams': () => ({ body: { items: teams } }),
    'POST /api/teams': (request) => {
      const body = request.body as TeamView;
      if (teams.some((team) => team.name === body.name)) {
        return apiError(409, 'CONFLICT', [{ field: 'body.name', issue: 'is already in use' }]);
      }
      const created = teamView({ ...body, id: `team-${teams.length + 1}` });
      teams.push(created);
      return { status: 201, body: created };
    },
    'DELETE /api/teams/team-1': () => {
      teams.splice(0, 1);
      return { body: { ok: true } };
    },
  });
}

describe('TeamsPage', () => {
  it('shows an agent the teams with member counts and no way to change them', async () => {
    const api = teamsApi('agent', [teamView({ id: 'team-1', name: 'Billing', memberIds: ['a', 'b'] })]);
    renderApp('/settings/teams');
    const table = await screen.findByRole('table', { name: '团队列表' });
    expect(await within(table).findByText('Billing')).toBeTruthy();
    expect(within(table).getByText('技能组')).toBeTruthy();
    expect(within(table).getByText('2 人')).toBeTruthy();
    expect(screen.queryByTestId('create-team')).toBeNull();
    expect(within(table).queryByText('删除')).toBeNull();
    expect(api.find('GET /api/users')).toEqual([]);
  });

  it('creates a department and explains a duplicate name at the name field', async () => {
    const teams = [teamView({ id: 'team-1', name: 'Billing' })];
    const api = teamsApi('admin', teams);
    renderApp('/settings/teams');
    fireEvent.click(await screen.findByTestId('create-team'));
    const dialog = await screen.findByRole('dialog', { name: '新建团队' });

    fireEvent.change(within(dialog).getByLabelText('名称'), { target: { value: 'Billing' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '创建' }));
    expect(await within(dialog).findByText('已有同名团队')).toBeTruthy();

    fireEvent.change(within(dialog).getByLabelText('名称'), { target: { value: '售后部' } });
    fireEvent.click(within(dialog).getByLabelText('部门'));
    fireEvent.change(within(dialog).getByLabelText('描述'), { target: { value: 'After-sales' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '创建' }));

    await waitFor(() => expect(screen.queryByRole('dialog', { name: '新建团队' })).toBeNull());
    expect(api.find('POST /api/teams').at(-1)?.body).toEqual({
      name: '售后部',
      kind: 'department',
      description: 'After-sales',
      memberIds: [],
      chatLimit: null,
    });
    expect(await within(screen.getByRole('table', { name: '团队列表' })).findByText('售后部')).toBeTruthy();
  });

  it('deletes a team after confirmation', async () => {
    const api = teamsApi('admin', [teamView({ id: 'team-1', name: 'Billing', memberIds: ['user-lin'] })]);
    renderApp('/settings/teams');
    const table = await screen.findByRole('table', { name: '团队列表' });
    expect(await within(table).findByText('Lin')).toBeTruthy();

    fireEvent.click(within(table).getByRole('button', { name: '删除' }));
    expect(api.find('DELETE /api/teams/team-1')).toEqual([]);
    const confirm = await screen.findByRole('tooltip');
    fireEvent.click(within(confirm).getByRole('button', { name: '删除' }));

    await waitFor(() => expect(api.find('DELETE /api/teams/team-1')).toHaveLength(1));
    expect(api.find('DELETE /api/teams/team-1')[0]?.headers.get('X-CSRF-Token')).toBe('csrf-admin');
    await waitFor(() => expect(within(table).queryByText('Billing')).toBeNull());
  });
});
