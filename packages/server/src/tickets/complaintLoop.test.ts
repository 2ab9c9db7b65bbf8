import type { TicketView, TimelineEntryView } from '@kefu/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, type TestApp } from '../test/testApp.js';
import { chattingVisitor, complaintBody, expectError, type TicketWorld, ticketWorld } from '../test/testTickets.js';

describe('the complaint loop (投诉闭环)', () => {
  let t: TestApp;
  let w: TicketWorld;

  const as = (role: keyof TicketWorld['sessions']) => w.sessions[role];
  const view = async (id: string, role: keyof TicketWorld['sessions'] = 'agent') => {
    const res = await call(t.app, as(role), 'GET', `/api/tickets/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as TicketView;
  };
  const act = async (role: keyof TicketWorld['sessions'], id: string, path: string, body: object, status = 200) => {
    const res = await call(t.app, as(role), 'POST', `/api/tickets/${id}/${path}`, body);
    expect(res.statusCode, res.body).toBe(status);
    return res.json() as TicketView;
  };
  const timeline = async (id: string) => {
    const res = await call(t.app, as('supervisor'), 'GET', `/api/tickets/${id}/timeline?limit=200`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items as TimelineEntryView[];
  };
  const notificationsOf = (userId: string, kind: string) =>
    t.ctx.db.kysely
      .selectFrom('ticket_notifications')
      .selectAll()
      .where('user_id', '=', userId)
      .where('kind', '=', kind)
      .execute();

  beforeAll(async () => {
    t = await createTestApp();
    w = await ticketWorld(t, 'loop');
  });
  afterAll(() => t.close());

  it('runs from a chat complaint through approval, consent, the warehouse and an unhappy then a happy follow-up', async () => {
    const chat = await chattingVisitor(t, w, '我收到的保温杯漏水了');
    const { contact: _contact, ...register } = complaintBody(w);
    const created = await call(t.app, as('agent'), 'POST', '/api/tickets', {
      ...register,
      title: undefined,
      conversationId: chat.conversationId,
      fields: { ...register.fields, product: undefined },
    });
    expect(created.statusCode, created.body).toBe(201);
    let ticket = created.json() as TicketView;
    expect(ticket).toMatchObject({
      number: 'T-20260302-0001',
      title: '我收到的保温杯漏水了',
      source: 'conversation',
      state: { key: 'received', name: '待受理', category: 'new' },
      priority: 'high',
      recordedBy: { id: w.ws.users.agent.id },
      version: 1,
      awaiting: [],
    });
    expect(ticket.fields.phone).toBe('139****1111');
    expect(ticket.conversations).toEqual([expect.objectContaining({ id: chat.conversationId, transcriptMessages: 1 })]);
    const transcripts = await call(t.app, as('agent'), 'GET', `/api/tickets/${ticket.id}/transcripts`);
    expect(transcripts.json().items[0].messages.map((m: { content: string }) => m.content)).toEqual([
      '我收到的保温杯漏水了',
    ]);

    ticket = await act('agent', ticket.id, 'transitions', { transition: 'accept', version: 1 });
    expect(ticket.state.key).toBe('processing');
    expect(ticket.awaiting).toEqual(['resolution.proposed']);

    // The proposal needs the product filled in (the workflow's required fields for 提交审批).
    const early = await call(t.app, as('agent'), 'POST', `/api/tickets/${ticket.id}/resolutions`, {
      version: ticket.version,
      summary: '退款 300 元',
      compensationAmount: 300,
    });
    expectError(early, 422, 'REQUIRED_FIELDS_MISSING');
    expect(early.json().error.details).toEqual([
      { field: 'fields.product', issue: expect.stringContaining('提交审批') },
    ]);
    const patched = await call(t.app, as('agent'), 'PATCH', `/api/tickets/${ticket.id}`, {
      version: ticket.version,
      fields: { product: '304 保温杯 500ml' },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    ticket = patched.json();

    ticket = await act('agent', ticket.id, 'resolutions', {
      version: ticket.version,
      summary: '退款 300 元并补发一个新杯',
      compensationAmount: 300,
    });
    expect(ticket.state.key).toBe('awaiting_approval');
    expect(ticket.resolution).toMatchObject({ status: 'pending', requiredApprovals: 1, compensationAmount: 300 });
    expect(await notificationsOf(w.ws.users.supervisor.id, 'approval.requested')).toHaveLength(1);

    // An agent may not approve; the supervisor rejects first, with a reason that goes back to the agent.
    const byAgent = await call(t.app, as('agent'), 'POST', `/api/tickets/${ticket.id}/approvals`, {
      resolutionId: ticket.resolution!.id,
      decision: 'approve',
    });
    expectError(byAgent, 403, 'FORBIDDEN');
    ticket = await act('supervisor', ticket.id, 'approvals', {
      resolutionId: ticket.resolution!.id,
      decision: 'reject',
      reason: '补发即可，退款过高',
    });
    expect(ticket.state.key).toBe('processing');
    expect(ticket.resolution).toMatchObject({ status: 'rejected' });
    const rejected = await notificationsOf(w.ws.users.agent.id, 'approval.rejected');
    expect(JSON.parse(rejected[0]!.detail)).toMatchObject({ reason: '补发即可，退款过高' });

    ticket = await act('agent', ticket.id, 'resolutions', {
      version: ticket.version,
      summary: '补发一个新杯',
      compensationAmount: 0,
    });
    ticket = await act('supervisor', ticket.id, 'approvals', {
      resolutionId: ticket.resolution!.id,
      decision: 'approve',
    });
    expect(ticket.state.key).toBe('awaiting_customer');

    // The customer accepts in the widget.
    const mine = await t.app.inject({
      method: 'GET',
      url: '/api/widget/tickets',
      headers: { 'x-kefu-visitor': chat.token },
    });
    expect(mine.json().items[0]).toMatchObject({
      id: ticket.id,
      pendingDecision: { resolutionId: ticket.resolution!.id, summary: '补发一个新杯' },
    });
    const accepted = await t.app.inject({
      method: 'POST',
      url: `/api/widget/tickets/${ticket.id}/decision`,
      headers: { 'x-kefu-visitor': chat.token },
      payload: { resolutionId: ticket.resolution!.id, decision: 'accept' },
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ state: { key: 'executing' }, pendingDecision: null });

    // The warehouse ships the replacement; its task shares the customer's details, so its user sees them.
    const task = await call(t.app, as('agent'), 'POST', `/api/tickets/${ticket.id}/tasks`, {
      teamId: w.warehouseTeamId,
      title: '补发保温杯',
      instructions: '同款同色，顺丰',
      shareContact: true,
      dueAt: '2026-03-03T18:00:00+08:00',
    });
    expect(task.statusCode, task.body).toBe(201);
    const restricted = await view(ticket.id, 'department');
    expect(restricted).toMatchObject({
      access: 'restricted',
      contact: { name: '刘女士', phone: '13812345678' },
      resolution: { summary: '补发一个新杯' },
      hiddenFields: [],
    });
    expect((restricted as unknown as { fields: Record<string, unknown> }).fields.address).toBe(
      '上海市浦东新区世纪大道 100 号',
    );
    const done = await call(t.app, as('department'), 'POST', `/api/tasks/${task.json().id}/complete`, {
      version: 1,
      result: '已发出，顺丰 SF123',
    });
    expect(done.statusCode, done.body).toBe(200);
    ticket = await view(ticket.id);
    expect(ticket.state.key).toBe('awaiting_follow_up');
    expect(ticket.openTaskCount).toBe(0);

    // Unhappy: back to 处理中, counted as reopened.
    ticket = await act('agent', ticket.id, 'follow-ups', {
      version: ticket.version,
      channel: 'phone',
      satisfied: false,
      notes: '新杯颜色不对',
    });
    expect(ticket).toMatchObject({ state: { key: 'processing' }, reopenCount: 1 });

    // Round two, with compensation above ¥500: two different approvers.
    ticket = await act('agent', ticket.id, 'resolutions', {
      version: ticket.version,
      summary: '换正确颜色并补偿 600 元',
      compensationAmount: 600,
    });
    expect(ticket.resolution).toMatchObject({ requiredApprovals: 2 });
    ticket = await act('supervisor', ticket.id, 'approvals', {
      resolutionId: ticket.resolution!.id,
      decision: 'approve',
    });
    expect(ticket.state.key).toBe('awaiting_approval');
    const twice = await call(t.app, as('supervisor'), 'POST', `/api/tickets/${ticket.id}/approvals`, {
      resolutionId: ticket.resolution!.id,
      decision: 'approve',
    });
    expectError(twice, 409, 'APPROVER_NOT_ELIGIBLE');
    ticket = await act('admin', ticket.id, 'approvals', { resolutionId: ticket.resolution!.id, decision: 'approve' });
    expect(ticket.state.key).toBe('awaiting_customer');
    expect(ticket.resolution!.approvals.map((a) => [a.approver.id, a.level])).toEqual([
      [w.ws.users.supervisor.id, 1],
      [w.ws.users.admin.id, 2],
    ]);

    ticket = await act('agent', ticket.id, 'customer-decision', {
      version: ticket.version,
      resolutionId: ticket.resolution!.id,
      decision: 'accept',
      channel: 'phone',
    });
    expect(ticket.state.key).toBe('executing');
    // No tasks this time: the manual transition is open.
    expect(ticket.transitions).toEqual([expect.objectContaining({ key: 'execution_finished', allowed: true })]);
    ticket = await act('agent', ticket.id, 'transitions', {
      transition: 'execution_finished',
      version: ticket.version,
    });
    ticket = await act('agent', ticket.id, 'follow-ups', {
      version: ticket.version,
      channel: 'phone',
      satisfied: true,
      notes: '满意',
    });
    expect(ticket.state).toEqual({ key: 'closed', name: '已关闭', category: 'closed' });
    expect(ticket.closedAt).not.toBeNull();

    // Every change is on the timeline, one version after the other.
    const entries = await timeline(ticket.id);
    const versions = [...new Set(entries.flatMap((e) => (e.version === null ? [] : [e.version])))];
    expect(versions).toEqual(Array.from({ length: ticket.version }, (_, i) => i + 1));
    expect(entries.filter((e) => e.action === 'transitioned').map((e) => e.to)).toEqual([
      'processing',
      'awaiting_approval',
      'processing',
      'awaiting_approval',
      'awaiting_customer',
      'executing',
      'awaiting_follow_up',
      'processing',
      'awaiting_approval',
      'awaiting_customer',
      'executing',
      'awaiting_follow_up',
      'closed',
    ]);
  });
});
