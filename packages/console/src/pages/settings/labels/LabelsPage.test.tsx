import type { LabelView } from '@kefu/shared';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, fakeApi } from '../../../test/fakeApi';
import { sessionFor } from '../../../test/fixtures';
import { renderApp } from '../../../test/renderApp';

const view = (id: string, name: string, color = 'blue'): LabelView => ({
  id,
  name,
  color,
  description: '',
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
});

function labelsApi(labels: LabelView[]) {
  return fakeApi({
    'GET /api/auth/session': { body: sessionFor('admin') },
    'GET /api/labels': () => ({ body: { items: labels } }),
    'POST /api/labels': (request) => {
      const body = request.body as LabelView;
      if (labels.some((label) => label.name === body.name)) {
        return apiError(409, 'CONFLICT', [{ field: 'body.name', issue: 'is already in use' }]);
      }
      const created = view(`label-${labels.length + 1}`, body.name, body.color);
      labels.push(created);
      return { status: 201, body: created };
    },
    'PATCH /api/labels/label-1': (request) => {
      Object.assign(labels[0]!, request.body);
      return { body: { label: labels[0], conversationsUpdated: 3 } };
    },
    'DELETE /api/labels/label-1': () => {
      labels.splice(0, 1);
      return { body: { label: null, conversationsUpdated: 2 } };
    },
  });
}

describe('LabelsPage', () => {
  it('creates a label with a colour and explains a duplicate name at the name field', async () => {
    const api = labelsApi([view('label-1', 'VIP', 'gold')]);
    renderApp('/settings/labels');
    const table = await screen.findByRole('table', { name: '标签列表' });
    expect(await within(table).findByText('VIP')).toBeTruthy();

    fireEvent.click(screen.getByTestId('create-label'));
    const dialog = await screen.findByRole('dialog', { name: '新建标签' });
    fireEvent.change(within(dialog).getByLabelText('名称'), { target: { value: 'VIP' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '创建' }));
    expect(await within(dialog).findByText('已有同名标签')).toBeTruthy();

    fireEvent.change(within(dialog).getByLabelText('名称'), { target: { value: '投诉' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '创建' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: '新建标签' })).toBeNull());
    expect(api.find('POST /api/labels').at(-1)?.body).toEqual({ name: '投诉', color: 'blue', description: '' });
    expect(await within(table).findByText('投诉')).toBeTruthy();
  });

  it('renames a label and says how many conversations followed', async () => {
    const api = labelsApi([view('label-1', 'VIP', 'gold')]);
    renderApp('/settings/labels');
    const table = await screen.findByRole('table', { name: '标签列表' });
    fireEvent.click(await within(table).findByRole('button', { name: '编辑' }));
    const dialog = await screen.findByRole('dialog', { name: '编辑标签' });
    expect(within(dialog).getByText('改名后，带有此标签的会话会一起改名。')).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText('名称'), { target: { value: '大客户' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '保存' }));
    expect(await screen.findByText('已更新标签“大客户”，同步修改了 3 个会话')).toBeTruthy();
    expect(api.find('PATCH /api/labels/label-1')[0]?.body).toMatchObject({ name: '大客户', color: 'gold' });
  });

  it('deletes a label after a confirmation that warns it leaves every conversation', async () => {
    const api = labelsApi([view('label-1', 'VIP')]);
    renderApp('/settings/labels');
    const table = await screen.findByRole('table', { name: '标签列表' });
    fireEvent.click(await within(table).findByRole('button', { name: '删除' }));
    const confirm = await screen.findByRole('tooltip');
    expect(within(confirm).getByText('所有会话上的这个标签都会被移除。')).toBeTruthy();
    fireEvent.click(within(confirm).getByRole('button', { name: '删除' }));
    await waitFor(() => expect(api.find('DELETE /api/labels/label-1')).toHaveLength(1));
    expect(await screen.findByText('已删除标签“VIP”，已从 2 个会话中移除')).toBeTruthy();
  });

  it('is not in an agent’s navigation and refuses them', async () => {
    fakeApi({ 'GET /api/auth/session': { body: sessionFor('agent') } });
    renderApp('/settings/labels');
    expect(await screen.findByText('没有访问权限')).toBeTruthy();
  });
});
