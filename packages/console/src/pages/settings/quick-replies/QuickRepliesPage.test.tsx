import type { QuickReplyCategoryView, QuickReplyView, Role } from '@kefu/shared';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, fakeApi } from '../../../test/fakeApi';
import { sessionFor, teamView } from '../../../test/fixtures';
import { testId } from '../../../test/inboxFixtures';
import { renderApp } from '../../../test/renderApp';

const afterSales = teamView({ id: testId(8001), name: '售后' });
const category: QuickReplyCategoryView = {
  id: testId(8101),
  name: '退换货',
  replyCount: 1,
  createdAt: '2025-01-01T00:00:00.000Z',
};

function quickReply(overrides: Partial<QuickReplyView> & Pick<QuickReplyView, 'id' | 'title'>): QuickReplyView {
  return {
    scope: 'personal',
    teamId: null,
    ownerId: null,
    categoryId: null,
    content: '内容',
    picture: null,
    keys: { titlePinyin: '', titleInitials: '', contentInitials: '' },
    useCount: 0,
    myUseCount: 0,
    editable: true,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    ...overrides,
  };
}

const refund = quickReply({
  id: testId(8201),
  title: '退款政策',
  content: '七天无理由退货',
  scope: 'workspace',
  categoryId: category.id,
  keys: { titlePinyin: 'tuikuanzhengce', titleInitials: 'tkzc', contentInitials: 'qtwlyth' },
  useCount: 12,
  editable: false,
});
const shipping = quickReply({
  id: testId(8202),
  title: '发货时间',
  content: '48 小时内发货',
  scope: 'team',
  teamId: afterSales.id,
  keys: { titlePinyin: 'fahuoshijian', titleInitials: 'fhsj', contentInitials: 'xsnfh' },
  editable: false,
});
const mine = quickReply({
  id: testId(8203),
  title: '我的签名',
  content: '客服 {{agent.name}} 为您服务',
  keys: { titlePinyin: 'wodeqianming', titleInitials: 'wdqm', contentInitials: 'kfwnfw' },
});

function pageApi(role: Role, replies: QuickReplyView[] = [refund, shipping, mine]) {
  return fakeApi({
    'GET /api/auth/session': { body: sessionFor(role) },
    'GET /api/teams': { body: { items: [afterSales] } },
    'GET /api/quick-reply-categories': { body: { items: [category] } },
    'GET /api/quick-replies': () => ({ body: { items: replies } }),
    'POST /api/quick-replies': (request) => {
      const body = request.body as QuickReplyView;
      if (replies.some((reply) => reply.title === body.title && reply.scope === body.scope)) {
        return apiError(409, 'CONFLICT', [{ field: 'body.title', issue: 'is already in use in this scope' }]);
      }
      const created = quickReply({ ...body, id: testId() });
      replies.push(created);
      return { status: 201, body: created };
    },
    'POST /api/quick-replies/import': () =>
      apiError(400, 'VALIDATION_FAILED', {
        rowErrors: [
          { row: 3, column: 'content', issue: 'unknownVariable', value: '{{order.id}}', message: 'unknown variable' },
          { row: 5, column: 'scope', issue: 'unknownTeam', value: '技术部', message: 'no team named 技术部' },
        ],
      }),
  });
}

async function table() {
  const element = await screen.findByRole('table', { name: '快捷回复列表' });
  await within(element).findByText('退款政策');
  return element;
}

const rowTitles = (element: HTMLElement) =>
  within(element)
    .queryAllByRole('row')
    .slice(1)
    .map((row) => row.querySelector('strong')?.textContent ?? '');

describe('QuickRepliesPage', () => {
  it('shows an agent every reply they see, read-only where shared, and searches by pinyin initials', async () => {
    pageApi('agent');
    renderApp('/settings/quick-replies');
    const list = await table();
    expect(rowTitles(list)).toEqual(['退款政策', '发货时间', '我的签名']);
    expect(within(list).getByText('全员')).toBeTruthy();
    expect(within(list).getByText('团队 · 售后')).toBeTruthy();
    expect(within(list).getByText('退换货')).toBeTruthy();
    expect(within(list).getAllByText('只有管理员和主管可以修改')).toHaveLength(2);
    expect(within(list).getAllByRole('button', { name: '编辑' })).toHaveLength(1);
    expect(screen.queryByTestId('categories')).toBeNull();

    fireEvent.change(screen.getByPlaceholderText('搜索标题、内容或拼音首字母'), { target: { value: 'tkzc' } });
    await waitFor(() => expect(rowTitles(list)).toEqual(['退款政策']));
    fireEvent.change(screen.getByPlaceholderText('搜索标题、内容或拼音首字母'), { target: { value: '发货' } });
    await waitFor(() => expect(rowTitles(list)).toEqual(['发货时间']));
  });

  it('lets an agent write personal replies only: no scope choice, and the body says personal', async () => {
    const api = pageApi('agent');
    renderApp('/settings/quick-replies');
    await table();
    fireEvent.click(screen.getByTestId('create-quick-reply'));
    const dialog = await screen.findByRole('dialog', { name: '新建快捷回复' });
    expect(within(dialog).queryByText('全员')).toBeNull();
    fireEvent.change(within(dialog).getByLabelText('标题'), { target: { value: '问候' } });
    fireEvent.change(within(dialog).getByLabelText('内容'), { target: { value: '您好' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '创建' }));
    await waitFor(() => expect(api.find('POST /api/quick-replies')).toHaveLength(1));
    expect(api.find('POST /api/quick-replies')[0]?.body).toEqual({
      scope: 'personal',
      teamId: null,
      categoryId: null,
      title: '问候',
      content: '您好',
    });
  });

  it('an admin creates a team reply with a variable inserted by its button', async () => {
    const api = pageApi('admin');
    renderApp('/settings/quick-replies');
    await table();
    fireEvent.click(screen.getByTestId('create-quick-reply'));
    const dialog = await screen.findByRole('dialog', { name: '新建快捷回复' });
    fireEvent.click(within(dialog).getByText('团队'));
    fireEvent.mouseDown(await within(dialog).findByRole('combobox', { name: '团队' }));
    fireEvent.click(await screen.findByText('售后', { selector: '.ant-select-item-option-content' }));
    fireEvent.change(within(dialog).getByLabelText('标题'), { target: { value: '催发货' } });
    fireEvent.change(within(dialog).getByLabelText('内容'), { target: { value: '您好 ' } });
    fireEvent.click(within(dialog).getByTestId('variable-contact.name'));
    await waitFor(() =>
      expect((within(dialog).getByLabelText('内容') as HTMLTextAreaElement).value).toBe('您好 {{contact.name}}'),
    );
    fireEvent.click(within(dialog).getByRole('button', { name: '创建' }));
    await waitFor(() => expect(api.find('POST /api/quick-replies')).toHaveLength(1));
    expect(api.find('POST /api/quick-replies')[0]?.body).toEqual({
      scope: 'team',
      teamId: afterSales.id,
      categoryId: null,
      title: '催发货',
      content: '您好 {{contact.name}}',
    });
    await waitFor(() => expect(screen.queryByRole('dialog', { name: '新建快捷回复' })).toBeNull());
  });

  it('names unknown variables before sending anything, and a duplicate title at the title', async () => {
    const api = pageApi('admin');
    renderApp('/settings/quick-replies');
    await table();
    fireEvent.click(screen.getByTestId('create-quick-reply'));
    const dialog = await screen.findByRole('dialog', { name: '新建快捷回复' });
    fireEvent.change(within(dialog).getByLabelText('标题'), { target: { value: '我的签名' } });
    fireEvent.change(within(dialog).getByLabelText('内容'), { target: { value: '订单 {{order.id}}' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '创建' }));
    expect(await within(dialog).findByText('不认识的变量：{{order.id}}')).toBeTruthy();
    expect(api.find('POST /api/quick-replies')).toEqual([]);

    fireEvent.change(within(dialog).getByLabelText('内容'), { target: { value: '客服 {{agent.name}}' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '创建' }));
    expect(await within(dialog).findByText('同一范围内已有同名快捷回复')).toBeTruthy();
  });

  it('a refused import lists each problem by row and column, in Chinese', async () => {
    const api = pageApi('admin');
    renderApp('/settings/quick-replies');
    await table();
    fireEvent.click(screen.getByTestId('import'));
    const dialog = await screen.findByRole('dialog', { name: '从表格导入快捷回复' });
    const file = new File(['分类,标题,内容,范围'], 'replies.csv', { type: 'text/csv' });
    fireEvent.change(within(dialog).getByLabelText('选择 .xlsx 或 .csv 文件'), { target: { files: [file] } });
    expect(await within(dialog).findByText('有 2 行存在问题，没有导入任何内容。请修改表格后重新导入。')).toBeTruthy();
    const report = within(dialog).getByRole('table', { name: '导入问题列表' });
    const rows = within(report)
      .getAllByRole('row')
      .slice(1)
      .map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent));
    expect(rows).toEqual([
      ['3', '内容', '不认识的变量 {{order.id}}'],
      ['5', '范围', '没有名为“技术部”的团队'],
    ]);
    const sent = api.find('POST /api/quick-replies/import')[0];
    expect(sent?.headers.get('X-CSRF-Token')).toBe('csrf-admin');
  });

  it('exports what the filters show, as XLSX or CSV links', async () => {
    pageApi('admin');
    renderApp('/settings/quick-replies');
    await table();
    fireEvent.mouseDown(screen.getByLabelText('范围'));
    fireEvent.click(await screen.findByTitle('全员'));
    fireEvent.click(screen.getByTestId('export'));
    const xlsx = await screen.findByTestId('export-xlsx');
    expect(xlsx.getAttribute('href')).toBe('/api/quick-replies/export?format=xlsx&scope=workspace');
    expect(screen.getByTestId('export-csv').getAttribute('href')).toBe(
      '/api/quick-replies/export?format=csv&scope=workspace',
    );
  });
});
