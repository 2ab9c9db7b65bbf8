import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMessagePage } from '../conversations/messageRepository.js';
import { type KitAgent, RoutingKit } from '../test/routingKit.js';
import { call, createTestApp, type Session, seedWorkspace, signInAs, type TestApp } from '../test/testApp.js';

type Workspace = Awaited<ReturnType<typeof seedWorkspace>>;

/** Transfer (转接), inviting a second agent, and customers' owners and tags, over the API. */
describe('transfer and participants', () => {
  let t: TestApp;
  let w: Workspace;
  let other: Workspace;
  let kit: RoutingKit;
  let agentSession: Session;
  let supervisorSession: Session;
  let me: KitAgent;
  const customerView = async (conversationId: string) =>
    (await readMessagePage(t.ctx.db.kysely, w.accountId, conversationId, { limit: 100, includeNotes: false })).rows;

  beforeAll(async () => {
    t = await createTestApp();
    w = await seedWorkspace(t.ctx, 'transfer');
    other = await seedWorkspace(t.ctx, 'transfer-other');
    kit = await RoutingKit.forAccount(t.ctx, w.accountId, 'transfer');
    agentSession = await signInAs(t.app, w.users.agent.email);
    supervisorSession = await signInAs(t.app, w.users.supervisor.email);
    me = { id: w.users.agent.id, name: 'transfer agent', actor: undefined as never };
    await call(t.app, supervisorSession, 'PUT', '/api/profile/presence', { status: 'busy' });
    await call(t.app, await signInAs(t.app, w.users.admin.email), 'PUT', '/api/profile/presence', { status: 'busy' });
    await call(t.app, agentSession, 'PUT', '/api/profile/presence', { status: 'online' });
  });
  afterAll(() => t.close());

  it('to an online agent with a note: the next agent reads the note, the customer sees only that they were transferred', async () => {
    const colleague = await kit.agent('同事小王', { presence: 'online' });
    await kit.presence(colleague, 'busy');
    const { conversationId } = await kit.arrive();
    expect(await kit.assignee(conversationId)).toBe(me.id);
    await kit.presence(colleague, 'online');

    const res = await call(t.app, agentSession, 'POST', `/api/conversations/${conversationId}/transfer`, {
      agentId: colleague.id,
      note: '客户要退货，订单号 8848，已核实',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ assigneeId: colleague.id });
    expect([await kit.load(me), await kit.load(colleague)]).toEqual([0, 1]);
    const timeline = await kit.timeline(conversationId);
    const note = timeline.find((m) => m.kind === 'note')!;
    expect(note).toMatchObject({ sender_id: me.id, content: '客户要退货，订单号 8848，已核实' });
    expect(JSON.parse(note.activity!)).toEqual({
      code: 'routing.transfer_note',
      params: { toId: colleague.id, toName: '同事小王' },
    });
    const notice = (await customerView(conversationId)).at(-1)!;
    expect(notice).toMatchObject({ kind: 'activity', content: '会话已由 transfer agent 转接给 同事小王' });
    expect((await customerView(conversationId)).some((m) => m.kind === 'note' || m.internal === 1)).toBe(false);
    expect(await kit.routing(conversationId)).toMatchObject({
      state: 'assigned',
      rule: 'transfer',
      assignee_id: colleague.id,
    });
  });

  it('to an agent who is away or full: 409, and nothing changes', async () => {
    const away = await kit.agent('小休中', { presence: 'away' });
    const full = await kit.agent('满了', { limit: 1, presence: 'online' });
    await kit.arrive({ agentId: full.id });
    await kit.presence(full, 'online');
    const { conversationId } = await kit.arrive({ agentId: me.id });
    expect(await kit.assignee(conversationId)).toBe(me.id);
    const before = (await kit.timeline(conversationId)).length;
    for (const target of [away, full]) {
      const res = await call(t.app, agentSession, 'POST', `/api/conversations/${conversationId}/transfer`, {
        agentId: target.id,
        note: '请接手',
      });
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json().error.details).toEqual([{ field: 'body.agentId', issue: 'has no free seat' }]);
    }
    expect(await kit.assignee(conversationId)).toBe(me.id);
    expect((await kit.timeline(conversationId)).length).toBe(before);
    await kit.presence(away, 'offline');
    await kit.presence(full, 'offline');
  });

  it('to a team: routed among its members (never back), or queued there ahead of others when all are full', async () => {
    const a = await kit.agent('售后甲', { limit: 1, presence: 'online' });
    const b = await kit.agent('售后乙', { limit: 1, presence: 'online' });
    const team = await kit.team('售后组', [a, b, me as KitAgent]);
    const first = await kit.arrive({ agentId: me.id });
    const res = await call(t.app, agentSession, 'POST', `/api/conversations/${first.conversationId}/transfer`, {
      teamId: team,
    });
    expect(res.statusCode, res.body).toBe(200);
    const firstTaker = await kit.assignee(first.conversationId);
    expect([a.id, b.id]).toContain(firstTaker);
    expect((await kit.activities(first.conversationId)).at(-1)!.params).toMatchObject({
      teamId: team,
      teamRule: 'transfer',
    });

    const second = await kit.arrive({ agentId: me.id });
    await call(t.app, agentSession, 'POST', `/api/conversations/${second.conversationId}/transfer`, { teamId: team });
    // Both members now have their one chat: the third transfer waits in the team's queue, ahead of plain arrivals.
    const third = await kit.arrive({ agentId: me.id });
    await call(t.app, agentSession, 'POST', `/api/conversations/${third.conversationId}/transfer`, {
      teamId: team,
      note: '着急',
    });
    expect(await kit.assignee(third.conversationId)).toBeNull();
    expect(await kit.routing(third.conversationId)).toMatchObject({ state: 'queued', priority: 1, team_id: team });
    await kit.resolve(
      a,
      (await kit.assignee(first.conversationId)) === a.id ? first.conversationId : second.conversationId,
    );
    expect(await kit.assignee(third.conversationId)).toBe(a.id);
  });

  it('validates targets: exactly one of agent and team, of this workspace, not the current assignee', async () => {
    const { conversationId } = await kit.arrive({ agentId: me.id });
    const post = (body: object) =>
      call(t.app, agentSession, 'POST', `/api/conversations/${conversationId}/transfer`, body);
    expect((await post({})).statusCode).toBe(400);
    expect((await post({ agentId: w.users.admin.id, teamId: w.users.admin.id })).statusCode).toBe(400);
    const foreign = await post({ agentId: other.users.agent.id });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.details[0].field).toBe('body.agentId');
    expect((await post({ agentId: me.id })).statusCode).toBe(400);
    expect((await post({ agentId: w.users.department.id })).statusCode).toBe(400);
  });

  it('invites a second agent: the customer sees them join and leave; duplicates and strangers are refused', async () => {
    const { conversationId } = await kit.arrive({ agentId: me.id });
    const helper = await kit.agent('技术协助', {});
    const url = `/api/conversations/${conversationId}/participants`;
    const invited = await call(t.app, agentSession, 'POST', url, { userId: helper.id });
    expect(invited.statusCode, invited.body).toBe(200);
    expect(invited.json().items).toEqual([
      { userId: helper.id, name: '技术协助', addedBy: me.id, addedAt: new Date(t.clock.now()).toISOString() },
    ]);
    expect((await call(t.app, agentSession, 'POST', url, { userId: helper.id })).statusCode).toBe(409);
    expect((await call(t.app, agentSession, 'POST', url, { userId: me.id })).statusCode).toBe(400);
    expect((await call(t.app, agentSession, 'POST', url, { userId: other.users.agent.id })).statusCode).toBe(400);
    // Helping takes no seat of the helper's chat limit.
    expect(await kit.load(helper)).toBe(0);
    expect((await call(t.app, agentSession, 'GET', url)).json().items).toHaveLength(1);
    const left = await call(t.app, agentSession, 'DELETE', `${url}/${helper.id}`);
    expect(left.statusCode, left.body).toBe(200);
    expect(left.json().items).toEqual([]);
    expect((await call(t.app, agentSession, 'DELETE', `${url}/${helper.id}`)).statusCode).toBe(404);
    expect((await customerView(conversationId)).slice(-2).map((m) => m.content)).toEqual([
      '技术协助 加入了会话',
      '技术协助 离开了会话',
    ]);
  });

  it("sets a customer's owner and tags (supervisors, audited); the owner must be an agent of this workspace", async () => {
    const visitor = await kit.visitor();
    const url = `/api/contacts/${visitor.contactId}/routing`;
    expect((await call(t.app, agentSession, 'GET', url)).json()).toEqual({
      contactId: visitor.contactId,
      ownerId: null,
      tags: [],
    });
    const set = await call(t.app, supervisorSession, 'PUT', url, { ownerId: me.id, tags: ['VIP', ' 老客户 ', 'VIP'] });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toEqual({ contactId: visitor.contactId, ownerId: me.id, tags: ['VIP', '老客户'] });
    expect((await call(t.app, agentSession, 'PUT', url, { tags: [] })).statusCode).toBe(403);
    expect((await call(t.app, supervisorSession, 'PUT', url, { ownerId: other.users.agent.id })).statusCode).toBe(400);
    const admin = await signInAs(t.app, w.users.admin.email);
    const audit = await call(t.app, admin, 'GET', '/api/audit-events?action=contact.routing_changed');
    expect(audit.json().items[0]).toMatchObject({
      targetId: visitor.contactId,
      details: { ownerId: { from: null, to: me.id }, tags: { from: [], to: ['VIP', '老客户'] } },
    });
  });
});
