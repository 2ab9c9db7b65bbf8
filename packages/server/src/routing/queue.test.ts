import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chatLimitChanger } from '../presence/chatLimitChanger.js';
import { type KitAgent, RoutingKit } from '../test/routingKit.js';
import { call, createTestApp, seedWorkspace, signInAs, type TestApp } from '../test/testApp.js';
import { type FrameOf, TestSocket, wsBase } from '../test/testSocket.js';
import { queuePublished } from './queueNotifier.js';
import { sweepAbandoned, sweepRouting } from './routingSweeper.js';

type QueueFrame = FrameOf<'queue'>;

/** The queue: order (VIPs and complaints first, then FIFO), live positions, draining, abandoning, overflow. */
describe('routing queue', () => {
  let t: TestApp;
  let base: string;
  const sockets: TestSocket[] = [];
  const widget = async (token: string) => {
    const socket = await TestSocket.connect(`${base}/ws/widget?v=1&token=${encodeURIComponent(token)}`);
    sockets.push(socket);
    return socket;
  };
  /** The latest queue frame the socket got for the conversation, once every scheduled publication is out. */
  const latestQueue = async (socket: TestSocket, conversationId: string) => {
    await queuePublished();
    await socket.flush();
    return socket.all('queue', (f) => f.queue.conversationId === conversationId).at(-1)?.queue;
  };

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = wsBase(t.app);
  });
  afterEach(async () => {
    await Promise.all(sockets.splice(0).map((s) => s.close()));
  });
  afterAll(() => t.close());

  it('when everyone is full customers queue; positions update live; VIPs go first; a freed seat takes the head at once', async () => {
    const kit = await RoutingKit.create(t.ctx, 'queue');
    const agent = await kit.agent('唯一的客服', { limit: 1, presence: 'online' });
    const first = await kit.arrive();
    expect(await kit.assignee(first.conversationId)).toBe(agent.id);

    // Three more wait: two ordinary customers, then a VIP who arrives last.
    const waiting = [];
    for (const label of ['a', 'b']) {
      const visitor = await kit.visitor();
      const socket = await widget(visitor.token);
      const created = await kit.says(visitor, `排队的 ${label}`);
      waiting.push({ visitor, socket, conversationId: created.conversation.id });
    }
    const vipVisitor = await kit.visitor();
    await kit.tag(vipVisitor.contactId, { tags: ['VIP'] });
    const vipSocket = await widget(vipVisitor.token);
    const vip = await kit.says(vipVisitor, 'VIP 来了');
    const [a, b] = waiting as [(typeof waiting)[0], (typeof waiting)[0]];

    expect(await kit.routing(a.conversationId)).toMatchObject({ state: 'queued', priority: 0 });
    expect(await kit.routing(vip.conversation.id)).toMatchObject({ state: 'queued', priority: 1 });
    expect((await kit.activities(a.conversationId))[0]).toMatchObject({
      code: 'routing.queued',
      internal: true,
      params: { position: 1, priority: 0, teamId: null },
    });
    expect((await kit.activities(vip.conversation.id))[0]!.params).toMatchObject({ position: 1, priority: 1 });
    // Live: the VIP is first; a and b moved back one place each. Each place counts a minute until there is history.
    expect(await latestQueue(vipSocket, vip.conversation.id)).toEqual({
      conversationId: vip.conversation.id,
      status: 'waiting',
      position: 1,
      estimatedWaitSeconds: 60,
      agentName: null,
    });
    expect(await latestQueue(a.socket, a.conversationId)).toMatchObject({ status: 'waiting', position: 2 });
    expect(await latestQueue(b.socket, b.conversationId)).toMatchObject({ status: 'waiting', position: 3 });
    // A customer never hears about another's place.
    expect(a.socket.all('queue').every((f: QueueFrame) => f.queue.conversationId === a.conversationId)).toBe(true);

    // The agent resolves a chat: the VIP is served at once, and everyone behind moves up.
    t.clock.advance(30_000);
    await kit.resolve(agent, first.conversationId);
    expect(await kit.assignee(vip.conversation.id)).toBe(agent.id);
    expect(await latestQueue(vipSocket, vip.conversation.id)).toEqual({
      conversationId: vip.conversation.id,
      status: 'assigned',
      position: null,
      estimatedWaitSeconds: null,
      agentName: '唯一的客服',
    });
    expect(await latestQueue(a.socket, a.conversationId)).toMatchObject({ status: 'waiting', position: 1 });
    expect(await latestQueue(b.socket, b.conversationId)).toMatchObject({ status: 'waiting', position: 2 });
    expect((await kit.activities(vip.conversation.id)).at(-1)!.params).toMatchObject({
      rule: 'strategy',
      waitedSeconds: 30,
    });
    expect(await kit.load(agent)).toBe(1);

    // A reconnecting customer learns their place at once.
    const again = await widget(b.visitor.token);
    expect((await again.nextOf('queue')).queue).toMatchObject({ conversationId: b.conversationId, position: 2 });
  });

  it('complaints go ahead too; more room (a limit raised, an agent back online) drains the queue in order', async () => {
    const kit = await RoutingKit.create(t.ctx, 'drain');
    const agent = await kit.agent('甲', { limit: 1, presence: 'online' });
    const later = await kit.agent('乙', { presence: 'away' });
    await kit.arrive();
    const plain = await kit.arrive();
    // A complaint label (set by a bot or an earlier agent) puts the chat ahead when it is routed.
    const visitor = await kit.visitor();
    const created = await kit.says(visitor, '我要投诉');
    expect(await kit.routing(created.conversation.id)).toMatchObject({ state: 'queued', priority: 0 });
    await t.ctx.db.kysely
      .updateTable('conversations')
      .set({ labels: JSON.stringify(['投诉']), assignee_id: null })
      .where('id', '=', created.conversation.id)
      .execute();
    await t.ctx.db.kysely
      .deleteFrom('conversation_routing')
      .where('conversation_id', '=', created.conversation.id)
      .execute();
    const { conversationRouter } = await import('./conversationRouter.js');
    await conversationRouter(t.ctx, kit.accountId, created.conversation.id);
    expect(await kit.routing(created.conversation.id)).toMatchObject({ state: 'queued', priority: 1 });

    // The admin raises 甲's limit to 2: one seat, for the complaint.
    await chatLimitChanger(t.ctx, { ...agent.actor, role: 'admin' }, agent.id, 2);
    expect(await kit.assignee(created.conversation.id)).toBe(agent.id);
    expect(await kit.assignee(plain.conversationId)).toBeNull();
    // 乙 comes back from the break: the plain one is served.
    await kit.presence(later, 'online');
    expect(await kit.assignee(plain.conversationId)).toBe(later.id);
  });

  it('a customer leaving the queue is recorded as abandoned, and so is one whose widget has been gone past the grace', async () => {
    const kit = await RoutingKit.create(t.ctx, 'abandon', { abandonAfterSeconds: 60 });
    await kit.agent('满员', { limit: 1, presence: 'online' });
    await kit.arrive();
    const leaver = await kit.visitor();
    const leaverSocket = await widget(leaver.token);
    const left = await kit.says(leaver, '等不了了');
    t.clock.advance(45_000);
    leaverSocket.send({ type: 'leave', conversationId: left.conversation.id });
    expect((await leaverSocket.nextOf('queue', (f) => f.queue.status === 'left')).queue).toMatchObject({
      conversationId: left.conversation.id,
      position: null,
    });
    expect(await kit.conversation(left.conversation.id)).toMatchObject({ status: 'resolved', assignee_id: null });
    expect(await kit.routing(left.conversation.id)).toMatchObject({ state: 'abandoned' });
    expect((await kit.activities(left.conversation.id)).at(-1)).toMatchObject({
      code: 'routing.abandoned',
      internal: true,
      params: { reason: 'left', waitedSeconds: 45 },
    });

    // Two more wait: one keeps the widget open, one closes it.
    const stays = await kit.visitor();
    const staysSocket = await widget(stays.token);
    const staying = await kit.says(stays, '我等着');
    const goes = await kit.visitor();
    const goesSocket = await widget(goes.token);
    const going = await kit.says(goes, '我先走了');
    await goesSocket.close();
    t.clock.advance(59_000);
    await sweepAbandoned(t.ctx, [stays.contactId]);
    expect(await kit.routing(going.conversation.id)).toMatchObject({ state: 'queued' });
    t.clock.advance(2_000);
    // This node still holds the first customer's socket; the second has been gone 61 s.
    await sweepAbandoned(t.ctx, [stays.contactId]);
    expect(await kit.routing(going.conversation.id)).toMatchObject({ state: 'abandoned' });
    expect((await kit.activities(going.conversation.id)).at(-1)!.params).toMatchObject({ reason: 'gone' });
    expect(await kit.routing(staying.conversation.id)).toMatchObject({ state: 'queued' });
    expect(await latestQueue(staysSocket, staying.conversation.id)).toMatchObject({ position: 1 });
  });

  it('after the configured wait, the backup team may take the chat (overflow)', async () => {
    const kit = await RoutingKit.create(t.ctx, 'overflow', { overflowAfterSeconds: 120 });
    const sales = await kit.agent('售前', { limit: 1, presence: 'online' });
    const backup = await kit.agent('后备', { presence: 'online' });
    const salesTeam = await kit.team('售前', [sales]);
    const backupTeam = await kit.team('后备', [backup]);
    await kit.configure({ overflowTeamId: backupTeam }, [salesTeam]);
    await kit.arrive({ teamId: salesTeam });
    const waiting = await kit.arrive({ teamId: salesTeam });
    expect(await kit.routing(waiting.conversationId)).toMatchObject({ state: 'queued', team_id: salesTeam });
    t.clock.advance(119_000);
    await sweepRouting(t.ctx, { connectedContactIds: [waiting.visitor.contactId] });
    expect(await kit.assignee(waiting.conversationId)).toBeNull();
    t.clock.advance(1_000);
    await sweepRouting(t.ctx, { connectedContactIds: [waiting.visitor.contactId] });
    expect(await kit.assignee(waiting.conversationId)).toBe(backup.id);
    expect((await kit.activities(waiting.conversationId)).at(-1)!.params).toMatchObject({
      rule: 'overflow',
      teamId: backupTeam,
      waitedSeconds: 120,
    });
  });

  it('with whenFull = pool the chat waits unassigned for agents to pick, and a picking agent respects their limit', async () => {
    const kit = await RoutingKit.create(t.ctx, 'pool', { whenFull: 'pool' });
    const agent = await kit.agent('挑单的', { limit: 1, presence: 'online' });
    const supervisor = await kit.agent('主管', { role: 'supervisor', limit: 1, presence: 'busy' });
    await kit.arrive();
    const pooled = await kit.arrive();
    expect(await kit.routing(pooled.conversationId)).toMatchObject({ state: 'pool' });
    expect((await kit.activities(pooled.conversationId))[0]).toMatchObject({ code: 'routing.pooled', internal: true });
    const { conversationUpdater } = await import('../conversations/conversationUpdater.js');
    await expect(
      conversationUpdater(t.ctx, agent.actor, pooled.conversationId, { assigneeId: agent.id }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect(await kit.assignee(pooled.conversationId)).toBeNull();
    // A supervisor may go past a limit.
    await conversationUpdater(t.ctx, supervisor.actor, pooled.conversationId, { assigneeId: agent.id });
    expect(await kit.load(agent)).toBe(2);
    expect(await kit.routing(pooled.conversationId)).toMatchObject({ state: 'assigned', rule: 'manual' });
  });

  it('agents hear presence and load changes and queue lengths live', async () => {
    const ws = await seedWorkspace(t.ctx, 'queue-frames');
    const kit = await RoutingKit.forAccount(t.ctx, ws.accountId, 'frames');
    const me = { id: ws.users.agent.id } as KitAgent;
    await kit.limit(me, 1);
    // A supervisor watches (busy: the supervisor takes no chats here).
    const watcher = await signInAs(t.app, ws.users.supervisor.email);
    await call(t.app, watcher, 'PUT', '/api/profile/presence', { status: 'busy' });
    const socket = await TestSocket.connect(`${base}/ws/agent?v=1`, { headers: { cookie: watcher.cookie } });
    sockets.push(socket);
    const session = await signInAs(t.app, ws.users.agent.email);
    sockets.push(await TestSocket.connect(`${base}/ws/agent?v=1`, { headers: { cookie: session.cookie } }));
    // Connecting restored the agent's chosen status (online by default): colleagues hear it.
    expect((await socket.nextOf('agent', (f) => f.agent.id === me.id)).agent).toMatchObject({
      presence: 'online',
      activeChats: 0,
      chatLimit: 1,
    });
    const first = await kit.arrive();
    expect((await socket.nextOf('agent', (f) => f.agent.id === me.id)).agent).toMatchObject({ activeChats: 1 });
    const second = await kit.arrive();
    expect((await socket.nextOf('queues', (f) => f.queues.length > 0)).queues).toEqual([
      { teamId: null, length: 1, longestWaitSince: new Date(t.clock.now()).toISOString() },
    ]);
    const resolved = await call(t.app, watcher, 'PATCH', `/api/conversations/${first.conversationId}`, {
      status: 'resolved',
    });
    expect(resolved.statusCode, resolved.body).toBe(200);
    expect(await kit.assignee(second.conversationId)).toBe(me.id);
    expect((await socket.nextOf('queues', (f) => f.queues.length === 0)).queues).toEqual([]);
  });
});
