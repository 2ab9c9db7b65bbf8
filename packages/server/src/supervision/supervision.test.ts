import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageCreator } from '../conversations/messageCreator.js';
import { readMessagePage } from '../conversations/messageRepository.js';
import { type KitAgent, RoutingKit } from '../test/routingKit.js';
import { call, createTestApp, type Session, seedWorkspace, signInAs, type TestApp } from '../test/testApp.js';
import { startOfDay } from './boardReader.js';

type Workspace = Awaited<ReturnType<typeof seedWorkspace>>;

describe('supervision (主管)', () => {
  let t: TestApp;
  let w: Workspace;
  let kit: RoutingKit;
  let supervisor: Session;
  let admin: Session;
  let boss: KitAgent;

  const reply = (agent: KitAgent, conversationId: string) =>
    messageCreator(t.ctx, {
      accountId: w.accountId,
      conversationId,
      kind: 'outgoing',
      sender: { type: 'user', id: agent.id, name: agent.name },
      content: '您好',
    });

  beforeAll(async () => {
    t = await createTestApp();
    w = await seedWorkspace(t.ctx, 'supervision');
    kit = await RoutingKit.forAccount(t.ctx, w.accountId, 'supervision');
    supervisor = await signInAs(t.app, w.users.supervisor.email);
    admin = await signInAs(t.app, w.users.admin.email);
    boss = { id: w.users.supervisor.id, name: 'supervision supervisor', actor: undefined as never };
    await call(t.app, supervisor, 'PUT', '/api/profile/presence', { status: 'busy' });
  });
  afterAll(() => t.close());

  it('the board: agents with presence and chats against their limit, queues per team, today’s 30-second answer rate', async () => {
    const fast = await kit.agent('快手', { limit: 1, presence: 'online' });
    const slow = await kit.agent('慢手', { limit: 1, presence: 'online' });
    const team = await kit.team('售前', [fast, slow], 5);
    await kit.configure({}, [team]);
    const a = await kit.arrive({ teamId: team });
    const b = await kit.arrive({ teamId: team });
    t.clock.advance(20_000);
    await reply(fast.id === (await kit.assignee(a.conversationId)) ? fast : slow, a.conversationId);
    t.clock.advance(40_000);
    await reply(fast.id === (await kit.assignee(b.conversationId)) ? fast : slow, b.conversationId);
    const queued = await kit.arrive({ teamId: team });
    t.clock.advance(5_000);

    const res = await call(t.app, supervisor, 'GET', '/api/supervision/board');
    expect(res.statusCode, res.body).toBe(200);
    const board = res.json();
    expect(board.agents.find((x: { id: string }) => x.id === fast.id)).toMatchObject({
      name: '快手',
      role: 'agent',
      presence: 'online',
      activeChats: 1,
      chatLimit: 1,
      teamIds: [team],
    });
    expect(board.agents.find((x: { id: string }) => x.id === boss.id)).toMatchObject({ presence: 'busy' });
    expect(board.teams.find((x: { id: string }) => x.id === team)).toEqual({
      id: team,
      name: '售前',
      chatLimit: 5,
      activeChats: 2,
      onlineAgents: 2,
      queueLength: 1,
      longestWaitSince: new Date(t.clock.now() - 5_000).toISOString(),
    });
    expect(await kit.routing(queued.conversationId)).toMatchObject({ state: 'queued' });
    // One first reply after 20 s, one after 60 s.
    expect(board.serviceLevel).toMatchObject({ thresholdSeconds: 30, answered: 2, withinThreshold: 1, rate: 0.5 });
    expect(board.serviceLevel.since).toBe(new Date(startOfDay(t.clock.now(), 'Asia/Shanghai')).toISOString());
    expect(board.generalQueue).toEqual({ teamId: null, length: 0, longestWaitSince: null });
  });

  it('whisper: a note addressed to the assignee that the customer never receives', async () => {
    const helped = await kit.agent('新人', { presence: 'online' });
    const { conversationId } = await kit.arrive({ agentId: helped.id });
    const res = await call(t.app, supervisor, 'POST', `/api/conversations/${conversationId}/whisper`, {
      content: '先安抚情绪',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      kind: 'note',
      content: '先安抚情绪',
      sender: { type: 'user', id: boss.id },
      activity: { code: 'supervision.whisper', params: { toId: helped.id, toName: '新人' } },
    });
    const customer = await readMessagePage(t.ctx.db.kysely, w.accountId, conversationId, {
      limit: 50,
      includeNotes: false,
    });
    expect(customer.rows.map((m) => m.kind)).toEqual(['incoming']);
    const agent = await signInAs(t.app, w.users.agent.email);
    expect(
      (await call(t.app, agent, 'POST', `/api/conversations/${conversationId}/whisper`, { content: 'x' })).statusCode,
    ).toBe(403);
  });

  it('take over (强插): the supervisor gets the chat past any limit, recorded; reassign to a full agent works too', async () => {
    await kit.limit(boss, 1);
    const taken = await kit.agent('被接管', { presence: 'online' });
    const one = await kit.arrive({ agentId: taken.id });
    const two = await kit.arrive({ agentId: taken.id });
    for (const id of [one.conversationId, two.conversationId]) {
      const res = await call(t.app, supervisor, 'POST', `/api/conversations/${id}/takeover`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().assigneeId).toBe(boss.id);
    }
    expect([await kit.load(boss), await kit.load(taken)]).toEqual([2, 0]);
    expect((await kit.activities(one.conversationId)).at(-1)).toMatchObject({
      code: 'supervision.taken_over',
      internal: true,
      params: { by: 'supervision supervisor', fromId: taken.id, fromName: '被接管' },
    });
    expect(
      (await call(t.app, supervisor, 'POST', `/api/conversations/${one.conversationId}/takeover`)).statusCode,
    ).toBe(409);

    // Reassign: to an agent who is busy and full, with a note.
    const full = await kit.agent('满载', { limit: 1, presence: 'online' });
    await kit.arrive({ agentId: full.id });
    await kit.presence(full, 'busy');
    const res = await call(t.app, supervisor, 'POST', `/api/conversations/${one.conversationId}/reassign`, {
      agentId: full.id,
      note: '你熟悉这个客户',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().assigneeId).toBe(full.id);
    expect([await kit.load(boss), await kit.load(full)]).toEqual([1, 2]);
    expect((await kit.activities(one.conversationId)).slice(-2).map((a) => [a.code, a.internal])).toEqual([
      ['routing.transferred', false],
      ['supervision.reassigned', true],
    ]);
  });

  it('repairs drifted counters on request (admins, audited), and the queue moves', async () => {
    const drifted = await kit.agent('计数错了', { limit: 1, presence: 'online' });
    const team = await kit.team('修复组', [drifted]);
    await kit.configure({}, [team]);
    const waiting = await kit.arrive({ teamId: team });
    expect(await kit.assignee(waiting.conversationId)).toBe(drifted.id);
    // A counter that says "full" while the agent has nothing: the queue would be stuck.
    await kit.resolve(drifted, waiting.conversationId);
    await t.ctx.db.kysely
      .updateTable('agent_states')
      .set({ active_chats: 1 })
      .where('user_id', '=', drifted.id)
      .execute();
    const stuck = await kit.arrive({ teamId: team });
    expect(await kit.assignee(stuck.conversationId)).toBeNull();
    expect((await call(t.app, supervisor, 'POST', '/api/routing/repair')).statusCode).toBe(403);
    const res = await call(t.app, admin, 'POST', '/api/routing/repair');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ agentsCorrected: 1, assigned: 1 });
    expect(await kit.assignee(stuck.conversationId)).toBe(drifted.id);
    expect(await kit.load(drifted)).toBe(1);
    const audit = await call(t.app, admin, 'GET', '/api/audit-events?action=routing.repaired');
    expect(audit.json().items[0].details).toMatchObject({ agentsCorrected: 1, assigned: 1 });
  });

  it('startOfDay is local midnight in the workspace time zone', () => {
    const noonShanghai = Date.parse('2026-03-02T12:00:00+08:00');
    expect(new Date(startOfDay(noonShanghai, 'Asia/Shanghai')).toISOString()).toBe('2026-03-01T16:00:00.000Z');
    const earlyShanghai = Date.parse('2026-03-02T00:30:00+08:00');
    expect(new Date(startOfDay(earlyShanghai, 'Asia/Shanghai')).toISOString()).toBe('2026-03-01T16:00:00.000Z');
    expect(new Date(startOfDay(noonShanghai, 'Not/AZone')).toISOString()).toBe('2026-03-02T00:00:00.000Z');
  });
});
