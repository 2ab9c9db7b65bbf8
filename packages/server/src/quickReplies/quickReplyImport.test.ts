import { randomBytes } from 'node:crypto';
import type { CreateTeamBody, QuickReplyImportRowError, QuickReplyView } from '@kefu/shared';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../http/actor.js';
import { writeSpreadsheet } from '../spreadsheets/spreadsheet.js';
import { teamCreator } from '../teams/teamCommands.js';
import { call, createTestApp, type Session, seedWorkspace, signInAs, type TestApp } from '../test/testApp.js';

type Workspace = Awaited<ReturnType<typeof seedWorkspace>>;

const HEADINGS = ['分类', '标题', '内容', '范围'];

function multipart(fileName: string, data: Buffer) {
  const boundary = `----kefu-test-${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\n` +
      'Content-Type: application/octet-stream\r\n\r\n',
  );
  return {
    payload: Buffer.concat([head, data, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const xlsxOf = (rows: string[][], headings = HEADINGS) =>
  writeSpreadsheet('xlsx', { name: 'Sheet1', headings, rows }, new Date('2025-03-01T00:00:00Z'));
const csvOf = (rows: string[][], headings = HEADINGS) =>
  writeSpreadsheet('csv', { name: 'Sheet1', headings, rows }, new Date('2025-03-01T00:00:00Z'));

/** Reads an exported XLSX back into plain rows, with exceljs directly rather than our own reader. */
async function xlsxRows(data: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data as unknown as ExcelJS.Buffer);
  const rows: string[][] = [];
  workbook.worksheets[0]?.eachRow((row) => {
    rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? '')));
  });
  return rows;
}

describe('quick replies: spreadsheet import and export', () => {
  let t: TestApp;
  let ws: Workspace;
  let target: Workspace;
  let admin: Session;
  let agent: Session;
  let targetAdmin: Session;

  const importFile = (session: Session, data: Buffer, name = 'replies.xlsx') => {
    const body = multipart(name, data);
    return t.app.inject({
      method: 'POST',
      url: '/api/quick-replies/import',
      headers: { ...body.headers, cookie: session.cookie, 'x-csrf-token': session.csrfToken },
      payload: body.payload,
    });
  };
  const rowErrorsOf = (res: { json(): unknown }) =>
    (res.json() as { error: { details: { rowErrors: QuickReplyImportRowError[] } } }).error.details.rowErrors;
  const replyCount = async (accountId: string) =>
    (await t.ctx.db.kysely.selectFrom('quick_replies').select('id').where('account_id', '=', accountId).execute())
      .length;
  const list = async (session: Session) =>
    (await call(t.app, session, 'GET', '/api/quick-replies')).json().items as QuickReplyView[];

  beforeAll(async () => {
    t = await createTestApp();
    ws = await seedWorkspace(t.ctx, 'qri');
    target = await seedWorkspace(t.ctx, 'qri-target');
    admin = await signInAs(t.app, ws.users.admin.email);
    agent = await signInAs(t.app, ws.users.agent.email);
    targetAdmin = await signInAs(t.app, target.users.admin.email);
    // Teams are made by the team command: these tests are about quick replies, not the team routes.
    for (const workspace of [ws, target]) {
      const actor = {
        accountId: workspace.accountId,
        userId: workspace.users.admin.id,
        name: 'admin',
        ip: '127.0.0.1',
      };
      const body = { name: '售后', kind: 'skill', description: '', memberIds: [workspace.users.agent.id] };
      await teamCreator(t.ctx, actor as Actor, body as CreateTeamBody);
    }
  });
  afterAll(() => t.close());

  it('imports an XLSX file: scopes, teams, new categories; an admin may, and the import is audited', async () => {
    const file = await xlsxOf([
      ['售后', '退款政策', '您好 {{contact.name}}，七天无理由退货。', '全员'],
      ['售后', '换货流程', '请寄回商品，\n我们收到后 48 小时内发出新品。', '团队:售后'],
      ['', '我的签名', '客服 {{agent.name}} 为您服务', '个人'],
      ['物流', '查单', '请提供快递单号', ''],
    ]);
    const res = await importFile(admin, file);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ created: 4, updated: 0, categoriesCreated: 2 });

    const replies = await list(admin);
    const byTitle = new Map(replies.map((r) => [r.title, r]));
    expect(byTitle.get('退款政策')).toMatchObject({ scope: 'workspace', keys: { titleInitials: 'tkzc' } });
    expect(byTitle.get('换货流程')).toMatchObject({
      scope: 'team',
      content: '请寄回商品，\n我们收到后 48 小时内发出新品。',
    });
    expect(byTitle.get('我的签名')).toMatchObject({ scope: 'personal', ownerId: ws.users.admin.id, categoryId: null });
    expect(byTitle.get('查单')).toMatchObject({ scope: 'personal' });
    const categories = (await call(t.app, admin, 'GET', '/api/quick-reply-categories')).json().items;
    expect(categories.map((c: { name: string }) => c.name).sort()).toEqual(['售后', '物流'].sort());
    // The agent is in 售后: they see the workspace and team replies, not the admin's personal ones.
    expect((await list(agent)).map((r) => r.title).sort()).toEqual(['换货流程', '退款政策'].sort());

    const audit = await t.ctx.db.kysely
      .selectFrom('audit_events')
      .select(['details'])
      .where('account_id', '=', ws.accountId)
      .where('action', '=', 'quick_reply.imported')
      .execute();
    expect(audit.map((a) => JSON.parse(a.details))).toEqual([{ created: 4, updated: 0, categoriesCreated: 2 }]);
  });

  it('one bad row and nothing is imported: every problem is named by row and column', async () => {
    const before = await replyCount(ws.accountId);
    const categoriesBefore = (await call(t.app, admin, 'GET', '/api/quick-reply-categories')).json().items.length;
    const file = await xlsxOf([
      ['新分类', '好的一行', '没问题', '全员'],
      ['', '', '没有标题', '个人'],
      ['', '变量错', '订单 {{order.id}}', '个人'],
      ['', '范围错', 'x', '部门'],
      ['', '团队错', 'x', '团队:技术部'],
      ['', '好的一行', '同一范围里重复了', '全员'],
      ['', 'x'.repeat(51), '', '个人'],
    ]);
    const res = await importFile(admin, file);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(res.json().error.message).toBe('6 rows have problems; nothing was imported');
    expect(rowErrorsOf(res).map(({ row, column, issue, value }) => ({ row, column, issue, value }))).toEqual([
      { row: 3, column: 'title', issue: 'required', value: null },
      { row: 4, column: 'content', issue: 'unknownVariable', value: '{{order.id}}' },
      { row: 5, column: 'scope', issue: 'unknownScope', value: '部门' },
      { row: 6, column: 'scope', issue: 'unknownTeam', value: '技术部' },
      { row: 7, column: 'title', issue: 'duplicateTitle', value: '2' },
      { row: 8, column: 'title', issue: 'tooLong', value: null },
      { row: 8, column: 'content', issue: 'required', value: null },
    ]);
    for (const error of rowErrorsOf(res)) expect(error.message.length).toBeGreaterThan(5);
    expect(await replyCount(ws.accountId)).toBe(before);
    const categoriesAfter = (await call(t.app, admin, 'GET', '/api/quick-reply-categories')).json().items.length;
    expect(categoriesAfter).toBe(categoriesBefore);
  });

  it('an agent imports personal replies only; shared rows and unknown categories are refused', async () => {
    const before = await replyCount(ws.accountId);
    const refused = await importFile(
      agent,
      await csvOf([
        ['', '我的问候', '您好', '个人'],
        ['', '想共享', 'x', '全员'],
        ['', '想进团队', 'x', '团队:售后'],
        ['不存在的分类', '分类', 'x', '个人'],
      ]),
      'replies.csv',
    );
    expect(refused.statusCode).toBe(400);
    expect(rowErrorsOf(refused).map(({ row, issue }) => [row, issue])).toEqual([
      [3, 'scopeNotAllowed'],
      [4, 'scopeNotAllowed'],
      [5, 'unknownCategory'],
    ]);
    expect(await replyCount(ws.accountId)).toBe(before);

    const ok = await importFile(agent, await csvOf([['售后', '我的问候', '您好', '个人']]), 'replies.csv');
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ created: 1, updated: 0, categoriesCreated: 0 });
  });

  it('a row whose title exists in the same scope updates that reply, keeping its id', async () => {
    const [existing] = (await list(admin)).filter((r) => r.title === '退款政策');
    const res = await importFile(admin, await xlsxOf([['物流', '退款政策', '新的退款说明', '全员']]));
    expect(res.json()).toEqual({ created: 0, updated: 1, categoriesCreated: 0 });
    const after = (await list(admin)).find((r) => r.title === '退款政策');
    expect(after?.id).toBe(existing?.id);
    expect(after?.content).toBe('新的退款说明');
    expect(after?.keys.contentInitials).toBe('xdtksm');
  });

  it('needs the 标题 and 内容 columns, and accepts English and Traditional headings', async () => {
    const missing = await importFile(admin, await xlsxOf([['a', 'b']], ['分类', '正文']));
    expect(missing.statusCode).toBe(400);
    expect(rowErrorsOf(missing).map(({ row, column, issue }) => [row, column, issue])).toEqual([
      [1, 'title', 'missingColumn'],
      [1, 'content', 'missingColumn'],
    ]);
    const english = await importFile(
      admin,
      await csvOf([['Hello', 'Hi there', 'personal']], ['Title', 'Content', 'Scope']),
    );
    expect(english.json()).toMatchObject({ created: 1 });
    const traditional = await importFile(admin, await csvOf([['售後', '您好', '個人']], ['標題', '內容', '範圍']));
    expect(traditional.json()).toMatchObject({ created: 1 });
  });

  it('refuses what is not a spreadsheet, and a JSON body, with clear errors', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    const notSheet = await importFile(admin, png, 'photo.xlsx');
    expect(notSheet.statusCode).toBe(415);
    expect(notSheet.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const json = await call(t.app, admin, 'POST', '/api/quick-replies/import', { rows: [] });
    expect(json.statusCode).toBe(415);
  });

  it('exports XLSX and CSV that import unchanged into another workspace (round trip)', async () => {
    const xlsx = await call(t.app, admin, 'GET', '/api/quick-replies/export?format=xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(xlsx.headers['content-disposition']).toMatch(
      /^attachment; filename\*=UTF-8''%E5%BF%AB%E6%8D%B7%E5%9B%9E%E5%A4%8D-\d{8}\.xlsx$/,
    );
    const exported = await xlsxRows(xlsx.rawPayload);
    expect(exported[0]).toEqual(HEADINGS);
    expect(exported).toContainEqual(['物流', '退款政策', '新的退款说明', '全员']);
    expect(exported).toContainEqual(['售后', '换货流程', '请寄回商品，\n我们收到后 48 小时内发出新品。', '团队:售后']);
    expect(exported).toContainEqual(['', '我的签名', '客服 {{agent.name}} 为您服务', '个人']);

    const imported = await importFile(targetAdmin, xlsx.rawPayload);
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json().created).toBe(exported.length - 1);
    const again = await call(t.app, targetAdmin, 'GET', '/api/quick-replies/export?format=xlsx');
    expect(await xlsxRows(again.rawPayload)).toEqual(exported);

    // CSV round trip on top: every row now exists, so each one updates and nothing is duplicated.
    const csv = await call(t.app, admin, 'GET', '/api/quick-replies/export?format=csv');
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.rawPayload.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(true);
    const csvImport = await importFile(targetAdmin, csv.rawPayload, 'replies.csv');
    expect(csvImport.json()).toEqual({ created: 0, updated: exported.length - 1, categoriesCreated: 0 });
    const afterCsv = await call(t.app, targetAdmin, 'GET', '/api/quick-replies/export?format=xlsx');
    expect(await xlsxRows(afterCsv.rawPayload)).toEqual(exported);
  });

  it('exports only what the caller sees, filtered by scope', async () => {
    const agentExport = await call(t.app, agent, 'GET', '/api/quick-replies/export?format=csv');
    expect(agentExport.body).toContain('我的问候');
    expect(agentExport.body).not.toContain('我的签名');
    const workspaceOnly = await call(t.app, admin, 'GET', '/api/quick-replies/export?format=csv&scope=workspace');
    const lines = workspaceOnly.rawPayload.subarray(3).toString('utf8').trim().split('\r\n');
    expect(lines.slice(1).every((line) => line.endsWith(',全员'))).toBe(true);
    expect(lines.length).toBeGreaterThan(1);
  });
});
