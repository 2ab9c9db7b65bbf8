import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMessagePage } from '../conversations/messageRepository.js';
import { RoutingKit } from '../test/routingKit.js';
import { createTestApp, type TestApp } from '../test/testApp.js';

/** The assignment pipeline, rule by rule, through the real widget path and the real router. */
describe('routing pipeline', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('a customer choosing 售后 lands with the 售后 agent with the lowest saturation; the reason is in the timeline, for agents only', async () => {
    const kit = await RoutingKit.create(t.ctx, 'skill');
    const presale = await kit.agent('售前小李', { presence: 'online' });
    const busy = await kit.agent('售后老张', { limit: 4, presence: 'online' });
    const light = await kit.agent('售后小王', { limit: 10, presence: 'online' });
    const presaleTeam = await kit.team('售前', [presale]);
    const afterSales = await kit.team('售后', [busy, light]);
    await kit.configure({}, [presaleTeam, afterSales]);
    // 老张 has 2 of 4 (50 %), 小王 3 of 10 (30 %): 小王 is less saturated although he has more chats.
    for (let i = 0; i < 2; i++) await kit.arrive({ agentId: busy.id });
    for (let i = 0; i < 3; i++) await kit.arrive({ agentId: light.id });
    expect([await kit.load(busy), await kit.load(light)]).toEqual([2, 3]);

    const { conversationId } = await kit.arrive({ teamId: afterSales });
    const conversation = await kit.conversation(conversationId);
    expect(conversation.assignee_id).toBe(light.id);
    expect(conversation.team_id).toBe(afterSales);
    expect(await kit.load(light)).toBe(4);
    const [decision] = await kit.activities(conversationId);
    expect(decision).toMatchObject({
      code: 'routing.assigned',
      internal: true,
      kind: 'activity',
      params: {
        rule: 'strategy',
        strategy: 'lowest_saturation',
        agentId: light.id,
        agentName: '售后小王',
        teamId: afterSales,
        teamName: '售后',
        teamRule: 'widget_team',
        activeChats: 4,
        chatLimit: 10,
      },
    });
    expect(await kit.routing(conversationId)).toMatchObject({
      state: 'assigned',
      rule: 'strategy',
      assignee_id: light.id,
    });
    // The customer's own view of the conversation has their message and nothing of the decision.
    const customerView = await readMessagePage(t.ctx.db.kysely, kit.accountId, conversationId, {
      limit: 50,
      includeNotes: false,
    });
    expect(customerView.rows.map((m) => m.kind)).toEqual(['incoming']);
  });

  it('ties in saturation go to the agent idle longest', async () => {
    const kit = await RoutingKit.create(t.ctx, 'tie');
    const first = await kit.agent('甲', { presence: 'online' });
    t.clock.advance(1000);
    const second = await kit.agent('乙', { presence: 'online' });
    // Both 0/10: 甲 has been available longer.
    const a = await kit.arrive();
    expect(await kit.assignee(a.conversationId)).toBe(first.id);
    t.clock.advance(1000);
    // 甲 1/10, 乙 0/10.
    const b = await kit.arrive();
    expect(await kit.assignee(b.conversationId)).toBe(second.id);
    t.clock.advance(1000);
    // Both 1/10 again: 甲 was given a chat first, so has waited longest since.
    const c = await kit.arrive();
    expect(await kit.assignee(c.conversationId)).toBe(first.id);
  });

  it('a designated agent from the link comes first while they can take it; full, the chat goes on through the pipeline', async () => {
    const kit = await RoutingKit.create(t.ctx, 'designated');
    const named = await kit.agent('专属链接客服', { limit: 1, presence: 'online' });
    const other = await kit.agent('其他客服', { presence: 'online' });
    const first = await kit.arrive({ agentId: named.id });
    expect(await kit.assignee(first.conversationId)).toBe(named.id);
    expect((await kit.activities(first.conversationId))[0]!.params.rule).toBe('designated_agent');
    const second = await kit.arrive({ agentId: named.id });
    expect(await kit.assignee(second.conversationId)).toBe(other.id);
    expect((await kit.activities(second.conversationId))[0]!.params.rule).toBe('strategy');
  });

  it('a designated team from the link (not one the widget offers) is recorded as designated', async () => {
    const kit = await RoutingKit.create(t.ctx, 'designated-team');
    const vipDesk = await kit.agent('大客户', { presence: 'online' });
    await kit.agent('普通', { presence: 'online' });
    const team = await kit.team('大客户部', [vipDesk]);
    const { conversationId } = await kit.arrive({ teamId: team });
    expect(await kit.assignee(conversationId)).toBe(vipDesk.id);
    expect((await kit.activities(conversationId))[0]!.params).toMatchObject({
      teamRule: 'designated_team',
      teamId: team,
    });
  });

  it('widget session rejects a team or agent of another workspace with 400, naming the field', async () => {
    const kit = await RoutingKit.create(t.ctx, 'foreign-a');
    const other = await RoutingKit.create(t.ctx, 'foreign-b');
    const stranger = await other.agent('别家客服');
    const strangerTeam = await other.team('别家', [stranger]);
    for (const [body, field] of [
      [{ teamId: strangerTeam }, 'body.teamId'],
      [{ agentId: stranger.id }, 'body.agentId'],
    ] as const) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/widget/session',
        payload: { websiteToken: kit.inbox.website_token, ...body },
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.details).toEqual([expect.objectContaining({ field })]);
    }
  });

  it('a returning customer reaches their previous agent within the window if that agent can take it now', async () => {
    const kit = await RoutingKit.create(t.ctx, 'previous', { previousAgentHours: 24 });
    const previous = await kit.agent('上次的客服', { presence: 'online' });
    const { visitor, conversationId } = await kit.arrive();
    expect(await kit.assignee(conversationId)).toBe(previous.id);
    await kit.resolve(previous, conversationId);
    // Another agent, idle and emptier, comes online; the customer returns the next day.
    const fresh = await kit.agent('新来的客服', { presence: 'online' });
    t.clock.advance(20 * 3600_000);
    const back = await kit.says(await kit.visitor({ visitorToken: visitor.token }), '我又来了');
    expect(back.conversation.id).not.toBe(conversationId);
    expect(await kit.assignee(back.conversation.id)).toBe(previous.id);
    expect((await kit.activities(back.conversation.id))[0]!.params.rule).toBe('previous_agent');
    await kit.resolve(previous, back.conversation.id);

    // Away (小休), the previous agent cannot take it now: the strategy decides.
    await kit.presence(previous, 'away');
    const third = await kit.says(await kit.visitor({ visitorToken: visitor.token }), '还是我');
    expect(await kit.assignee(third.conversation.id)).toBe(fresh.id);
    await kit.resolve(fresh, third.conversation.id);

    // Past the window, the previous agent is nobody special.
    await kit.presence(previous, 'online');
    t.clock.advance(25 * 3600_000);
    await kit.load(previous);
    const fourth = await kit.says(await kit.visitor({ visitorToken: visitor.token }), '好久不见');
    expect((await kit.activities(fourth.conversation.id))[0]!.params.rule).toBe('strategy');
  });

  it("the customer's owner (专属客服) takes their chats first, and a reopened chat goes back to its agent", async () => {
    const kit = await RoutingKit.create(t.ctx, 'owner');
    const owner = await kit.agent('专属客服', { presence: 'online' });
    await kit.agent('值班客服', { presence: 'online' });
    const visitor = await kit.visitor();
    await kit.tag(visitor.contactId, { ownerId: owner.id });
    const created = await kit.says(visitor, '找我的专属客服');
    expect(await kit.assignee(created.conversation.id)).toBe(owner.id);
    expect((await kit.activities(created.conversation.id))[0]!.params.rule).toBe('owner');

    await kit.resolve(owner, created.conversation.id);
    expect(await kit.load(owner)).toBe(0);
    // The customer writes into the resolved conversation: it reopens, is routed again, and its agent takes it back.
    await kit.tag(visitor.contactId, { ownerId: null });
    await kit.says(visitor, '还有个问题', created.conversation.id);
    const reopened = await kit.conversation(created.conversation.id);
    expect(reopened).toMatchObject({ status: 'open', assignee_id: owner.id });
    expect(await kit.load(owner)).toBe(1);
    expect((await kit.activities(created.conversation.id)).at(-1)!.params.rule).toBe('previous_agent');
  });

  it('skill match by page address, language and customer tag, in the order configured', async () => {
    const kit = await RoutingKit.create(t.ctx, 'skills');
    const tech = await kit.agent('技术', { presence: 'online' });
    const english = await kit.agent('English', { presence: 'online' });
    const vip = await kit.agent('VIP 专席', { presence: 'online' });
    const techTeam = await kit.team('技术支持', [tech]);
    const englishTeam = await kit.team('English desk', [english]);
    const vipTeam = await kit.team('VIP', [vip]);
    await kit.configure({
      skillRules: [
        { match: 'page_url', value: '/help/app', teamId: techTeam },
        { match: 'language', value: 'en', teamId: englishTeam },
        { match: 'contact_tag', value: 'VIP', teamId: vipTeam },
      ],
    });
    const byPage = await kit.arrive({ pageUrl: 'https://shop.example.com/help/app/login' });
    expect(await kit.assignee(byPage.conversationId)).toBe(tech.id);
    expect((await kit.activities(byPage.conversationId))[0]!.params.teamRule).toBe('page_url');
    const byLanguage = await kit.arrive({ locale: 'en' });
    expect(await kit.assignee(byLanguage.conversationId)).toBe(english.id);
    const visitor = await kit.visitor();
    await kit.tag(visitor.contactId, { tags: ['VIP'] });
    const byTag = await kit.says(visitor, 'VIP 客户');
    expect(await kit.assignee(byTag.conversation.id)).toBe(vip.id);
    expect((await kit.activities(byTag.conversation.id))[0]!.params.teamRule).toBe('contact_tag');
  });

  it('an empty skill group never stops routing: the chat goes to everyone, and says why', async () => {
    const kit = await RoutingKit.create(t.ctx, 'empty');
    const anyone = await kit.agent('任何人', { presence: 'online' });
    const empty = await kit.team('空组', []);
    const offlineOnly = await kit.agent('下线的', {});
    const asleep = await kit.team('都不在线', [offlineOnly]);
    await kit.configure({}, [empty, asleep]);
    const a = await kit.arrive({ teamId: empty });
    expect(await kit.assignee(a.conversationId)).toBe(anyone.id);
    expect((await kit.activities(a.conversationId))[0]!.params.teamRule).toBe('fallback_no_members');
    const b = await kit.arrive({ teamId: asleep });
    expect(await kit.assignee(b.conversationId)).toBe(anyone.id);
    expect((await kit.activities(b.conversationId))[0]!.params.teamRule).toBe('fallback_nobody_signed_in');
  });

  it('fewest chats, round robin and longest idle choose as their names say', async () => {
    const kit = await RoutingKit.create(t.ctx, 'strategies', { strategy: 'fewest_chats', rules: [] });
    const small = await kit.agent('小', { limit: 3, presence: 'online' });
    t.clock.advance(1);
    const big = await kit.agent('大', { limit: 20, presence: 'online' });
    // Fewest chats ignores limits: 小 gets the first (idle longer), then 大, then 小 again (1 vs 1, idle longer).
    const order: string[] = [];
    for (let i = 0; i < 3; i++) {
      t.clock.advance(1);
      order.push((await kit.assignee((await kit.arrive()).conversationId))!);
    }
    expect(order).toEqual([small.id, big.id, small.id]);

    await kit.configure({ strategy: 'round_robin' });
    // 大 was given a chat least recently.
    t.clock.advance(1);
    expect(await kit.assignee((await kit.arrive()).conversationId)).toBe(big.id);

    await kit.configure({ strategy: 'longest_idle' });
    t.clock.advance(1);
    // Both have 2 chats; 小 got theirs before 大's last one, so 小 has been idle longest (lowest saturation would pick
    // 大: 2/20 against 2/3).
    expect(await kit.assignee((await kit.arrive()).conversationId)).toBe(small.id);
  });

  it('with routing off the chat waits in the pool, silently, as before routing existed', async () => {
    const kit = await RoutingKit.create(t.ctx, 'off', { enabled: false });
    await kit.agent('在线', { presence: 'online' });
    const { conversationId } = await kit.arrive();
    expect(await kit.assignee(conversationId)).toBeNull();
    expect(await kit.routing(conversationId)).toMatchObject({ state: 'pool' });
    expect((await kit.timeline(conversationId)).map((m) => m.kind)).toEqual(['incoming']);
  });
});
