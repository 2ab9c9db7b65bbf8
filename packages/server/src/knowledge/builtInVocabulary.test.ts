import type { KnowledgeEntryView, KnowledgeSearchHitView } from '@kefu/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, type Session, seedWorkspace, signInAs, type TestApp } from '../test/testApp.js';
import { KNOWLEDGE_SCORE } from './knowledgeSearch.js';

/**
 * The search a new workspace gets before anyone edits its synonym dictionary, through the API the console and
 * the help center use: entries written formally, questions asked as customers write them.
 */
describe('knowledge search out of the box (built-in vocabulary, typos, scripts)', () => {
  let t: TestApp;
  let admin: Session;
  let agent: Session;
  const ids = new Map<string, string>();

  const search = async (q: string, locale = 'zh-CN') => {
    const res = await call(t.app, agent, 'GET', `/api/knowledge/search?locale=${locale}&q=${encodeURIComponent(q)}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items as KnowledgeSearchHitView[];
  };

  beforeAll(async () => {
    t = await createTestApp();
    const ws = await seedWorkspace(t.ctx, 'vocabulary');
    admin = await signInAs(t.app, ws.users.admin.email);
    agent = await signInAs(t.app, ws.users.agent.email);
    const entries: [key: string, title: string, similar: string[]][] = [
      ['orders', '怎么查看我的订单', ['订单在哪里查看']],
      ['refund', '退款多久到账', []],
      ['return', '怎么申请退货', []],
      ['coupon', '优惠券在哪里领取', []],
      ['password', '忘记登录密码怎么办', []],
      ['ship', '下单后多久发货', []],
    ];
    for (const [key, title, similarQuestions] of entries) {
      const res = await call(t.app, admin, 'POST', '/api/knowledge/entries', {
        kind: 'faq',
        variant: { title, body: `${title}：请看帮助中心。`, similarQuestions, status: 'published' },
      });
      expect(res.statusCode, res.body).toBe(201);
      ids.set(key, (res.json() as KnowledgeEntryView).id);
    }
  });
  afterAll(() => t.close());

  it.each([
    ['我的单子咋看', 'orders'],
    ['钱啥时候退回来', 'refund'],
    ['东西啥时候寄出', 'ship'],
    ['领个券', 'coupon'],
  ])('relates the colloquial %s to %s, at least enough to offer it', async (query, key) => {
    const [hit] = await search(query);
    expect(hit?.entryId).toBe(ids.get(key));
    expect(hit!.score).toBeGreaterThanOrEqual(KNOWLEDGE_SCORE.related);
  });

  it('matches Traditional questions to Simplified entries, and shows them in the reader’s script', async () => {
    const [hit] = await search('退貨怎麼申請', 'zh-TW');
    expect(hit).toMatchObject({ entryId: ids.get('return'), title: '怎麼申請退貨' });
    expect(hit!.score).toBeGreaterThanOrEqual(KNOWLEDGE_SCORE.confident);
  });

  it('corrects homophone typos confidently', async () => {
    for (const [query, key] of [
      ['腿款多久到账', 'refund'],
      ['蜜码忘了', 'password'],
    ] as const) {
      const [hit] = await search(query);
      expect(hit?.entryId, query).toBe(ids.get(key));
      expect(hit!.score, query).toBeGreaterThanOrEqual(KNOWLEDGE_SCORE.confident);
    }
  });

  it('finds nothing for greetings and particles, and nothing confident for an unrelated question', async () => {
    expect(await search('亲，在吗？')).toEqual([]);
    expect((await search('你们卖汽车吗'))[0]?.score ?? 0).toBeLessThan(KNOWLEDGE_SCORE.confident);
  });

  it('a workspace synonym extends the built-in group, and applies at once', async () => {
    const before = await search('顺丰到哪了');
    const track = await call(t.app, admin, 'POST', '/api/knowledge/entries', {
      kind: 'faq',
      variant: { title: '物流信息在哪里看', body: '在订单详情里查看。', similarQuestions: [], status: 'published' },
    });
    expect(track.statusCode).toBe(201);
    expect(before.map((h) => h.entryId)).not.toContain(track.json().id);
    const synonym = await call(t.app, admin, 'POST', '/api/knowledge/synonyms', { words: ['快递', '顺丰'] });
    expect(synonym.statusCode, synonym.body).toBe(201);
    // 顺丰 = 快递 is the workspace's, 快递 = 物流 is built in.
    expect((await search('顺丰到哪了'))[0]?.entryId).toBe(track.json().id);
  });
});
