import { type MessageActivity, ROUTING_ACTIVITY_CODES } from '@kefu/shared';
import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { i18n } from '../../i18n/i18n';
import { routingActivityText, routingNoteLabel } from './routingActivityText';

const inLocale = (locale: string) => i18n.getFixedT(locale) as TFunction;
const activity = (code: string, params: Record<string, unknown>): MessageActivity => ({ code, params });

const assigned = activity(ROUTING_ACTIVITY_CODES.assigned, {
  rule: 'strategy',
  strategy: 'lowest_saturation',
  agentId: 'a1',
  agentName: '张敏',
  teamId: 't1',
  teamName: '售后',
  teamRule: 'widget_team',
  activeChats: 3,
  chatLimit: 10,
  waitedSeconds: 12,
});

/** One entry of every routing and supervision code the timeline shows, with the params the server writes. */
const EVERY_CODE: MessageActivity[] = [
  assigned,
  activity(ROUTING_ACTIVITY_CODES.queued, {
    teamId: 't1',
    teamName: '售后',
    teamRule: 'widget_team',
    position: 2,
    priority: 1,
  }),
  activity(ROUTING_ACTIVITY_CODES.pooled, { teamId: null, teamName: null, teamRule: null, reason: 'all_full' }),
  activity(ROUTING_ACTIVITY_CODES.pooled, { teamId: null, teamName: null, teamRule: null, reason: 'routing_off' }),
  activity(ROUTING_ACTIVITY_CODES.abandoned, { waitedSeconds: 75, reason: 'left' }),
  activity(ROUTING_ACTIVITY_CODES.abandoned, { waitedSeconds: 75, reason: 'gone' }),
  activity(ROUTING_ACTIVITY_CODES.autoTransferred, { fromId: 'a2', fromName: '陈静', seconds: 120 }),
  activity(ROUTING_ACTIVITY_CODES.autoClosed, { minutes: 30 }),
  activity(ROUTING_ACTIVITY_CODES.transferred, { fromName: '陈静', toName: '张敏' }),
  activity(ROUTING_ACTIVITY_CODES.transferred, { fromName: null, teamName: '售前' }),
  activity(ROUTING_ACTIVITY_CODES.participantJoined, { name: '李晓', by: '张敏' }),
  activity(ROUTING_ACTIVITY_CODES.participantLeft, { name: '李晓', by: '李晓' }),
  activity(ROUTING_ACTIVITY_CODES.takenOver, { by: '王主管', fromId: 'a1', fromName: '张敏' }),
  activity(ROUTING_ACTIVITY_CODES.takenOver, { by: '王主管', fromId: null, fromName: null }),
  activity(ROUTING_ACTIVITY_CODES.reassigned, { by: '王主管', fromName: '张敏', teamName: '售前' }),
];

describe('routing activity lines', () => {
  it('say which rule assigned the chat and why, in each language', () => {
    expect(routingActivityText(assigned, inLocale('zh-CN'))).toBe(
      '按「分配策略：饱和度最低」分配给 张敏，技能组「售后」（客户选择），接待 3/10，排队 12 秒',
    );
    expect(routingActivityText(assigned, inLocale('zh-TW'))).toBe(
      '按「分配策略：飽和度最低」指派給 张敏，技能組「售后」（客戶選擇），接待 3/10，排隊 12 秒',
    );
    expect(routingActivityText(assigned, inLocale('en'))).toBe(
      'Assigned to 张敏 by “strategy: lowest saturation”, team “售后” (customer’s choice), load 3/10, queued 12 s',
    );
  });

  it('leave out what a decision did not involve: no team, no load, a rule without a strategy', () => {
    const owner = activity(ROUTING_ACTIVITY_CODES.assigned, {
      rule: 'owner',
      agentId: 'a1',
      agentName: '张敏',
      teamId: null,
      teamName: null,
      teamRule: null,
    });
    expect(routingActivityText(owner, inLocale('zh-CN'))).toBe('按「专属客服优先」分配给 张敏');
    expect(routingActivityText(owner, inLocale('en'))).toBe('Assigned to 张敏 by “customer owner first”');
  });

  it.each(['zh-CN', 'zh-TW', 'en'])('exist for every code in %s, with no untranslated key or placeholder', (locale) => {
    const t = inLocale(locale);
    const texts = EVERY_CODE.map((entry) => routingActivityText(entry, t));
    for (const [i, text] of texts.entries()) {
      expect(text, EVERY_CODE[i]?.code).toBeTruthy();
      expect(text, EVERY_CODE[i]?.code).not.toMatch(/activity\.|routing\.|\{\{|undefined/);
    }
    // Each variant reads differently: the params matter.
    expect(new Set(texts).size).toBe(texts.length);
  });

  it('name the queue, the position and priority of a queued chat', () => {
    expect(routingActivityText(EVERY_CODE[1]!, inLocale('zh-CN'))).toBe(
      '技能组「售后」已满，进入排队，第 2 位（优先）',
    );
    expect(routingActivityText(EVERY_CODE[9]!, inLocale('zh-CN'))).toBe('会话已转接给 「售前」');
  });

  it('leave unknown codes and unreadable params to the stored text', () => {
    const t = inLocale('zh-CN');
    expect(routingActivityText(activity('routing.something_new', {}), t)).toBeUndefined();
    expect(routingActivityText(activity('assigned', { by: 'x' }), t)).toBeUndefined();
    expect(
      routingActivityText(activity(ROUTING_ACTIVITY_CODES.assigned, { rule: 'astrology', agentName: 'x' }), t),
    ).toBe(undefined);
  });

  it('head whispers and transfer notes with whom they are for', () => {
    const t = inLocale('zh-CN');
    expect(routingNoteLabel(activity(ROUTING_ACTIVITY_CODES.whisper, { toId: 'a1', toName: '张敏' }), t)).toBe(
      '主管悄悄话 → 张敏',
    );
    expect(routingNoteLabel(activity(ROUTING_ACTIVITY_CODES.transferNote, { teamId: 't', teamName: '售前' }), t)).toBe(
      '转接备注 → 售前',
    );
    expect(routingNoteLabel(null, t)).toBeUndefined();
    expect(routingNoteLabel(activity('assigned', {}), t)).toBeUndefined();
  });
});
