import { inboxBotSettings } from '@kefu/shared';
import { describe, expect, it } from 'vitest';
import type { KnowledgeHit } from '../knowledge/knowledgeSearch.js';
import { decideTurn, NO_PENDING, type TurnTools } from './botDecision.js';
import { asksForMenu, pickedChoice, smallTalkOf } from './choicePicker.js';
import { detectComplaint } from './complaintDetector.js';
import { asksForPerson } from './handoffRequest.js';
import { groupLearnableTurns } from './learningList.js';
import { readAnswer } from './llmAnswerer.js';

describe('asking for a person (转人工)', () => {
  it.each([
    '转人工',
    '轉人工',
    '转人共',
    '专人工',
    '人工',
    '人工！！',
    '人工客服',
    '我要人工服务',
    '找客服',
    '能不能帮我找个客服',
    '客服在吗',
    '有客服吗',
    '真人',
    '你是真人吗',
    '不要机器人',
    'rengong',
    'ｒｅｎｇｏｎｇ',
    'I want to talk to a human',
  ])('%s asks for a person', (text) => expect(asksForPerson(text)).toBe(true));

  it.each([
    '不用转人工了',
    '不需要人工',
    '人工费多少',
    '客服电话是多少',
    '晚上有客服吗',
    '我想应聘客服',
    '有专人负责吗',
    '需要人签收吗',
    '人工智能音箱能退吗',
    '退款多久到账',
  ])('%s does not', (text) => expect(asksForPerson(text)).toBe(false));
});

describe('the complaint check', () => {
  it.each([
    '我要投诉你们！',
    '骗子，收了钱不发货',
    '什么垃圾质量',
    '你們的服務爛透了',
    '等了一个星期还没发货，到底怎么回事？？',
    '气死我了😡',
  ])('%s is a complaint', (text) => expect(detectComplaint(text).detected).toBe(true));

  it.each([
    '请问退款多久到账',
    '给我推荐一款适合送妈妈的',
    '滚筒洗衣机能洗羽绒服吗',
    '垃圾袋有大号的吗',
    '我不想投诉，只是问问进度',
    '怎么修改差评',
    '谢谢，东西很好',
  ])('%s is not', (text) => expect(detectComplaint(text).detected).toBe(false));

  it('scores a word once however often it is repeated, and counts shouting', () => {
    expect(detectComplaint('垃圾垃圾垃圾').score).toBe(detectComplaint('垃圾').score);
    expect(detectComplaint('还没发货！！！').score).toBeGreaterThan(detectComplaint('还没发货').score);
  });
});

describe('picking a choice', () => {
  const labels = ['查订单', '退换货', '人工客服'];
  it('reads numbers in many forms, and labels as written', () => {
    expect(['2', '２', '第二个', '选2', '2号', '二'].map((t) => pickedChoice(t, labels))).toEqual([1, 1, 1, 1, 1, 1]);
    expect(pickedChoice('退換貨', labels)).toBe(1);
    expect(pickedChoice('4', labels)).toBeNull();
    expect(pickedChoice('2个订单', labels)).toBeNull();
    expect(pickedChoice('1', [])).toBeNull();
  });
  it('tells greetings, thanks and the menu word apart from questions', () => {
    expect(['你好', '您好在吗', '在么', 'hello'].map(smallTalkOf)).toEqual([
      'greeting',
      'greeting',
      'greeting',
      'greeting',
    ]);
    expect(['谢谢', '好的谢谢', 'ok', '明白了'].map(smallTalkOf)).toEqual(['thanks', 'thanks', 'thanks', 'thanks']);
    expect(smallTalkOf('你好，退款多久到账')).toBeNull();
    expect(asksForMenu('菜单')).toBe(true);
    expect(asksForMenu('菜单里有什么')).toBe(false);
  });
});

describe('reading a model answer', () => {
  const sources = [
    { entryId: 'a', title: '退款多久到账', answer: '1-3天' },
    { entryId: 'b', title: '运费', answer: '8元' },
  ];
  it('keeps the entries it cites and takes the marks out', () => {
    expect(readAnswer('退款1-3天到账 [1]，运费8元 [2]。', sources)).toEqual({
      kind: 'answer',
      text: '退款1-3天到账，运费8元。',
      citations: sources,
    });
  });
  it('does not trust an answer citing nothing, or only numbers it was not given', () => {
    expect(readAnswer('大概一周吧', sources)).toMatchObject({ kind: 'failed' });
    expect(readAnswer('见 [3]', sources)).toMatchObject({ kind: 'failed' });
    expect(readAnswer('NO_ANSWER', sources)).toEqual({ kind: 'declined' });
  });
});

function hit(entryId: string, score: number): KnowledgeHit {
  return {
    entryId,
    kind: 'faq',
    locale: 'zh-CN',
    categoryId: null,
    title: `问题${entryId}`,
    answer: { text: `答案${entryId}`, html: '' },
    score,
    matchedQuestion: `问题${entryId}`,
  };
}

describe('the bot’s decision', () => {
  const settings = inboxBotSettings.parse({
    mode: 'bot_first',
    answerThreshold: 0.7,
    suggestThreshold: 0.45,
    answerMargin: 0.05,
  });
  const tools = (hits: KnowledgeHit[]): TurnTools => ({
    search: async (limit) => hits.slice(0, limit),
    entryAnswer: async (entryId) => ({ entryId, title: `问题${entryId}`, text: `答案${entryId}` }),
    llm: null,
    llmTopK: 0,
  });
  const decide = (hits: KnowledgeHit[], misses = 0) =>
    decideTurn(
      { text: '一个问题', settings, pending: NO_PENDING, misses, complaint: { detected: false, score: 0 } },
      tools(hits),
    );

  it('answers a confident entry that leads clearly, and offers choices when two are close', async () => {
    expect(await decide([hit('a', 0.8), hit('b', 0.6)])).toMatchObject({
      outcome: 'answer',
      entry: { entryId: 'a' },
      misses: 0,
    });
    const close = await decide([hit('a', 0.8), hit('b', 0.78), hit('c', 0.5), hit('d', 0.46)]);
    expect(close).toMatchObject({
      outcome: 'suggest',
      pending: { suggestions: [{ entryId: 'a' }, { entryId: 'b' }, { entryId: 'c' }] },
    });
  });

  it('counts a miss below the suggestion threshold, and hands over at the configured count', async () => {
    expect(await decide([hit('a', 0.3)])).toMatchObject({ outcome: 'unknown', misses: 1, entry: { entryId: 'a' } });
    expect(await decide([], 1)).toMatchObject({ outcome: 'handoff', handoff: { reason: 'repeated_misses' } });
  });
});

describe('grouping the learning list', () => {
  const turn = (id: string, question: string, outcome = 'unknown') => ({
    id,
    question,
    outcome,
    rating: null,
    entry_id: null,
    entry_title: null,
    created_at: Number(id),
  });
  it('puts wordings of one question together, Traditional and Simplified alike, most asked first', () => {
    const groups = groupLearnableTurns([
      turn('1', '发票抬头写错了怎么办'),
      turn('2', '發票抬頭寫錯了怎麼辦'),
      turn('3', '发票抬头写错了咋办'),
      turn('4', '仓库的猫叫什么'),
    ]);
    expect(groups.map((g) => g.count)).toEqual([3, 1]);
    expect(groups[0]!.key).toBe('1');
    expect(groups[1]!.representative).toBe('仓库的猫叫什么');
  });
});
