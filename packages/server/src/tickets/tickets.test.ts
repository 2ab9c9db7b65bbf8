import type { TicketView, TimelineEntryView } from '@kefu/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, type TestApp } from '../test/testApp.js';
import { TestSocket, wsBase } from '../test/testSocket.js';
import { chattingVisitor, complaintBody, expectError, type TicketWorld, ticketWorld } from '../test/testTickets.js';
import { sweepTicketDeadlines } from './ticketDueSweeper.js';

const HOUR = 3600_000;

describe('tickets', () => {
  let t: TestApp;
  let w: TicketWorld;

  const as = (role: keyof TicketWorld['sessions']) => w.sessions[role];
  const create = async (body: object, role: keyof TicketWorld['sessions'] = 'agent') => {
    const res = await call(t.app, as(role), 'POST', '/api/tickets', body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as TicketView;
  };
  const row = (id: string) =>
    t.ctx.db.kysely.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const timeline = async (id: string) =>
    (await call(t.app, as('agent'), 'GET', `/api/tickets/${id}/timeline`)).json().items as TimelineEntryView[];
  const notifications = (kind: string) =>
    t.ctx.db.kysely.selectFrom('ticket_notifications').selectAll().where('kind', '=', kind).orderBy('id').execute();
  const inquiry = () => ({
    typeId: w.types.get('咨询')!.id,
    title: '发票怎么开',
    contact: { name: '赵女士', phone: '13700002222' },
    fields: { topic: 'order' },
  });

  beforeAll(async () => {
    t = await createTestApp();
    w = await ticketWorld(t, 'tickets');
    await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => t.close());

  it('numbers run per workspace and day in its time zone, and start again the next day', async () => {
    const first = await create(inquiry());
    const second = await create(inquiry());
    expect([first.number, second.number]).toEqual(['T-20260302-0001', 'T-20260302-0002']);
    t.clock.advance(24 * HOUR);
    expect((await create(inquiry())).number).toBe('T-20260303-0001');
  });

  it('a ticket made with a personal API token says so', async () => {
    const token = await call(t.app, as('agent'), 'POST', '/api/api-tokens', { name: 'CRM 同步' });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/tickets',
      headers: { authorization: `Bearer ${token.json().secret}` },
      payload: inquiry(),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ source: 'api', recordedBy: { id: w.ws.users.agent.id } });
  });

  it('a ticket from a phone call logs the call with its number masked; revealing it is audited', async () => {
    const ticket = await create({
      ...complaintBody(w),
      call: {
        phoneNumber: '13900001111',
        direction: 'inbound',
        startedAt: '2026-03-03T08:50:00+08:00',
        durationSeconds: 185,
        summary: '客户来电投诉漏水',
      },
    });
    expect(ticket.source).toBe('phone');
    expect(ticket.contact).toMatchObject({ name: '王先生', phone: '139****1111' });
    expect(ticket.calls).toEqual([
      expect.objectContaining({ phoneNumber: '139****1111', direction: 'inbound', durationSeconds: 185 }),
    ]);
    expect(ticket.fields.address).toBe('上海市***');
    const byAgent = await call(t.app, as('agent'), 'POST', `/api/tickets/${ticket.id}/reveal`, {
      target: 'call',
      key: ticket.calls[0]!.id,
      reason: '需要回电',
    });
    expectError(byAgent, 403, 'FORBIDDEN');
    const revealed = await call(t.app, as('supervisor'), 'POST', `/api/tickets/${ticket.id}/reveal`, {
      target: 'field',
      key: 'address',
      reason: '寄送补偿',
    });
    expect(revealed.json()).toEqual({ value: '上海市浦东新区世纪大道 100 号' });
    const audit = await t.ctx.db.kysely
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'ticket.revealed')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.details)).toEqual({
      number: ticket.number,
      target: 'field',
      key: 'address',
      reason: '寄送补偿',
    });
    const notPersonal = await call(t.app, as('supervisor'), 'POST', `/api/tickets/${ticket.id}/reveal`, {
      target: 'field',
      key: 'product',
      reason: '看看',
    });
    expectError(notPersonal, 404, 'NOT_FOUND');
  });

  it('missing or invalid form values are refused with every field named, and nothing is stored', async () => {
    const before = await t.ctx.db.kysely.selectFrom('tickets').select('id').execute();
    const res = await call(t.app, as('agent'), 'POST', '/api/tickets', {
      ...complaintBody(w),
      fields: { company: '悦家', incident_at: 'yesterday' },
    });
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(res.json().error.details).toEqual([
      { field: 'body.fields.incident_at', issue: expect.stringContaining('must be a time') },
      { field: 'body.fields.phone', issue: 'is required' },
      { field: 'body.fields.reason', issue: 'is required' },
    ]);
    expect(await t.ctx.db.kysely.selectFrom('tickets').select('id').execute()).toEqual(before);
    const contacts = await t.ctx.db.kysely.selectFrom('contacts').select('name').where('name', '=', '王先生').execute();
    expect(contacts).toHaveLength(1);
  });

  it('a change writes one timeline entry per field with from and to; no change, no new version', async () => {
    const ticket = await create(inquiry());
    const res = await call(t.app, as('agent'), 'PATCH', `/api/tickets/${ticket.id}`, {
      version: 1,
      priority: 'urgent',
      tags: ['发票', 'VIP'],
      assigneeId: w.ws.users.supervisor.id,
      fields: { topic: 'policy' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ version: 2, priority: 'urgent', assignee: { id: w.ws.users.supervisor.id } });
    const changes = (await timeline(ticket.id)).filter((e) => e.version === 2);
    expect(changes.map((e) => [e.field, e.from, e.to, e.actor.id])).toEqual([
      ['priority', 'normal', 'urgent', w.ws.users.agent.id],
      ['assigneeId', null, w.ws.users.supervisor.id, w.ws.users.agent.id],
      ['tags', [], ['发票', 'VIP'], w.ws.users.agent.id],
      ['fields.topic', 'order', 'policy', w.ws.users.agent.id],
    ]);
    expect((await notifications('ticket.assigned')).map((n) => n.user_id)).toContain(w.ws.users.supervisor.id);
    const same = await call(t.app, as('agent'), 'PATCH', `/api/tickets/${ticket.id}`, {
      version: 2,
      priority: 'urgent',
    });
    expect(same.json().version).toBe(2);
    const watchers = await call(t.app, as('agent'), 'PATCH', `/api/tickets/${ticket.id}`, {
      version: 2,
      watcherIds: [w.ws.users.department.id],
    });
    expectError(watchers, 400, 'VALIDATION_FAILED');
    expect(watchers.json().error.details).toEqual([
      { field: 'body.watcherIds.0', issue: 'is not an active staff member' },
    ]);
  });

  it('the second of two concurrent writers gets CONFLICT with the current version, and changes nothing', async () => {
    const ticket = await create(inquiry());
    const [a, b] = await Promise.all([
      call(t.app, as('agent'), 'PATCH', `/api/tickets/${ticket.id}`, { version: 1, title: '甲改的' }),
      call(t.app, as('supervisor'), 'PATCH', `/api/tickets/${ticket.id}`, { version: 1, title: '乙改的' }),
    ]);
    const statuses = [a.statusCode, b.statusCode].sort();
    expect(statuses).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    const winner = a.statusCode === 200 ? a : b;
    expect(loser.json().error).toMatchObject({ code: 'CONFLICT', details: { currentVersion: 2 } });
    expect((await row(ticket.id)).title).toBe(winner.json().title);
    const stale = await call(t.app, as('agent'), 'POST', `/api/tickets/${ticket.id}/transitions`, {
      transition: 'start',
      version: 1,
    });
    expectError(stale, 409, 'CONFLICT');
    expect((await row(ticket.id)).state).toBe('new');
  });

  it('an invalid transition or an event the state does not take is refused and changes nothing', async () => {
    const ticket = await create(complaintBody(w));
    const skip = await call(t.app, as('agent'), 'POST', `/api/tickets/${ticket.id}/transitions`, {
      transition: 'execution_finished',
      version: 1,
    });
    expectError(skip, 409, 'INVALID_TRANSITION');
    const propose = await call(t.app, as('agent'), 'POST', `/api/tickets/${ticket.id}/resolutions`, {
      version: 1,
      summary: '退款',
      compensationAmount: 10,
    });
    expectError(propose, 409, 'INVALID_TRANSITION');
    const followUp = await call(t.app, as('agent'), 'POST', `/api/tickets/${ticket.id}/follow-ups`, {
      version: 1,
      channel: 'phone',
      satisfied: true,
    });
    expectError(followUp, 409, 'INVALID_TRANSITION');
    expect(await row(ticket.id)).toMatchObject({ state: 'received', version: 1, current_resolution_id: null });
    const records = await t.ctx.db.kysely
      .selectFrom('ticket_follow_ups')
      .select('id')
      .where('ticket_id', '=', ticket.id)
      .execute();
    expect(records).toEqual([]);
  });

  it('whoever proposed a resolution cannot approve it', async () => {
    let ticket = await create(complaintBody(w), 'supervisor');
    ticket = (
      await call(t.app, as('supervisor'), 'POST', `/api/tickets/${ticket.id}/transitions`, {
        transition: 'accept',
        version: 1,
      })
    ).json();
    ticket = (
      await call(t.app, as('supervisor'), 'POST', `/api/tickets/${ticket.id}/resolutions`, {
        version: ticket.version,
        summary: '换新',
      })
    ).json();
    const own = await call(t.app, as('supervisor'), 'POST', `/api/tickets/${ticket.id}/approvals`, {
      resolutionId: ticket.resolution!.id,
      decision: 'approve',
    });
    expectError(own, 409, 'APPROVER_NOT_ELIGIBLE');
    const stale = await call(t.app, as('admin'), 'POST', `/api/tickets/${ticket.id}/approvals`, {
      resolutionId: ticket.id,
      decision: 'approve',
    });
    expectError(stale, 409, 'CONFLICT');
    const noReason = await call(t.app, as('admin'), 'POST', `/api/tickets/${ticket.id}/approvals`, {
      resolutionId: ticket.resolution!.id,
      decision: 'reject',
    });
    expectError(noReason, 400, 'VALIDATION_FAILED');
    expect((await row(ticket.id)).state).toBe('awaiting_approval');
  });

  it('@mentions notify colleagues; a department user cannot be mentioned', async () => {
    const ticket = await create(inquiry());
    const res = await call(t.app, as('agent'), 'POST', `/api/tickets/${ticket.id}/comments`, {
      body: '@主管 这个客户是老客户',
      mentionIds: [w.ws.users.supervisor.id],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'internal', mentions: [{ id: w.ws.users.supervisor.id }] });
    const mentioned = (await notifications('ticket.mentioned')).filter((n) => n.ticket_id === ticket.id);
    expect(mentioned.map((n) => n.user_id)).toEqual([w.ws.users.supervisor.id]);
    expect(JSON.parse(mentioned[0]!.detail)).toMatchObject({
      number: ticket.number,
      excerpt: '@主管 这个客户是老客户',
    });
    expect((await row(ticket.id)).version).toBe(1);
    const bad = await call(t.app, as('agent'), 'POST', `/api/tickets/${ticket.id}/comments`, {
      body: '仓库看看',
      mentionIds: [w.ws.users.department.id],
    });
    expectError(bad, 400, 'VALIDATION_FAILED');
  });

  it('a public reply goes into the linked chat, where the customer sees it; without a chat there is no channel', async () => {
    const chat = await chattingVisitor(t, w, '发票还没收到');
    const ticket = await create({ ...inquiry(), contact: undefined, conversationId: chat.conversationId });
    const reply = await call(t.app, as('agent'), 'POST', `/api/tickets/${ticket.id}/replies`, {
      body: '已为您重开发票',
    });
    expect(reply.statusCode, reply.body).toBe(201);
    expect(reply.json()).toMatchObject({ kind: 'public', conversationId: chat.conversationId });
    const history = await t.app.inject({
      method: 'GET',
      url: `/api/widget/conversations/${chat.conversationId}/messages`,
      headers: { 'x-kefu-visitor': chat.token },
    });
    expect(history.json().items.map((m: { kind: string; content: string }) => [m.kind, m.content])).toContainEqual([
      'outgoing',
      '已为您重开发票',
    ]);
    const byPhone = await create(inquiry());
    expectError(
      await call(t.app, as('agent'), 'POST', `/api/tickets/${byPhone.id}/replies`, { body: '您好' }),
      409,
      'NO_REPLY_CHANNEL',
    );
    const other = await chattingVisitor(t, w, '别人的会话');
    const foreign = await call(t.app, as('agent'), 'POST', `/api/tickets/${ticket.id}/conversations`, {
      conversationId: other.conversationId,
    });
    expectError(foreign, 400, 'VALIDATION_FAILED');
  });

  it('a promised reply time reminds before it is due, then shows overdue, once each; a reply keeps it', async () => {
    const promisedAt = t.clock.now() + 2 * HOUR;
    const ticket = await create({
      ...inquiry(),
      assigneeId: w.ws.users.agent.id,
      promisedReplyAt: new Date(promisedAt).toISOString(),
    });
    const kinds = async () =>
      (
        await t.ctx.db.kysely
          .selectFrom('ticket_notifications')
          .select('kind')
          .where('ticket_id', '=', ticket.id)
          .execute()
      ).map((n) => n.kind);
    await sweepTicketDeadlines(t.ctx);
    expect(await kinds()).toEqual([]);
    t.clock.advance(HOUR + 31 * 60_000);
    await sweepTicketDeadlines(t.ctx);
    await sweepTicketDeadlines(t.ctx);
    // The agent created it for themselves: the reminder goes to the assignee all the same.
    expect(await kinds()).toEqual(['promise.due_soon']);
    const soon = await call(t.app, as('agent'), 'GET', `/api/tickets/${ticket.id}`);
    expect(soon.json().promisedReply).toMatchObject({ status: 'due_soon', keptAt: null });
    t.clock.advance(HOUR);
    await sweepTicketDeadlines(t.ctx);
    await sweepTicketDeadlines(t.ctx);
    expect(await kinds()).toEqual(['promise.due_soon', 'promise.overdue']);
    const overdue = await call(t.app, as('agent'), 'GET', '/api/tickets?overdue=true');
    expect(overdue.json().items.map((i: { id: string }) => i.id)).toContain(ticket.id);
    expect((await timeline(ticket.id)).map((e) => e.action)).toEqual(
      expect.arrayContaining(['promise.reminded', 'promise.overdue']),
    );
    const logged = await call(t.app, as('agent'), 'POST', `/api/tickets/${ticket.id}/calls`, {
      phoneNumber: '13700002222',
      direction: 'outbound',
      startedAt: new Date(t.clock.now()).toISOString(),
      durationSeconds: 60,
    });
    expect(logged.statusCode, logged.body).toBe(201);
    expect(logged.json().promisedReply).toMatchObject({ status: 'kept' });
    const after = await call(t.app, as('agent'), 'GET', '/api/tickets?overdue=true');
    expect(after.json().items.map((i: { id: string }) => i.id)).not.toContain(ticket.id);
  });

  it('lists filter by assignee, state, tag and words of the title or the number', async () => {
    const mine = await create({ ...inquiry(), title: '物流太慢', assigneeId: w.ws.users.agent.id, tags: ['物流'] });
    const ids = async (query: string) =>
      ((await call(t.app, as('agent'), 'GET', `/api/tickets?${query}`)).json().items as { id: string }[]).map(
        (i) => i.id,
      );
    expect(await ids('assignee=me')).toContain(mine.id);
    expect(await ids('assignee=none')).not.toContain(mine.id);
    expect(await ids(`tag=${encodeURIComponent('物流')}`)).toEqual([mine.id]);
    expect(await ids(`q=${encodeURIComponent('太慢')}`)).toEqual([mine.id]);
    expect(await ids(`q=${mine.number.toLowerCase()}`)).toEqual([mine.id]);
    expect(await ids(`q=${encodeURIComponent('100%')}`)).toEqual([]);
    const page = await call(t.app, as('agent'), 'GET', '/api/tickets?limit=2');
    const next = await call(t.app, as('agent'), 'GET', `/api/tickets?limit=2&cursor=${page.json().nextCursor}`);
    expect(next.json().items[0].id < page.json().items[1].id).toBe(true);
  });

  it('consoles hear of every change live', async () => {
    const socket = await TestSocket.connect(`${wsBase(t.app)}/ws/agent?v=1`, {
      headers: { cookie: as('agent').cookie },
    });
    try {
      const ticket = await create(inquiry(), 'supervisor');
      const created = await socket.nextOf('ticket', (f) => f.ticket.id === ticket.id);
      expect(created.ticket).toEqual({ id: ticket.id, number: ticket.number, version: 1, actions: ['created'] });
      await call(t.app, as('supervisor'), 'POST', `/api/tickets/${ticket.id}/transitions`, {
        transition: 'start',
        version: 1,
      });
      const moved = await socket.nextOf('ticket', (f) => f.ticket.id === ticket.id);
      expect(moved.ticket).toMatchObject({ version: 2, actions: ['transitioned'] });
    } finally {
      await socket.close();
    }
  });
});
