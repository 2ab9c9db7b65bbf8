import type {
  KnowledgeCategoryView,
  KnowledgeEntrySummary,
  KnowledgeEntryView,
  KnowledgeVariantView,
  Role,
} from '@kefu/shared';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, fakeApi } from '../../test/fakeApi';
import { sessionFor } from '../../test/fixtures';
import { testId } from '../../test/inboxFixtures';
import { renderApp } from '../../test/renderApp';

const afterSales: KnowledgeCategoryView = {
  id: testId(7001),
  parentId: null,
  name: '售后服务',
  translations: {},
  position: 0,
  entryCount: 1,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
};

function variant(overrides: Partial<KnowledgeVariantView> = {}): KnowledgeVariantView {
  return {
    locale: 'zh-CN',
    status: 'published',
    title: '退款多久到账？',
    similarQuestions: ['钱什么时候退回来'],
    body: '原路退回，**1–3** 个工作日。',
    html: '<p>原路退回，<strong>1–3</strong> 个工作日。</p>',
    text: '原路退回，1–3 个工作日。',
    version: 3,
    updatedBy: null,
    updatedAt: '2025-01-02T00:00:00.000Z',
    publishedAt: '2025-01-02T00:00:00.000Z',
    ...overrides,
  };
}

const refund: KnowledgeEntryView = {
  id: testId(7101),
  kind: 'faq',
  categoryId: afterSales.id,
  variants: [variant()],
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-02T00:00:00.000Z',
};
/** A title someone pasted markup into: it must show as text. */
const hostile: KnowledgeEntryView = {
  ...refund,
  id: testId(7102),
  categoryId: null,
  variants: [variant({ title: '<img src=x onerror=alert(1)>问题', html: '<p>安全的答案</p>' })],
};

const summary = (entry: KnowledgeEntryView, score: number | null = null): KnowledgeEntrySummary => ({
  id: entry.id,
  kind: entry.kind,
  categoryId: entry.categoryId,
  variants: entry.variants.map((v) => ({
    locale: v.locale,
    status: v.status,
    title: v.title,
    similarCount: v.similarQuestions.length,
  })),
  updatedAt: entry.updatedAt,
  score,
});

function pageApi(role: Role, handlers: Parameters<typeof fakeApi>[0] = {}) {
  return fakeApi({
    'GET /api/auth/session': { body: sessionFor(role) },
    'GET /api/knowledge/categories': { body: { items: [afterSales] } },
    'GET /api/knowledge/entries': (request) => ({
      body: {
        items: request.query.get('q') ? [summary(refund, 0.92)] : [summary(refund), summary(hostile)],
        nextCursor: null,
      },
    }),
    [`GET /api/knowledge/entries/${refund.id}`]: { body: refund },
    [`GET /api/knowledge/entries/${hostile.id}`]: { body: hostile },
    'GET /api/knowledge/synonyms': { body: { items: [] } },
    ...handlers,
  });
}

async function entryTable() {
  const table = await screen.findByRole('table', { name: '知识条目列表' });
  await within(table).findByText('退款多久到账？');
  return table;
}

describe('KnowledgePage', () => {
  it('shows agents the entries read-only, with markup in titles as text and answers in a sandboxed frame', async () => {
    pageApi('agent');
    renderApp('/knowledge');
    const table = await entryTable();
    expect(within(table).getByText('<img src=x onerror=alert(1)>问题')).toBeTruthy();
    expect(document.querySelector('img[src="x"]')).toBeNull();
    expect(within(table).getByText('售后服务')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /新建常见问题/ })).toBeNull();
    expect(screen.queryByRole('tab', { name: '同义词' })).toBeNull();

    fireEvent.click(within(table).getByText('退款多久到账？'));
    const frame = (await screen.findByTitle('退款多久到账？')) as HTMLIFrameElement;
    expect(frame.getAttribute('sandbox')).toBe('');
    expect(frame.getAttribute('srcdoc')).toContain('<strong>1–3</strong>');
    expect(screen.queryByRole('button', { name: '保存' })).toBeNull();
  });

  it('searches with the bot search and shows how well each entry matched', async () => {
    const api = pageApi('admin');
    renderApp('/knowledge');
    await entryTable();
    const search = screen.getByPlaceholderText('搜索问题或答案（与机器人同一搜索）');
    fireEvent.change(search, { target: { value: '退款几天到' } });
    fireEvent.keyDown(search, { key: 'Enter', code: 'Enter', keyCode: 13 });
    expect(await screen.findByText('92%')).toBeTruthy();
    expect(api.find('GET /api/knowledge/entries').at(-1)?.query.get('q')).toBe('退款几天到');
  });

  it('an editor creates a FAQ with similar questions and publishes it', async () => {
    const created: KnowledgeEntryView = { ...refund, id: testId(7103) };
    const api = pageApi('supervisor', {
      'POST /api/knowledge/entries': { status: 201, body: created },
      [`GET /api/knowledge/entries/${created.id}`]: { body: created },
    });
    renderApp('/knowledge');
    await entryTable();
    fireEvent.click(screen.getByRole('button', { name: /新建常见问题/ }));
    const drawer = await screen.findByRole('dialog');
    fireEvent.change(within(drawer).getByLabelText('标准问题'), { target: { value: '发票怎么开？' } });
    fireEvent.click(within(drawer).getByRole('button', { name: /添加相似问题/ }));
    fireEvent.change(within(drawer).getByLabelText('相似问题'), { target: { value: '能开专票吗' } });
    fireEvent.change(within(drawer).getByLabelText('答案内容'), { target: { value: '下单时勾选“需要发票”。' } });
    fireEvent.click(within(drawer).getByText('已发布'));
    fireEvent.click(within(drawer).getByRole('button', { name: '保存' }));
    await waitFor(() => expect(api.find('POST /api/knowledge/entries')).toHaveLength(1));
    expect(api.find('POST /api/knowledge/entries')[0]?.body).toEqual({
      kind: 'faq',
      categoryId: null,
      locale: 'zh-CN',
      variant: {
        title: '发票怎么开？',
        similarQuestions: ['能开专票吗'],
        body: '下单时勾选“需要发票”。',
        status: 'published',
      },
    });
    await waitFor(() => expect(api.find(`GET /api/knowledge/entries/${created.id}`).length).toBeGreaterThan(0));
  });

  it('saves an edit with the version it started from, and says so when someone else saved first', async () => {
    const api = pageApi('admin', {
      [`PUT /api/knowledge/entries/${refund.id}/variants/zh-CN`]: () => apiError(409, 'CONFLICT', { version: 4 }),
    });
    renderApp('/knowledge');
    const table = await entryTable();
    fireEvent.click(within(table).getByText('退款多久到账？'));
    const drawer = await screen.findByRole('dialog');
    const answer = (await within(drawer).findByLabelText('答案内容')) as HTMLTextAreaElement;
    await waitFor(() => expect(answer.value).toBe('原路退回，**1–3** 个工作日。'));
    fireEvent.change(answer, { target: { value: '当天到账。' } });
    fireEvent.click(within(drawer).getByRole('button', { name: '保存' }));
    await waitFor(() => expect(api.find(`PUT /api/knowledge/entries/${refund.id}/variants/zh-CN`)).toHaveLength(1));
    expect(api.find(`PUT /api/knowledge/entries/${refund.id}/variants/zh-CN`)[0]?.body).toEqual({
      title: '退款多久到账？',
      similarQuestions: ['钱什么时候退回来'],
      body: '当天到账。',
      status: 'published',
      baseVersion: 3,
    });
    expect(await screen.findByText('操作冲突，请刷新后重试')).toBeTruthy();
  });

  it('a refused import lists each problem by row and column', async () => {
    pageApi('admin', {
      'POST /api/knowledge/import': () =>
        apiError(400, 'VALIDATION_FAILED', {
          rowErrors: [
            { row: 3, column: 'answer', issue: 'required', value: null, message: 'empty' },
            { row: 5, column: 'question', issue: 'duplicateQuestion', value: '2', message: 'duplicate' },
          ],
        }),
    });
    renderApp('/knowledge');
    await entryTable();
    fireEvent.click(screen.getByRole('button', { name: /导入/ }));
    const dialog = await screen.findByRole('dialog', { name: '导入' });
    const file = new File(['标准问题,答案'], 'faq.csv', { type: 'text/csv' });
    fireEvent.change(within(dialog).getByLabelText('选择文件'), { target: { files: [file] } });
    expect(await within(dialog).findByText('有 2 行有问题，整份文件未导入')).toBeTruthy();
    const report = within(dialog).getByRole('table', { name: '导入问题列表' });
    const rows = within(report)
      .getAllByRole('row')
      .slice(1)
      .map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent));
    expect(rows).toEqual([
      ['3', '答案', '不能为空'],
      ['5', '标准问题', '与第 2 行的标准问题重复'],
    ]);
  });

  it('an editor adds a synonym group', async () => {
    const api = pageApi('admin', {
      'POST /api/knowledge/synonyms': (request) => ({
        status: 201,
        body: {
          id: testId(7201),
          words: (request.body as { words: string[] }).words,
          createdAt: '2025-01-01T00:00:00.000Z',
          updatedAt: '2025-01-01T00:00:00.000Z',
        },
      }),
    });
    renderApp('/knowledge/synonyms');
    const input = await screen.findByRole('combobox', { name: '新同义词组' });
    for (const word of ['快递', '物流']) {
      fireEvent.change(input, { target: { value: word } });
      fireEvent.keyDown(input, { key: 'Enter', code: 'Enter', keyCode: 13 });
    }
    fireEvent.click(screen.getByRole('button', { name: '添加' }));
    await waitFor(() => expect(api.find('POST /api/knowledge/synonyms')).toHaveLength(1));
    expect(api.find('POST /api/knowledge/synonyms')[0]?.body).toEqual({ words: ['快递', '物流'] });
  });
});
