import type { SlaPolicyView, TicketSlaView, TicketView, TimelineEntryView } from '@kefu/shared';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_CALENDAR_NAME, demoCalendarSeeder } from '../businessHours/demoCalendar.js';
import { call, createTestApp, signInAs, type TestApp } from '../test/testApp.js';
import { chattingVisitor, complaintBody, expectError, type TicketWorld, ticketWorld } from '../test/testTickets.js';
import { visitorMessageSender } from '../widget/visitorMessageSender.js';
import { demoSlaPoliciesSeeder } from './demoSlaPolicies.js';
import { sweepSla } from './slaSweeper.js';

const MINUTE = 60_000;
const at = (local: string) => Date.parse(`${local}+08:00`);
const iso = (local: string) => new Date(at(local)).toISOString();
const workday = [
  { start: '09:00', end: '12:00' },
  { start: '13:30', end: '18:00' },
];

const noActions = {
  notifySupervisors: false,
  notifyUserIds: [],
  raisePriority: false,
  reassignToUserId: null,
  reassignToTeamId: null,
};

describe('SLA policies and clocks', () => {
  let t: TestApp;
  let w: TicketWorld;
  let calendarId: string;
  let clientIds = 0;

  const as = (role: keyof TicketWorld['sessions']) => w.sessions[role];
  /** Moves the test clock forward to a wall time in Shanghai (never back). */
  const goTo = (local: string) => {
    const target = at(local);
    expect(target, `going back to ${local}`).toBeGreaterThanOrEqual(t.clock.now());
    t.clock.advance(target - t.clock.now());
  };
  const createPolicy = async (body: object) => {
    const res = await call(t.app, as('admin'), 'POST', '/api/sla-policies', body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as SlaPolicyView;
  };
  /** Each test starts without policies, and the tickets of earlier tests have let go of theirs. */
  const clearPolicies = async () => {
    const list = await call(t.app, as('admin'), 'GET', '/api/sla-policies');
    for (const policy of list.json().items as SlaPolicyView[]) {
      expect((await call(t.app, as('admin'), 'DELETE', `/api/sla-policies/${policy.id}`)).statusCode).toBe(200);
    }
    await sweepSla(t.ctx);
  };
  const createTicket = async (body: object) => {
    const res = await call(t.app, as('agent'), 'POST', '/api/tickets', body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as TicketView;
  };
  const slaOf = async (id: string): Promise<TicketSlaView | null> => {
    const res = await call(t.app, as('agent'), 'GET', `/api/tickets/${id}/sla`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().sla;
  };
  const clockOf = async (id: string, kind: string) => (await slaOf(id))?.clocks.find((c) => c.kind === kind);
  const ticketOf = async (id: string) =>
    (await call(t.app, as('agent'), 'GET', `/api/tickets/${id}`)).json() as TicketView;
  const timeline = async (id: string) =>
    (await call(t.app, as('supervisor'), 'GET', `/api/tickets/${id}/timeline?limit=200`)).json()
      .items as TimelineEntryView[];
  const notices = (kind: string, ticketId: string) =>
    t.ctx.db.kysely
      .selectFrom('ticket_notifications')
      .selectAll()
      .where('kind', '=', kind)
      .where('ticket_id', '=', ticketId)
      .orderBy('id')
      .execute();
  const transition = async (id: string, key: string) => {
    const ticket = await ticketOf(id);
    const res = await call(t.app, as('agent'), 'POST', `/api/tickets/${id}/transitions`, {
      transition: key,
      version: ticket.version,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as TicketView;
  };
  const inquiry = (extra: object = {}) => ({
    typeId: w.types.get('咨询')!.id,
    title: '发票怎么开',
    contact: { name: '赵女士', phone: '13700002222' },
    fields: { topic: 'order' },
    ...extra,
  });

  beforeAll(async () => {
    t = await createTestApp();
    w = await ticketWorld(t, 'sla');
    const calendar = await call(t.app, as('admin'), 'POST', '/api/business-hours', {
      name: '门店营业时间',
      timeZone: 'Asia/Shanghai',
      weekly: {
        mon: workday,
        tue: workday,
        wed: workday,
        thu: workday,
        fri: workday,
        sat: [{ start: '10:00', end: '16:00' }],
        sun: [],
      },
      holidays: [{ name: '清明节', from: '2026-04-04', to: '2026-04-06' }],
      specialWorkingDays: [],
    });
    expect(calendar.statusCode, calendar.body).toBe(201);
    calendarId = calendar.json().id;
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    // The tests run weeks apart on the test clock: sessions expire meanwhile.
    for (const role of ['admin', 'supervisor', 'agent', 'department'] as const) {
      w.sessions[role] = await signInAs(t.app, w.ws.users[role].email);
    }
    await clearPolicies();
  });

  it('admins keep policies in order, with versions, checked references and an audit trail', async () => {
    const standard = await createPolicy({ name: '标准', calendarId, targets: { firstResponseMinutes: 240 } });
    const complaints = await createPolicy({
      name: '投诉',
      conditions: { typeIds: [w.types.get('投诉')!.id] },
      targets: { firstResponseMinutes: 60, resolutionMinutes: 600 },
    });
    expect(standard).toMatchObject({
      position: 0,
      version: 1,
      calendar: { id: calendarId, name: '门店营业时间' },
      warning: { mode: 'percent', value: 80 },
      pauseWhenPending: true,
      targets: { firstResponseMinutes: 240, nextResponseMinutes: null, resolutionMinutes: null },
    });
    expect(complaints).toMatchObject({ position: 1, calendar: null });

    expectError(await call(t.app, as('agent'), 'POST', '/api/sla-policies', { name: 'x' }), 403, 'FORBIDDEN');
    expectError(
      await call(t.app, as('admin'), 'POST', '/api/sla-policies', {
        name: '标准',
        targets: { firstResponseMinutes: 5 },
      }),
      409,
      'CONFLICT',
    );
    const bad = await call(t.app, as('admin'), 'POST', '/api/sla-policies', {
      name: '坏策略',
      calendarId: w.ws.users.agent.id,
      conditions: { typeIds: [w.ws.users.agent.id] },
      targets: { firstResponseMinutes: 5 },
      onBreach: { ...noActions, reassignToUserId: w.ws.users.department.id, reassignToTeamId: w.ws.users.agent.id },
    });
    expectError(bad, 400, 'VALIDATION_FAILED');
    expect(bad.json().error.details.map((d: { field: string }) => d.field)).toEqual([
      'body.calendarId',
      'body.conditions.typeIds.0',
      'body.onBreach.reassignToUserId',
      'body.onBreach.reassignToTeamId',
    ]);
    for (const [body, field] of [
      [{ name: 'a', targets: {} }, 'body.targets'],
      [
        { name: 'b', targets: { firstResponseMinutes: 5 }, warning: { mode: 'percent', value: 150 } },
        'body.warning.value',
      ],
      [{ name: 'c', targets: { resolutionMinutes: 0 } }, 'body.targets.resolutionMinutes'],
    ] as const) {
      const res = await call(t.app, as('admin'), 'POST', '/api/sla-policies', body);
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(res.json().error.details.map((d: { field: string }) => d.field)).toContain(field);
    }

    const moved = await call(t.app, as('admin'), 'PATCH', `/api/sla-policies/${complaints.id}`, {
      version: 1,
      position: 0,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ position: 0, version: 2 });
    const list = (await call(t.app, as('agent'), 'GET', '/api/sla-policies')).json().items as SlaPolicyView[];
    expect(list.map((p) => [p.name, p.position])).toEqual([
      ['投诉', 0],
      ['标准', 1],
    ]);
    const stale = await call(t.app, as('admin'), 'PATCH', `/api/sla-policies/${complaints.id}`, {
      version: 1,
      enabled: false,
    });
    expectError(stale, 409, 'CONFLICT');
    expect(stale.json().error.details).toEqual({ currentVersion: 2 });

    expect((await call(t.app, as('admin'), 'DELETE', `/api/sla-policies/${standard.id}`)).statusCode).toBe(200);
    expectError(await call(t.app, as('agent'), 'GET', `/api/sla-policies/${standard.id}`), 404, 'NOT_FOUND');
    const audit = await t.ctx.db.kysely
      .selectFrom('audit_events')
      .select(['action', 'target_id', 'details'])
      .where('action', 'like', 'sla_policy.%')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => [a.action, a.target_id])).toEqual([
      ['sla_policy.created', standard.id],
      ['sla_policy.created', complaints.id],
      ['sla_policy.updated', complaints.id],
      ['sla_policy.deleted', standard.id],
    ]);
    expect(JSON.parse(audit[2]!.details)).toEqual({ name: '投诉', position: { from: 1, to: 0 } });
  });

  it('a complaint made at night warns and breaches in business hours: notices once, actions applied', async () => {
    const afterSales = await call(t.app, as('admin'), 'POST', '/api/teams', { name: '售后', memberIds: [] });
    const policy = await createPolicy({
      name: '投诉处理',
      conditions: { typeIds: [w.types.get('投诉')!.id] },
      calendarId,
      targets: { firstResponseMinutes: 60, nextResponseMinutes: 120, resolutionMinutes: 600 },
      warning: { mode: 'minutes', value: 15 },
      onBreach: {
        ...noActions,
        notifySupervisors: true,
        raisePriority: true,
        reassignToTeamId: afterSales.json().id,
        reassignToUserId: w.ws.users.supervisor.id,
      },
    });
    goTo('2026-03-03T17:30');
    const ticket = await createTicket(complaintBody(w, { assigneeId: w.ws.users.agent.id }));
    expect(ticket.sla).toMatchObject({
      policy: { id: policy.id, name: '投诉处理' },
      calendar: { id: calendarId },
      state: 'running',
      dueAt: iso('2026-03-04T09:30'),
      paused: false,
    });
    // 30 min on Tuesday evening, 7.5 h on Wednesday, 2 h on Thursday.
    expect(ticket.sla!.clocks.map((c) => [c.kind, c.dueAt])).toEqual([
      ['firstResponse', iso('2026-03-04T09:30')],
      ['resolution', iso('2026-03-05T11:00')],
    ]);
    expect((await timeline(ticket.id)).find((e) => e.action === 'sla.applied')).toMatchObject({
      from: null,
      to: '投诉处理',
      version: null,
    });

    goTo('2026-03-04T09:14');
    expect(await sweepSla(t.ctx)).toMatchObject({ warned: 0, breached: 0 });
    goTo('2026-03-04T09:15');
    expect(await sweepSla(t.ctx)).toMatchObject({ warned: 1, breached: 0 });
    expect(await sweepSla(t.ctx)).toMatchObject({ warned: 0, breached: 0 });
    const warnings = await notices('sla.warning', ticket.id);
    expect(warnings.map((n) => n.user_id)).toEqual([w.ws.users.agent.id]);
    expect(JSON.parse(warnings[0]!.detail)).toMatchObject({ clock: 'firstResponse', policy: '投诉处理' });
    expect((await clockOf(ticket.id, 'firstResponse'))?.state).toBe('warning');

    // Two nodes sweeping at once act once.
    goTo('2026-03-04T09:30');
    const [first, second] = await Promise.all([sweepSla(t.ctx), sweepSla(t.ctx)]);
    expect(first.breached + second.breached).toBe(1);
    expect(await sweepSla(t.ctx)).toMatchObject({ breached: 0 });
    const breached = await notices('sla.breached', ticket.id);
    expect(breached.map((n) => n.user_id).sort()).toEqual([w.ws.users.agent.id, w.ws.users.supervisor.id].sort());
    const after = await ticketOf(ticket.id);
    expect(after).toMatchObject({
      priority: 'urgent',
      team: { id: afterSales.json().id },
      assignee: { id: w.ws.users.supervisor.id },
      version: 2,
    });
    expect((await notices('ticket.assigned', ticket.id)).map((n) => n.user_id)).toContain(w.ws.users.supervisor.id);
    const entries = await timeline(ticket.id);
    expect(entries.find((e) => e.action === 'sla.breached')).toMatchObject({
      actor: { type: 'system' },
      version: null,
      detail: { clock: 'firstResponse', actions: ['raisePriority', 'reassignTeam', 'reassignUser'] },
    });
    expect(entries.find((e) => e.action === 'updated' && e.field === 'priority')).toMatchObject({
      from: 'high',
      to: 'urgent',
      version: 2,
      detail: { reason: 'sla.breached' },
    });

    goTo('2026-03-04T09:40');
    expect(await clockOf(ticket.id, 'firstResponse')).toMatchObject({
      state: 'breached',
      remainingMs: -10 * MINUTE,
      dueAt: iso('2026-03-04T09:30'),
    });
    const breachedView = await call(t.app, as('supervisor'), 'GET', '/api/tickets?view=breached');
    expect(breachedView.json().items.map((i: { id: string }) => i.id)).toContain(ticket.id);

    // An outbound call answers the customer: the first response stops, late.
    const called = await call(t.app, as('agent'), 'POST', `/api/tickets/${ticket.id}/calls`, {
      phoneNumber: '13900001111',
      direction: 'outbound',
      startedAt: iso('2026-03-04T09:35'),
      durationSeconds: 120,
    });
    expect(called.statusCode, called.body).toBe(201);
    expect(await clockOf(ticket.id, 'firstResponse')).toMatchObject({
      state: 'breached',
      stoppedAt: iso('2026-03-04T09:40'),
    });
    const stillBreached = await call(t.app, as('supervisor'), 'GET', '/api/tickets?view=breached');
    expect(stillBreached.json().items.map((i: { id: string }) => i.id)).not.toContain(ticket.id);
  });

  it('chat: a public reply meets the first response; each customer message starts a next-response round', async () => {
    await createPolicy({
      name: '咨询响应',
      conditions: { typeIds: [w.types.get('咨询')!.id] },
      targets: { firstResponseMinutes: 30, nextResponseMinutes: 60, resolutionMinutes: 1440 },
      warning: { mode: 'off' },
    });
    goTo('2026-03-09T10:00');
    const chat = await chattingVisitor(t, w, '请问发票怎么开？');
    const ticket = await createTicket({ ...inquiry(), contact: undefined, conversationId: chat.conversationId });

    goTo('2026-03-09T10:10');
    const reply = await call(t.app, as('agent'), 'POST', `/api/tickets/${ticket.id}/replies`, { body: '您好，可以开' });
    expect(reply.statusCode, reply.body).toBe(201);
    expect(await clockOf(ticket.id, 'firstResponse')).toMatchObject({ state: 'met', elapsedMs: 10 * MINUTE });
    expect(await clockOf(ticket.id, 'nextResponse')).toBeUndefined();

    const customerWrites = async (content: string) =>
      visitorMessageSender(
        t.ctx,
        chat.visitor,
        { clientId: `sla-${++clientIds}-xyz`, conversationId: chat.conversationId, content, attachmentIds: [] },
        () => ({ pageUrl: null, referrer: null, browser: null, os: null, ip: null, location: null }),
      );
    goTo('2026-03-09T10:20');
    await customerWrites('要写公司抬头吗？');
    goTo('2026-03-09T10:25');
    expect((await sweepSla(t.ctx)).chats).toBe(1);
    expect(await clockOf(ticket.id, 'nextResponse')).toMatchObject({
      state: 'running',
      startedAt: iso('2026-03-09T10:20'),
      dueAt: iso('2026-03-09T11:20'),
    });

    // An agent answering in the chat itself is a staff response too, at the message's time.
    goTo('2026-03-09T10:50');
    const inChat = await call(t.app, as('agent'), 'POST', `/api/conversations/${chat.conversationId}/messages`, {
      content: '需要的，请提供税号',
    });
    expect(inChat.statusCode, inChat.body).toBe(201);
    goTo('2026-03-09T10:55');
    await sweepSla(t.ctx);
    expect(await clockOf(ticket.id, 'nextResponse')).toMatchObject({
      state: 'met',
      stoppedAt: iso('2026-03-09T10:50'),
      elapsedMs: 30 * MINUTE,
    });
    expect((await sweepSla(t.ctx)).chats).toBe(0);

    goTo('2026-03-09T11:00');
    await customerWrites('税号是 91310000XXXX');
    goTo('2026-03-09T12:01');
    expect(await sweepSla(t.ctx)).toMatchObject({ chats: 1, breached: 1 });
    expect(await clockOf(ticket.id, 'nextResponse')).toMatchObject({
      state: 'breached',
      startedAt: iso('2026-03-09T11:00'),
    });
    expect(await notices('sla.breached', ticket.id)).toHaveLength(1);
  });

  it('waiting on the customer pauses the clock; resolving stops it; reopening resumes it', async () => {
    await createPolicy({
      name: '咨询解决',
      conditions: { typeIds: [w.types.get('咨询')!.id] },
      calendarId,
      targets: { resolutionMinutes: 240 },
      warning: { mode: 'off' },
      onBreach: noActions,
    });
    goTo('2026-03-16T09:00');
    const ticket = await createTicket(inquiry());
    await transition(ticket.id, 'start');
    goTo('2026-03-16T10:00');
    await transition(ticket.id, 'wait');
    goTo('2026-03-16T15:00');
    const paused = await slaOf(ticket.id);
    expect(paused).toMatchObject({ state: 'paused', paused: true, dueAt: null });
    expect(paused!.clocks[0]).toMatchObject({ kind: 'resolution', state: 'paused', elapsedMs: 60 * MINUTE });
    await sweepSla(t.ctx);
    expect(await notices('sla.breached', ticket.id)).toHaveLength(0);

    goTo('2026-03-17T09:00');
    await transition(ticket.id, 'resume');
    expect(await clockOf(ticket.id, 'resolution')).toMatchObject({
      state: 'running',
      elapsedMs: 60 * MINUTE,
      dueAt: iso('2026-03-17T12:00'),
    });
    goTo('2026-03-17T11:00');
    await transition(ticket.id, 'resolve');
    goTo('2026-03-18T09:00');
    expect(await clockOf(ticket.id, 'resolution')).toMatchObject({ state: 'met', elapsedMs: 180 * MINUTE });
    expect((await slaOf(ticket.id))!.dueAt).toBeNull();

    await transition(ticket.id, 'reopen');
    expect(await clockOf(ticket.id, 'resolution')).toMatchObject({
      state: 'running',
      elapsedMs: 180 * MINUTE,
      dueAt: iso('2026-03-18T10:00'),
    });
    goTo('2026-03-18T10:30');
    await sweepSla(t.ctx);
    // Nobody works it (no assignee, no team): the supervisors hear of it.
    expect((await notices('sla.breached', ticket.id)).map((n) => n.user_id)).toEqual([w.ws.users.supervisor.id]);
  });

  it('the policy is chosen again when priority, tags or the policies change, counting from the real start', async () => {
    goTo('2026-03-23T09:00');
    const urgent = await createPolicy({
      name: '紧急',
      conditions: { priorities: ['urgent'] },
      targets: { firstResponseMinutes: 30 },
    });
    const vip = await createPolicy({
      name: 'VIP',
      conditions: { customerTags: ['VIP'] },
      targets: { firstResponseMinutes: 45 },
    });
    const standard = await createPolicy({ name: '标准', calendarId, targets: { firstResponseMinutes: 240 } });

    const ticket = await createTicket(inquiry());
    expect(ticket.sla?.policy.name).toBe('标准');
    goTo('2026-03-23T09:20');
    const patched = await call(t.app, as('agent'), 'PATCH', `/api/tickets/${ticket.id}`, {
      version: ticket.version,
      priority: 'urgent',
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json().sla).toMatchObject({ policy: { id: urgent.id }, dueAt: iso('2026-03-23T09:30') });
    expect((await timeline(ticket.id)).filter((e) => e.action === 'sla.applied').map((e) => [e.from, e.to])).toEqual([
      [null, '标准'],
      ['标准', '紧急'],
    ]);

    // A VIP customer (contacts.tags) gets the VIP policy.
    const vipTicket = await createTicket(inquiry({ contact: { name: '钱先生', phone: '13700003333' } }));
    const tagged = await call(t.app, as('supervisor'), 'PUT', `/api/contacts/${vipTicket.contact.id}/routing`, {
      tags: ['VIP'],
    });
    expect(tagged.statusCode, tagged.body).toBe(200);
    const vipTicket2 = await createTicket(inquiry({ contact: undefined, contactId: vipTicket.contact.id }));
    expect(vipTicket2.sla?.policy.id).toBe(vip.id);

    // Disabling a policy: its tickets choose again at the next sweep.
    const disabled = await call(t.app, as('admin'), 'PATCH', `/api/sla-policies/${urgent.id}`, {
      version: urgent.version,
      enabled: false,
    });
    expect(disabled.statusCode, disabled.body).toBe(200);
    await sweepSla(t.ctx);
    expect((await slaOf(ticket.id))?.policy.id).toBe(standard.id);
    const row = await t.ctx.db.kysely
      .selectFrom('ticket_slas')
      .select(['policy_id', 'due_at'])
      .where('ticket_id', '=', ticket.id)
      .executeTakeFirstOrThrow();
    // 4 business hours from 09:00: 09–12, 13:30–14:30.
    expect(row).toEqual({ policy_id: standard.id, due_at: at('2026-03-23T14:30') });
    await clearPolicies();
    await sweepSla(t.ctx);
    expect(await slaOf(ticket.id)).toBeNull();
    expect((await ticketOf(ticket.id)).sla).toBeNull();
  });

  it('the demo shop gets its three policies in order, once', async () => {
    await demoCalendarSeeder(t.ctx, w.ws.accountId);
    expect(await demoSlaPoliciesSeeder(t.ctx, w.ws.accountId)).toEqual(['紧急工单', '投诉处理时限', '标准服务']);
    expect(await demoSlaPoliciesSeeder(t.ctx, w.ws.accountId)).toEqual([]);
    const list = (await call(t.app, as('agent'), 'GET', '/api/sla-policies')).json().items as SlaPolicyView[];
    expect(list.map((p) => [p.name, p.position, p.calendar?.name ?? null])).toEqual([
      ['紧急工单', 0, null],
      ['投诉处理时限', 1, DEMO_CALENDAR_NAME],
      ['标准服务', 2, DEMO_CALENDAR_NAME],
    ]);
    expect(list[1]!.conditions.typeIds).toEqual([w.types.get('投诉')!.id]);
    const complaint = await createTicket(complaintBody(w));
    expect(complaint.sla?.policy.name).toBe('投诉处理时限');
  });

  it('a department user cannot read a ticket’s clocks', async () => {
    const ticket = await createTicket(inquiry());
    expectError(await call(t.app, as('department'), 'GET', `/api/tickets/${ticket.id}/sla`), 404, 'NOT_FOUND');
  });
});
