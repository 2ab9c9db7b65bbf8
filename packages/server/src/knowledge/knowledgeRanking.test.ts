import { describe, expect, it } from 'vitest';
import { type IndexedEntry, KnowledgeIndex } from './knowledgeIndex.js';
import { KNOWLEDGE_SCORE } from './knowledgeSearch.js';

/** A few entries as an editor writes them: formal words, no synonyms configured. */
const ENTRIES: [id: string, title: string, similar: string[], answer: string][] = [
  ['orders', '怎么查看我的订单', ['订单在哪里查看'], '在“我的—全部订单”里查看。'],
  ['refund-time', '退款多久到账', ['退款什么时候到账'], '审核通过后 1–3 个工作日原路退回。'],
  ['return', '怎么申请退货', ['退货流程是什么'], '在订单详情里申请售后，填写退货原因。'],
  ['coupon', '优惠券在哪里领取', ['怎么领优惠券'], '在领券中心领取，结算时自动使用。'],
  ['points-expiry', '积分有效期多久', ['积分会过期吗'], '积分有效期为一年。'],
  ['coupon-expiry', '优惠券有效期多久', ['优惠券会过期吗'], '优惠券以券面写的日期为准。'],
  ['password', '忘记登录密码怎么办', ['登录密码怎么找回'], '在登录页点“忘记密码”，用手机验证码重设。'],
  ['register', '怎么注册账号', ['注册流程'], '用手机号获取验证码即可注册。'],
  ['new-user', '新用户有什么优惠', ['新人优惠'], '新用户首单立减 10 元。'],
  ['ship-time', '下单后多久发货', ['什么时候发货'], '现货 48 小时内发货。'],
  ['invoice', '可以开增值税专用发票吗', ['能开专票吗'], '可以，在订单详情里申请。'],
];

function entry([id, title, similarQuestions, answer]: (typeof ENTRIES)[number]): IndexedEntry {
  return {
    id,
    kind: 'faq',
    categoryId: null,
    variants: [{ locale: 'zh-CN', published: true, title, similarQuestions, answerHtml: answer, answerText: answer }],
  };
}

function shopIndex(): KnowledgeIndex {
  const index = new KnowledgeIndex();
  index.load(ENTRIES.map(entry));
  return index;
}

const options = { locale: 'zh-CN' as const, limit: 5, publishedOnly: true, minScore: 0.2, kind: undefined };

describe('knowledge ranking', () => {
  const index = shopIndex();
  const top = (query: string) => index.search(query, options)[0];

  it.each([
    ['我的单子在哪看', 'orders', KNOWLEDGE_SCORE.confident, '单子 = 订单, 看 = 查看'],
    ['咋退货', 'return', KNOWLEDGE_SCORE.confident, '咋 = 怎么'],
    [
      '领个券',
      'coupon',
      KNOWLEDGE_SCORE.confident,
      'jieba glues 领个券 together; its known parts 领 and 券 (= 优惠券) count',
    ],
    ['亲在吗？我想问一下啥时候发货呀，谢谢', 'ship-time', KNOWLEDGE_SCORE.confident, 'greetings and particles dropped'],
    ['钱啥时候能退回来', 'refund-time', KNOWLEDGE_SCORE.related, '退回 = 到账, 啥时候 = 多久; 钱 is not 退款'],
  ])('understands colloquial words without any synonym configured: %s → %s (%s)', (query, expected, atLeast) => {
    const hit = top(query);
    expect(hit?.entryId).toBe(expected);
    expect(hit!.score).toBeGreaterThanOrEqual(atLeast);
  });

  it('lets the rare word decide between questions that share a common one', () => {
    expect(top('积分多久过期')?.entryId).toBe('points-expiry');
    expect(top('优惠券多久过期')?.entryId).toBe('coupon-expiry');
  });

  it('matches a Traditional query to a Simplified entry as confidently as the Simplified query', () => {
    const traditional = top('退貨怎麼申請');
    expect(traditional?.entryId).toBe('return');
    expect(traditional!.score).toBeGreaterThanOrEqual(KNOWLEDGE_SCORE.confident);
    // 怎么 and 怎麼 fold to the same characters: the Traditional question scores as the Simplified one.
    expect(traditional!.score).toBe(top('退货怎么申请')!.score);
    expect(top('忘記登錄密碼怎麼辦')).toMatchObject({ entryId: 'password', score: 1 });
  });

  it('corrects homophone typos of words the questions use, confidently', () => {
    for (const [query, expected] of [
      ['腿款多久到账', 'refund-time'],
      ['蜜码忘了怎么办', 'password'],
      ['优惠卷在哪领', 'coupon'],
    ] as const) {
      const hit = top(query);
      expect(hit?.entryId, query).toBe(expected);
      expect(hit!.score, query).toBeGreaterThanOrEqual(KNOWLEDGE_SCORE.confident);
    }
  });

  it('answers nothing for greetings and particles alone, and nothing confidently for unrelated questions', () => {
    expect(index.search('你好啊亲', options)).toEqual([]);
    expect(index.search('嗯嗯好的谢谢', options)).toEqual([]);
    for (const query of ['今天天气怎么样', '你们卖汽车吗', '可以办信用卡吗']) {
      expect(top(query)?.score ?? 0, query).toBeLessThan(KNOWLEDGE_SCORE.confident);
    }
  });

  it('ranks a standard question above the same words as another entry’s similar question', () => {
    const tie = new KnowledgeIndex();
    tie.load([
      entry(['standard', '退货流程', [], '在订单里申请。']),
      entry(['similar', '售后说明', ['退货流程'], '在订单里申请。']),
    ]);
    const hits = tie.search('退货的流程', options);
    expect(hits.map((h) => h.entryId)).toEqual(['standard', 'similar']);
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
  });

  it('counts the query words an entry’s other questions have, not only its best question’s', () => {
    const spread = new KnowledgeIndex();
    spread.load([
      entry(['spread', '怎么开发票', ['发票抬头写公司名称'], '在订单里申请。']),
      entry(['single', '怎么开发票', ['开票要多久'], '在订单里申请。']),
    ]);
    expect(spread.search('公司怎么开发票', options)[0]?.entryId).toBe('spread');
  });

  it('lets a workspace synonym add to the built-in group of the same word', () => {
    const own = shopIndex();
    own.setSynonyms([['快递', '顺丰']]);
    own.upsert(entry(['track', '物流信息在哪里看', [], '在订单详情里查看物流。']));
    // 快递 = 物流 is built in; 顺丰 = 快递 is the workspace's: 顺丰 finds the 物流 question through both.
    expect(own.search('顺丰到哪了', options)[0]?.entryId).toBe('track');
  });

  it('forgets a typo correction once no question has the word any more', () => {
    const changing = shopIndex();
    expect(changing.search('蜜码忘了', options)[0]?.entryId).toBe('password');
    changing.remove('password');
    expect(changing.search('蜜码忘了', options).map((h) => h.entryId)).not.toContain('password');
    changing.upsert(entry(ENTRIES.find(([id]) => id === 'password')!));
    expect(changing.search('蜜码忘了', options)[0]?.entryId).toBe('password');
  });
});
