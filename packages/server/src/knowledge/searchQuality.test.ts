import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSpreadsheet } from '../spreadsheets/spreadsheet.js';
import { SHOP_FAQ, SHOP_QUERIES, SHOP_SYNONYMS } from '../test/shopFaq.js';
import { call, createTestApp, seedWorkspace, signInAs, type TestApp } from '../test/testApp.js';
import { KNOWLEDGE_SCORE, searchKnowledge } from './knowledgeSearch.js';

/**
 * Search quality on a shop's FAQ with questions as customers type them: the knowledge base goes in through the
 * spreadsheet import and the synonyms through the API, as an editor would do it.
 */
describe('knowledge search quality (Chinese as customers write it)', () => {
  let t: TestApp;
  let accountId: string;
  const idByKey = new Map<string, string>();

  beforeAll(async () => {
    t = await createTestApp();
    const ws = await seedWorkspace(t.ctx, 'quality');
    accountId = ws.accountId;
    const admin = await signInAs(t.app, ws.users.admin.email);
    const csv = await writeSpreadsheet(
      'csv',
      {
        name: 'faq',
        headings: ['标准问题', '相似问题', '答案', '分类'],
        rows: SHOP_FAQ.map((e) => [e.title, e.similar.join('\n'), e.answer, '常见问题']),
      },
      new Date(0),
    );
    const boundary = '----kefu-quality';
    const imported = await t.app.inject({
      method: 'POST',
      url: '/api/knowledge/import',
      headers: {
        'content-type': `multipart/form-data; boundary=${boundary}`,
        cookie: admin.cookie,
        'x-csrf-token': admin.csrfToken,
      },
      payload: Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="faq.csv"\r\n\r\n`),
        csv,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
    });
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json()).toEqual({ created: SHOP_FAQ.length, updated: 0, categoriesCreated: 1 });
    for (const words of SHOP_SYNONYMS) {
      expect((await call(t.app, admin, 'POST', '/api/knowledge/synonyms', { words })).statusCode).toBe(201);
    }
    const rows = await t.ctx.db.kysely
      .selectFrom('knowledge_variants')
      .select(['entry_id', 'title'])
      .where('account_id', '=', accountId)
      .execute();
    for (const row of rows) idByKey.set(SHOP_FAQ.find((e) => e.title === row.title)!.key, row.entry_id);
  });
  afterAll(() => t.close());

  const top = async (query: string) =>
    (await searchKnowledge(t.ctx, accountId, query, { locale: 'zh-CN', limit: 3 }))[0];

  it.each(SHOP_QUERIES.filter((q) => q.expected !== null))('$query → $expected ($why)', async ({ query, expected }) => {
    expect((await top(query))?.entryId).toBe(idByKey.get(expected!));
  });

  it.each(SHOP_QUERIES.filter((q) => q.expected === null))(
    '$query is not answered with confidence ($why)',
    async ({ query }) => {
      expect((await top(query))?.score ?? 0).toBeLessThan(KNOWLEDGE_SCORE.confident);
    },
  );

  it('scores a stored question 1, however it is written (Traditional, full width, punctuation)', async () => {
    for (const query of ['退款多久到账？', '退款多久到賬', '退款多久到账!!', '　退款多久到账　']) {
      expect(await top(query)).toMatchObject({ entryId: idByKey.get('refund-time'), score: 1 });
    }
    expect(await top('ＶＩＰ积分会过期吗')).toMatchObject({ entryId: idByKey.get('membership') });
  });

  it('puts close paraphrases, homophone typos and synonyms in the confident band, loose ones in the related band', async () => {
    expect((await top('退宽多久到账'))!.score).toBeGreaterThanOrEqual(KNOWLEDGE_SCORE.confident);
    expect((await top('我的快递到哪了'))!.score).toBeGreaterThanOrEqual(KNOWLEDGE_SCORE.confident);
    expect((await top('换手机号'))!.score).toBeGreaterThanOrEqual(KNOWLEDGE_SCORE.confident);
    const loose = (await top('积分能干嘛'))!;
    expect(loose.score).toBeGreaterThanOrEqual(KNOWLEDGE_SCORE.related);
    expect(loose.score).toBeLessThan(KNOWLEDGE_SCORE.confident);
  });

  it('finds an entry by words only its answer has, without ever being confident about it', async () => {
    const hit = (await top('可以货到付款吗'))!;
    expect(hit.entryId).toBe(idByKey.get('payment-methods'));
    expect(hit.score).toBeLessThan(KNOWLEDGE_SCORE.confident);
  });

  it('tolerates a wrong character that looks alike but sounds different', async () => {
    // 贷 (dài) for 货 (huò): looks alike, sounds different.
    expect((await top('什么时候发贷'))?.entryId).toBe(idByKey.get('ship-time'));
  });

  it('returns nothing for symbols or particles alone', async () => {
    expect(await searchKnowledge(t.ctx, accountId, '？？！', {})).toEqual([]);
    expect(await searchKnowledge(t.ctx, accountId, '', {})).toEqual([]);
  });
});
