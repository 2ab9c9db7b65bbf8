import type { KnowledgeEntryView, KnowledgeImportRowError } from '@kefu/shared';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSpreadsheet } from '../spreadsheets/spreadsheet.js';
import { call, createTestApp, type Session, seedWorkspace, signInAs, type TestApp } from '../test/testApp.js';
import { searchKnowledge } from './knowledgeSearch.js';

type Workspace = Awaited<ReturnType<typeof seedWorkspace>>;

const HEADINGS = ['标准问题', '相似问题', '答案', '分类', '状态', '语言'];

const sheetOf = (format: 'xlsx' | 'csv', rows: string[][], headings = HEADINGS) =>
  writeSpreadsheet(format, { name: 'Sheet1', headings, rows }, new Date('2025-03-01T00:00:00Z'));

function multipart(data: Buffer, name: string) {
  const boundary = '----kefu-kb-import';
  return {
    payload: Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n\r\n`),
      data,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

async function xlsxRows(data: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data as unknown as ExcelJS.Buffer);
  const rows: string[][] = [];
  workbook.worksheets[0]?.eachRow((row) => {
    rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? '')));
  });
  return rows;
}

describe('knowledge base: FAQ import and export', () => {
  let t: TestApp;
  let ws: Workspace;
  let admin: Session;
  let agent: Session;

  const importFile = (session: Session, data: Buffer, name = 'faq.xlsx', query = '') => {
    const body = multipart(data, name);
    return t.app.inject({
      method: 'POST',
      url: `/api/knowledge/import${query}`,
      headers: { ...body.headers, cookie: session.cookie, 'x-csrf-token': session.csrfToken },
      payload: body.payload,
    });
  };
  const rowErrorsOf = (res: { json(): unknown }) =>
    (res.json() as { error: { details: { rowErrors: KnowledgeImportRowError[] } } }).error.details.rowErrors;
  const entryCount = async () =>
    (
      await t.ctx.db.kysely
        .selectFrom('knowledge_entries')
        .select('id')
        .where('account_id', '=', ws.accountId)
        .execute()
    ).length;

  beforeAll(async () => {
    t = await createTestApp();
    ws = await seedWorkspace(t.ctx, 'kbi');
    admin = await signInAs(t.app, ws.users.admin.email);
    agent = await signInAs(t.app, ws.users.agent.email);
  });
  afterAll(() => t.close());

  it('imports an XLSX file with similar questions, category paths, states and languages; the bot finds them at once', async () => {
    const file = await sheetOf('xlsx', [
      ['退款多久到账？', '退款什么时候到账\n钱什么时候退回来', '原路退回，1–3 个工作日。', '售后/退款', '已发布', ''],
      ['怎么开发票？', '发票抬头怎么填 | 可以开专票吗', '下单时勾选**需要发票**。', '售后', '', 'zh-CN'],
      ['運費怎麼算？', '', '滿 99 元包郵。', '物流', '草稿', '繁體中文'],
      ['How long does a refund take?', '', '1–3 business days.', '', 'published', 'en'],
    ]);
    const res = await importFile(admin, file);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ created: 4, updated: 0, categoriesCreated: 3 });

    const [refund] = await searchKnowledge(t.ctx, ws.accountId, '钱什么时候退回来', { locale: 'zh-CN' });
    expect(refund).toMatchObject({ title: '退款多久到账？', score: 1, answer: { text: '原路退回，1–3 个工作日。' } });
    const categories = (await call(t.app, admin, 'GET', '/api/knowledge/categories')).json().items;
    const byName = new Map(categories.map((c: { name: string; id: string; parentId: string | null }) => [c.name, c]));
    expect(byName.get('退款')).toMatchObject({ parentId: (byName.get('售后') as { id: string }).id });
    const entry = (
      await call(t.app, admin, 'GET', `/api/knowledge/entries/${refund!.entryId}`)
    ).json() as KnowledgeEntryView;
    expect(entry.categoryId).toBe((byName.get('退款') as { id: string }).id);
    expect(entry.variants[0]!.similarQuestions).toEqual(['退款什么时候到账', '钱什么时候退回来']);
    const invoice = await searchKnowledge(t.ctx, ws.accountId, '可以开专票吗', { locale: 'zh-CN' });
    expect(invoice[0]?.answer.html).toBe('<p>下单时勾选<strong>需要发票</strong>。</p>');
    // The 草稿 row is a draft: not searchable by customers.
    const draft = await searchKnowledge(t.ctx, ws.accountId, '運費怎麼算', { locale: 'zh-TW' });
    expect(draft.map((h) => h.title)).not.toContain('運費怎麼算？');
    expect((await searchKnowledge(t.ctx, ws.accountId, 'refund take', { locale: 'en' }))[0]?.locale).toBe('en');

    const audit = await t.ctx.db.kysely
      .selectFrom('audit_events')
      .select('details')
      .where('account_id', '=', ws.accountId)
      .where('action', '=', 'knowledge_entries.imported')
      .execute();
    expect(audit.map((a) => JSON.parse(a.details))).toEqual([{ created: 4, updated: 0, categoriesCreated: 3 }]);
  });

  it('one bad row and nothing is imported: every problem is named by row and column', async () => {
    const before = await entryCount();
    const categoriesBefore = (await call(t.app, admin, 'GET', '/api/knowledge/categories')).json().items.length;
    const res = await importFile(
      admin,
      await sheetOf('csv', [
        ['好的一行', '', '没问题', '新分类', '', ''],
        ['', '', '没有问题', '', '', ''],
        ['没有答案', '', '', '', '', ''],
        ['状态错', '', 'x', '', '上线', ''],
        ['语言错', '', 'x', '', '', '日语'],
        ['好的一行', '', '重复了', '', '', ''],
        ['太深', '', 'x', 'a/b/c/d/e', '', ''],
        ['x'.repeat(201), 'y'.repeat(201), 'x', '', '', ''],
      ]),
      'faq.csv',
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: '7 rows have problems; nothing was imported',
    });
    expect(rowErrorsOf(res).map(({ row, column, issue, value }) => ({ row, column, issue, value }))).toEqual([
      { row: 3, column: 'question', issue: 'required', value: null },
      { row: 4, column: 'answer', issue: 'required', value: null },
      { row: 5, column: 'status', issue: 'unknownStatus', value: '上线' },
      { row: 6, column: 'locale', issue: 'unknownLocale', value: '日语' },
      { row: 7, column: 'question', issue: 'duplicateQuestion', value: '2' },
      { row: 8, column: 'category', issue: 'categoryTooDeep', value: 'a/b/c/d/e' },
      { row: 9, column: 'question', issue: 'tooLong', value: null },
      { row: 9, column: 'similar', issue: 'tooLong', value: 'y'.repeat(50) },
    ]);
    for (const error of rowErrorsOf(res)) expect(error.message.length).toBeGreaterThan(5);
    expect(await entryCount()).toBe(before);
    expect((await call(t.app, admin, 'GET', '/api/knowledge/categories')).json().items.length).toBe(categoriesBefore);
  });

  it('a file without the answer column is refused as a whole', async () => {
    const res = await importFile(admin, await sheetOf('csv', [['问题一']], ['标准问题']), 'faq.csv');
    expect(res.statusCode).toBe(400);
    expect(rowErrorsOf(res)).toEqual([expect.objectContaining({ row: 1, column: 'answer', issue: 'missingColumn' })]);
    expect((await importFile(agent, await sheetOf('csv', [['a', '', 'b', '', '', '']]), 'faq.csv')).statusCode).toBe(
      403,
    );
  });

  it('exports what it imports: the export read back changes nothing; an edited export updates and keeps versions', async () => {
    const exported = await call(t.app, admin, 'GET', '/api/knowledge/export?format=xlsx&locale=zh-CN');
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-disposition']).toMatch(/^attachment; filename\*=UTF-8''/);
    const rows = await xlsxRows(exported.rawPayload);
    expect(rows[0]).toEqual(HEADINGS);
    expect(rows.slice(1)).toEqual([
      ['怎么开发票？', '发票抬头怎么填\n可以开专票吗', '下单时勾选**需要发票**。', '售后', '已发布', 'zh-CN'],
      [
        '退款多久到账？',
        '退款什么时候到账\n钱什么时候退回来',
        '原路退回，1–3 个工作日。',
        '售后/退款',
        '已发布',
        'zh-CN',
      ],
    ]);

    const again = await importFile(admin, exported.rawPayload);
    expect(again.json()).toEqual({ created: 0, updated: 0, categoriesCreated: 0 });

    const edited = rows
      .slice(1)
      .map((row) => (row[0] === '退款多久到账？' ? [...row.slice(0, 2), '当天到账。', ...row.slice(3)] : row));
    const update = await importFile(admin, await sheetOf('xlsx', edited));
    expect(update.json()).toEqual({ created: 0, updated: 1, categoriesCreated: 0 });
    const [hit] = await searchKnowledge(t.ctx, ws.accountId, '退款多久到账', { locale: 'zh-CN' });
    expect(hit?.answer.text).toBe('当天到账。');
    const versions = (await call(t.app, admin, 'GET', `/api/knowledge/entries/${hit!.entryId}/versions`)).json().items;
    expect(versions.map((v: { body: string }) => v.body)).toEqual(['原路退回，1–3 个工作日。']);

    const csv = await call(t.app, admin, 'GET', '/api/knowledge/export?format=csv');
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.body).toContain('How long does a refund take?');
    expect(csv.body).toContain('運費怎麼算？');
    expect((await call(t.app, agent, 'GET', '/api/knowledge/export')).statusCode).toBe(403);
  });
});
