import type { BotStatsResponse, LearningListResponse } from '@kefu/shared';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../test/fakeApi';
import { sessionFor } from '../../test/fixtures';
import { inboxView } from '../../test/inboxFixtures';
import { renderApp } from '../../test/renderApp';

const ENTRY = { entryId: '01900000-0000-7000-8000-0000000000e1', title: '怎么开发票' };

const stats: BotStatsResponse = {
  from: '2026-02-01',
  to: '2026-03-02',
  conversations: 40,
  resolvedByBot: 30,
  resolutionRate: 0.75,
  handoffs: 10,
  handoffRate: 0.25,
  handoffReasons: [
    { reason: 'customer_request', count: 6 },
    { reason: 'repeated_misses', count: 2 },
    { reason: 'complaint', count: 2 },
    { reason: 'human_only_topic', count: 0 },
    { reason: 'menu', count: 0 },
  ],
  questions: 90,
  outcomes: { answer: 60, suggest: 15, unknown: 5, menu: 0, handoff: 10, greeting: 0 },
  ratings: { helpful: 20, unhelpful: 3 },
  topQuestions: [{ text: '退款多久到账', count: 12, entry: { entryId: 'e2', title: '退款多久能到账' } }],
  mostUnhelpful: [{ entry: ENTRY, unhelpful: 3, helpful: 1 }],
};

const learning: LearningListResponse = {
  groups: [
    {
      key: '01900000-0000-7000-8000-0000000000a1',
      representative: '发票抬头写错了怎么办',
      count: 2,
      questions: [
        {
          turnId: '01900000-0000-7000-8000-0000000000a1',
          text: '发票抬头写错了怎么办',
          reason: 'unknown',
          askedAt: '2026-03-01T02:00:00.000Z',
        },
        {
          turnId: '01900000-0000-7000-8000-0000000000a2',
          text: '發票抬頭寫錯了',
          reason: 'unhelpful',
          askedAt: '2026-03-01T03:00:00.000Z',
        },
      ],
      closestEntry: ENTRY,
    },
  ],
};

describe('BotPage', () => {
  it('shows a supervisor the bot’s statistics for the chosen days', async () => {
    const api = fakeApi({
      'GET /api/auth/session': { body: sessionFor('supervisor') },
      'GET /api/inboxes': { body: { items: [inboxView()] } },
      'GET /api/bot/stats': { body: stats },
    });
    renderApp('/bot');
    expect(await screen.findByText('75.0%')).toBeTruthy();
    expect(screen.getByText('25.0%')).toBeTruthy();
    expect(screen.getByText('客户要求转人工 · 6')).toBeTruthy();
    const top = screen.getByRole('table', { name: '热门问题列表' });
    expect(within(top).getByText('退款多久到账')).toBeTruthy();
    expect(within(top).getByText('退款多久能到账')).toBeTruthy();
    const unhelpful = screen.getByRole('table', { name: '没用最多的条目列表' });
    expect(within(unhelpful).getByText('怎么开发票')).toBeTruthy();
    const query = api.find('GET /api/bot/stats')[0]!.query;
    expect(query.get('from')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(query.get('to')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(query.get('inboxId')).toBeNull();
  });

  it('teaches a group of missed questions to the closest entry, and dismisses another', async () => {
    const api = fakeApi({
      'GET /api/auth/session': { body: sessionFor('supervisor') },
      'GET /api/inboxes': { body: { items: [inboxView()] } },
      'GET /api/bot/learning': { body: learning },
      'POST /api/bot/learning/similar': { body: { learned: 2, entryId: ENTRY.entryId } },
      'POST /api/bot/learning/dismiss': { body: { learned: 2, entryId: null } },
    });
    renderApp('/bot/learning');
    const table = await screen.findByRole('table', { name: '待学习的问题' });
    expect(await within(table).findByText('发票抬头写错了怎么办')).toBeTruthy();
    expect(within(table).getByText('客户说没用')).toBeTruthy();

    fireEvent.click(within(table).getByRole('button', { name: '添加为相似问题' }));
    const dialog = await screen.findByRole('dialog', { name: '添加为相似问题' });
    expect(within(dialog).getByText('怎么开发票')).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: '保存' }));
    await waitFor(() => expect(api.find('POST /api/bot/learning/similar')).toHaveLength(1));
    expect(api.find('POST /api/bot/learning/similar')[0]!.body).toEqual({
      turnIds: learning.groups[0]!.questions.map((q) => q.turnId),
      entryId: ENTRY.entryId,
    });
    expect(await screen.findByText('已学习 2 个问题')).toBeTruthy();

    fireEvent.click(within(table).getByRole('button', { name: '忽略' }));
    await screen.findByText('忽略这组问题？它们将从学习列表中移除。');
    // The second 忽略 is the confirmation's.
    fireEvent.click(screen.getAllByRole('button', { name: '忽略' }).at(-1)!);
    await waitFor(() => expect(api.find('POST /api/bot/learning/dismiss')).toHaveLength(1));
  });

  it('lets an admin switch an inbox’s bot on and try a question', async () => {
    const inbox = inboxView();
    const api = fakeApi({
      'GET /api/auth/session': { body: sessionFor('admin') },
      'GET /api/inboxes': { body: { items: [inbox] } },
      'GET /api/teams': { body: { items: [] } },
      [`PATCH /api/inboxes/${inbox.id}`]: (request) => ({
        body: { ...inbox, settings: { ...inbox.settings, ...(request.body as { settings: object }).settings } },
      }),
      'POST /api/bot/try': {
        body: {
          outcome: 'answer',
          reply: '退款1-3个工作日到账。',
          payload: {
            kind: 'bot_answer',
            source: 'faq',
            entryId: 'e2',
            title: '退款多久能到账',
            citations: [],
            rateable: true,
          },
          handoffReason: null,
          candidates: [{ entryId: 'e2', title: '退款多久能到账', score: 0.91, matchedQuestion: '退款多久能到账' }],
          complaint: { detected: false, score: 0 },
        },
      },
    });
    renderApp('/bot/settings');
    fireEvent.click(await screen.findByRole('radio', { name: '机器人优先' }));
    fireEvent.click(screen.getByRole('button', { name: '保存机器人设置' }));
    await waitFor(() => expect(api.find(`PATCH /api/inboxes/${inbox.id}`)).toHaveLength(1));
    const saved = api.find(`PATCH /api/inboxes/${inbox.id}`)[0]!.body as { settings: { bot: { mode: string } } };
    expect(saved.settings.bot.mode).toBe('bot_first');
    expect(Object.keys(saved.settings)).toEqual(['bot']);

    const ask = screen.getByRole('searchbox', { name: '试一试' });
    fireEvent.change(ask, { target: { value: '退货要多久到账啊' } });
    fireEvent.keyDown(ask, { key: 'Enter', code: 'Enter', keyCode: 13 });
    const result = await screen.findByTestId('bot-try-result');
    expect(within(result).getByText('直接回答')).toBeTruthy();
    expect(within(result).getByText('退款1-3个工作日到账。')).toBeTruthy();
    expect(within(result).getByText('退款多久能到账')).toBeTruthy();
    expect(api.find('POST /api/bot/try')[0]!.body).toEqual({ inboxId: inbox.id, question: '退货要多久到账啊' });
  });

  it('shows a supervisor the settings read-only', async () => {
    fakeApi({
      'GET /api/auth/session': { body: sessionFor('supervisor') },
      'GET /api/inboxes': { body: { items: [inboxView()] } },
      'GET /api/teams': { body: { items: [] } },
    });
    renderApp('/bot/settings');
    expect(await screen.findByText('只有管理员可以修改机器人设置。')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '保存机器人设置' })).toBeNull();
  });
});
