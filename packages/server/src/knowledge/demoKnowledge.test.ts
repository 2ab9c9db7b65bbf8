import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedWorkspace, type TestApp } from '../test/testApp.js';
import { demoKnowledgeSeeder } from './demoKnowledge.js';
import { KNOWLEDGE_SCORE, searchKnowledge } from './knowledgeSearch.js';

describe('demo knowledge base', () => {
  let t: TestApp;
  let accountId: string;

  beforeAll(async () => {
    t = await createTestApp();
    accountId = (await seedWorkspace(t.ctx, 'demo-kb')).accountId;
  });
  afterAll(() => t.close());

  it('seeds published FAQ the bot answers colloquial questions from, once', async () => {
    expect(await demoKnowledgeSeeder(t.ctx, accountId)).toBe(true);
    const answers = async (query: string) =>
      (await searchKnowledge(t.ctx, accountId, query, { locale: 'zh-CN', limit: 1 }))[0];
    const refund = await answers('退货要多久到账啊');
    expect(refund?.title).toBe('退款多久到账？');
    expect(refund?.score).toBeGreaterThanOrEqual(KNOWLEDGE_SCORE.confident);
    expect((await answers('發票怎麼開'))?.title).toBe('怎么开发票？');
    expect((await answers('快递到哪了'))?.title).toBe('怎么查物流信息？');

    expect(await demoKnowledgeSeeder(t.ctx, accountId)).toBe(false);
    const entries = await t.ctx.db.kysely
      .selectFrom('knowledge_entries')
      .select('id')
      .where('account_id', '=', accountId)
      .execute();
    expect(entries.length).toBe(14);
  });
});
