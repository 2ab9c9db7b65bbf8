import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageCreator } from '../conversations/messageCreator.js';
import { type KitAgent, RoutingKit } from '../test/routingKit.js';
import { createTestApp, type TestApp } from '../test/testApp.js';
import { sweepSilent } from './silenceCloser.js';
import { sweepUnanswered } from './unansweredTransferrer.js';

/** The time-driven rules, driven by the test clock: auto-transfer and auto-close. */
describe('routing sweeps', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const reply = (kit: RoutingKit, agent: KitAgent, conversationId: string, content = '您好，请问有什么可以帮您？') =>
    messageCreator(t.ctx, {
      accountId: kit.accountId,
      conversationId,
      kind: 'outgoing',
      sender: { type: 'user', id: agent.id, name: agent.name },
      content,
    });

  it('an agent who does not answer in time loses the chat to the next agent; once answered it stays', async () => {
    const kit = await RoutingKit.create(t.ctx, 'transfer', { autoTransferSeconds: 60 });
    const slow = await kit.agent('慢', { presence: 'online' });
    t.clock.advance(1);
    const quick = await kit.agent('快', { presence: 'online' });
    const unanswered = await kit.arrive();
    expect(await kit.assignee(unanswered.conversationId)).toBe(slow.id);
    const answered = await kit.arrive();
    expect(await kit.assignee(answered.conversationId)).toBe(quick.id);
    await reply(kit, quick, answered.conversationId);

    t.clock.advance(59_000);
    await sweepUnanswered(t.ctx);
    expect(await kit.assignee(unanswered.conversationId)).toBe(slow.id);
    t.clock.advance(1_000);
    await sweepUnanswered(t.ctx);
    expect(await kit.assignee(unanswered.conversationId)).toBe(quick.id);
    expect([await kit.load(slow), await kit.load(quick)]).toEqual([0, 2]);
    const entries = await kit.activities(unanswered.conversationId);
    expect(entries.slice(-3)).toMatchObject([
      { code: 'routing.auto_transferred', internal: true, params: { fromId: slow.id, fromName: '慢', seconds: 60 } },
      { code: 'routing.assigned', internal: true, params: { agentId: quick.id } },
      // The customer is told plainly.
      { code: 'routing.transferred', internal: false, params: { toName: '快' } },
    ]);
    // Sweeping again (another node, a second later) does nothing more; the answered chat was never touched.
    t.clock.advance(1_000);
    await sweepUnanswered(t.ctx);
    expect(await kit.assignee(unanswered.conversationId)).toBe(quick.id);
    expect(await kit.assignee(answered.conversationId)).toBe(quick.id);
    expect((await kit.activities(unanswered.conversationId)).length).toBe(entries.length);
  });

  it('without another agent who can take it, an unanswered chat stays where it is', async () => {
    const kit = await RoutingKit.create(t.ctx, 'transfer-alone', { autoTransferSeconds: 30 });
    const alone = await kit.agent('独自', { presence: 'online' });
    const { conversationId } = await kit.arrive();
    t.clock.advance(120_000);
    await sweepUnanswered(t.ctx);
    expect(await kit.assignee(conversationId)).toBe(alone.id);
    expect((await kit.activities(conversationId)).map((a) => a.code)).toEqual(['routing.assigned']);
  });

  it('a customer silent for the configured time after the agent spoke gets the closing message and the chat ends', async () => {
    const kit = await RoutingKit.create(t.ctx, 'close', {
      autoCloseMinutes: 30,
      closingMessage: '本次会话已结束，感谢咨询。',
    });
    const agent = await kit.agent('客服', { presence: 'online' });
    const silent = await kit.arrive();
    const waiting = await kit.arrive();
    await reply(kit, agent, silent.conversationId);
    // The second customer still waits for an answer: never closed for silence.
    t.clock.advance(29 * 60_000);
    await sweepSilent(t.ctx);
    expect((await kit.conversation(silent.conversationId)).status).toBe('open');
    t.clock.advance(60_000);
    await sweepSilent(t.ctx);
    expect(await kit.conversation(silent.conversationId)).toMatchObject({ status: 'resolved', assignee_id: agent.id });
    expect((await kit.conversation(waiting.conversationId)).status).toBe('open');
    expect(await kit.load(agent)).toBe(1);
    expect(await kit.routing(silent.conversationId)).toMatchObject({ state: 'ended' });
    const timeline = await kit.timeline(silent.conversationId);
    expect(timeline.slice(-2).map((m) => [m.kind, m.sender_type, m.content, m.internal])).toEqual([
      ['outgoing', 'system', '本次会话已结束，感谢咨询。', 0],
      ['activity', 'system', '客户 30 分钟未回复，会话自动结束', 1],
    ]);
    expect(JSON.parse(timeline.at(-1)!.activity!)).toEqual({ code: 'routing.auto_closed', params: { minutes: 30 } });
  });

  it('a customer who wrote meanwhile is not closed, and a second sweep closes nothing twice', async () => {
    const kit = await RoutingKit.create(t.ctx, 'close-race', { autoCloseMinutes: 10 });
    const agent = await kit.agent('客服', { presence: 'online' });
    const { visitor, conversationId } = await kit.arrive();
    await reply(kit, agent, conversationId);
    t.clock.advance(9 * 60_000);
    await kit.says(visitor, '我还在', conversationId);
    await reply(kit, agent, conversationId, '好的');
    t.clock.advance(2 * 60_000);
    await sweepSilent(t.ctx);
    expect((await kit.conversation(conversationId)).status).toBe('open');
    t.clock.advance(9 * 60_000);
    await Promise.all([sweepSilent(t.ctx), sweepSilent(t.ctx)]);
    expect((await kit.conversation(conversationId)).status).toBe('resolved');
    const closings = (await kit.timeline(conversationId)).filter(
      (m) => m.sender_type === 'system' && m.kind === 'outgoing',
    );
    expect(closings).toHaveLength(1);
  });
});
