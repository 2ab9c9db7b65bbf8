import type { TicketTaskDetailView, TicketView } from '@kefu/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, type Session, signInAs, TEST_PASSWORD, type TestApp } from '../test/testApp.js';
import { complaintBody, expectError, type TicketWorld, ticketWorld } from '../test/testTickets.js';
import { sweepTicketDeadlines } from '../tickets/ticketDueSweeper.js';

describe('department tasks (协办)', () => {
  let t: TestApp;
  let w: TicketWorld;
  let colleague: { id: string; session: Session };

  const as = (role: keyof TicketWorld['sessions']) => w.sessions[role];
  const newComplaint = async () => {
    const res = await call(t.app, as('agent'), 'POST', '/api/tickets', complaintBody(w));
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as TicketView;
  };
  const newTask = async (ticketId: string, body: object = {}) => {
    const res = await call(t.app, as('agent'), 'POST', `/api/tickets/${ticketId}/tasks`, {
      teamId: w.warehouseTeamId,
      title: '补发',
      instructions: '同款',
      ...body,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as TicketTaskDetailView;
  };

  beforeAll(async () => {
    t = await createTestApp();
    w = await ticketWorld(t, 'tasks');
    // A second warehouse member.
    const created = await call(t.app, as('admin'), 'POST', '/api/users', {
      email: 'cangku2@tasks.test',
      name: '仓库二号',
      role: 'department',
      password: TEST_PASSWORD,
    });
    expect(created.statusCode, created.body).toBe(201);
    const team = await call(t.app, as('admin'), 'PATCH', `/api/teams/${w.warehouseTeamId}`, {
      memberIds: [w.ws.users.department.id, created.json().id],
    });
    expect(team.statusCode, team.body).toBe(200);
    colleague = { id: created.json().id, session: await signInAs(t.app, 'cangku2@tasks.test') };
  });
  afterAll(() => t.close());

  it('a department user reaching for a ticket not shared with them gets NOT_FOUND, as for one that does not exist', async () => {
    const ticket = await newComplaint();
    for (const url of [
      `/api/tickets/${ticket.id}`,
      `/api/tickets/${ticket.id}/timeline`,
      `/api/tickets/${ticket.id}/comments`,
      `/api/tickets/${ticket.id}/transcripts`,
    ]) {
      expectError(await call(t.app, as('department'), 'GET', url), 404, 'NOT_FOUND');
    }
    const list = await call(t.app, as('department'), 'GET', '/api/tickets');
    expect(list.json().items.map((i: { id: string }) => i.id)).not.toContain(ticket.id);
    // Staff-only routes refuse by role, whatever the ticket.
    expectError(
      await call(t.app, as('department'), 'PATCH', `/api/tickets/${ticket.id}`, { version: 1, title: 'x' }),
      403,
      'FORBIDDEN',
    );
  });

  it('a shared ticket shows the restricted view: personal data hidden or masked unless the task shares it', async () => {
    const ticket = await newComplaint();
    const task = await newTask(ticket.id);
    expect(task).toMatchObject({
      status: 'open',
      team: { name: '仓库' },
      owner: null,
      shareContact: false,
      version: 1,
    });
    const view = await call(t.app, as('department'), 'GET', `/api/tickets/${ticket.id}`);
    expect(view.statusCode, view.body).toBe(200);
    expect(view.json()).toMatchObject({
      access: 'restricted',
      contact: { name: '王先生', phone: '139****1111' },
      hiddenFields: ['address', 'phone'],
      tasks: [{ id: task.id }],
    });
    expect(view.json().fields).toEqual({
      company: '悦家贸易',
      reason: '新买的保温杯漏水，弄湿了包',
      product: '304 保温杯 500ml',
      batch: 'B20260201',
      incident_at: '2026-03-01T02:00:00.000Z',
    });
    expect(Object.keys(view.json())).not.toContain('timeline');
    // Staff-only parts stay NOT_FOUND even for a shared ticket.
    expectError(await call(t.app, as('department'), 'GET', `/api/tickets/${ticket.id}/comments`), 404, 'NOT_FOUND');
    const shared = await call(t.app, as('agent'), 'PATCH', `/api/tasks/${task.id}`, { version: 1, shareContact: true });
    expect(shared.statusCode, shared.body).toBe(200);
    const audit = await t.ctx.db.kysely
      .selectFrom('audit_events')
      .select('details')
      .where('action', '=', 'ticket.contact_shared')
      .execute();
    expect(audit.map((a) => JSON.parse(a.details).taskId)).toEqual([task.id]);
    const unmasked = (await call(t.app, as('department'), 'GET', `/api/tickets/${ticket.id}`)).json();
    expect(unmasked).toMatchObject({ contact: { phone: '13900001111' }, hiddenFields: [] });
    expect(unmasked.fields.phone).toBe('13900001111');
  });

  it('department users see their own and their team’s tasks only; a colleague’s owned task is theirs to finish', async () => {
    const ticket = await newComplaint();
    const owned = await newTask(ticket.id, { ownerId: colleague.id, title: '核对库存' });
    const mine = await call(t.app, as('department'), 'GET', '/api/tasks?scope=mine');
    expect(mine.json().items.map((i: { id: string }) => i.id)).not.toContain(owned.id);
    const team = await call(t.app, as('department'), 'GET', '/api/tasks?scope=team&status=open');
    expect(team.json().items.map((i: { id: string }) => i.id)).toContain(owned.id);
    const notMine = await call(t.app, as('department'), 'POST', `/api/tasks/${owned.id}/complete`, {
      version: 1,
      result: '代办',
    });
    expectError(notMine, 403, 'FORBIDDEN');
    const replied = await call(t.app, as('department'), 'POST', `/api/tasks/${owned.id}/replies`, {
      body: '我来帮忙？',
    });
    expect(replied.statusCode, replied.body).toBe(201);
    expect(replied.json().replies.map((r: { body: string }) => r.body)).toEqual(['我来帮忙？']);
    const done = await call(t.app, colleague.session, 'POST', `/api/tasks/${owned.id}/complete`, {
      version: 1,
      result: '库存充足',
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({
      status: 'done',
      result: '库存充足',
      completedBy: { id: colleague.id },
      version: 2,
    });
    const again = await call(t.app, colleague.session, 'POST', `/api/tasks/${owned.id}/complete`, {
      version: 2,
      result: '再来',
    });
    expectError(again, 409, 'CONFLICT');
    const notified = await t.ctx.db.kysely
      .selectFrom('ticket_notifications')
      .select(['user_id', 'kind'])
      .where('task_id', '=', owned.id)
      .execute();
    expect(notified).toEqual(
      expect.arrayContaining([
        { user_id: colleague.id, kind: 'task.assigned' },
        { user_id: w.ws.users.agent.id, kind: 'task.completed' },
      ]),
    );
  });

  it('another team’s task is NOT_FOUND to a department user, however they ask', async () => {
    const other = await call(t.app, as('admin'), 'POST', '/api/teams', { name: '财务', kind: 'department' });
    const ticket = await newComplaint();
    const task = await newTask(ticket.id, { teamId: other.json().id, title: '退款' });
    expectError(await call(t.app, as('department'), 'GET', `/api/tasks/${task.id}`), 404, 'NOT_FOUND');
    expectError(
      await call(t.app, as('department'), 'POST', `/api/tasks/${task.id}/complete`, { version: 1, result: 'x' }),
      404,
      'NOT_FOUND',
    );
    expectError(await call(t.app, as('department'), 'GET', `/api/tickets/${ticket.id}`), 404, 'NOT_FOUND');
    const row = await t.ctx.db.kysely
      .selectFrom('ticket_tasks')
      .select('status')
      .where('id', '=', task.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('open');
  });

  it('staff change an open task’s team, owner, due time and instructions, each on the timeline; stale writers conflict', async () => {
    const tech = await call(t.app, as('admin'), 'POST', '/api/teams', {
      name: '技术部',
      kind: 'department',
      memberIds: [colleague.id],
    });
    expect(tech.statusCode, tech.body).toBe(201);
    const ticket = await newComplaint();
    const task = await newTask(ticket.id, { ownerId: w.ws.users.department.id });
    const due = new Date(t.clock.now() + 86_400_000).toISOString();
    const changed = await call(t.app, as('agent'), 'PATCH', `/api/tasks/${task.id}`, {
      version: 1,
      teamId: tech.json().id,
      ownerId: colleague.id,
      dueAt: due,
      instructions: '先远程诊断',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({
      team: { id: tech.json().id, name: '技术部' },
      owner: { id: colleague.id, name: '仓库二号' },
      dueAt: due,
      instructions: '先远程诊断',
      version: 2,
    });
    const timeline = (await call(t.app, as('agent'), 'GET', `/api/tickets/${ticket.id}/timeline?limit=100`)).json();
    const entries = timeline.items.filter((e: { action: string }) => e.action === 'task.updated');
    expect(entries).toEqual([
      expect.objectContaining({ field: 'task.team', from: '仓库', to: '技术部' }),
      expect.objectContaining({
        field: 'task.owner',
        from: w.ws.users.department.id,
        to: colleague.id,
        detail: expect.objectContaining({ fromName: 'tasks department', toName: '仓库二号' }),
      }),
      expect.objectContaining({ field: 'task.instructions', from: '同款', to: '先远程诊断' }),
      expect.objectContaining({ field: 'task.dueAt', from: null, to: due }),
    ]);
    // A second writer who read version 1 changes nothing.
    const stale = await call(t.app, as('supervisor'), 'PATCH', `/api/tasks/${task.id}`, {
      version: 1,
      instructions: '别的说法',
    });
    expectError(stale, 409, 'CONFLICT');
    expect(stale.json().error.details).toEqual({ currentVersion: 2 });
    // Department users reply and finish tasks; they do not reassign or re-time them.
    expectError(
      await call(t.app, colleague.session, 'PATCH', `/api/tasks/${task.id}`, { version: 2, dueAt: null }),
      403,
      'FORBIDDEN',
    );
    const row = await t.ctx.db.kysely
      .selectFrom('ticket_tasks')
      .select(['instructions', 'version', 'due_at'])
      .where('id', '=', task.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ instructions: '先远程诊断', version: 2, due_at: Date.parse(due) });
    // A finished task is not re-worded unless the same change reopens it.
    const done = await call(t.app, colleague.session, 'POST', `/api/tasks/${task.id}/complete`, {
      version: 2,
      result: '已远程修复',
    });
    expect(done.statusCode, done.body).toBe(200);
    const closedEdit = await call(t.app, as('agent'), 'PATCH', `/api/tasks/${task.id}`, {
      version: 3,
      instructions: '再看看',
    });
    expectError(closedEdit, 409, 'CONFLICT');
    expect(closedEdit.json().error.details).toEqual({ status: 'done' });
    const reopened = await call(t.app, as('agent'), 'PATCH', `/api/tasks/${task.id}`, {
      version: 3,
      status: 'open',
      instructions: '再看看',
    });
    expect(reopened.statusCode, reopened.body).toBe(200);
    expect(reopened.json()).toMatchObject({ status: 'open', instructions: '再看看', version: 4 });
  });

  it('an owner must belong to the task’s team; an overdue task notifies its owner and the ticket’s followers once', async () => {
    const ticket = await newComplaint();
    const bad = await call(t.app, as('agent'), 'POST', `/api/tickets/${ticket.id}/tasks`, {
      teamId: w.warehouseTeamId,
      ownerId: w.ws.users.agent.id,
      title: '补发',
    });
    expectError(bad, 400, 'VALIDATION_FAILED');
    expect(bad.json().error.details).toEqual([{ field: 'body.ownerId', issue: 'is not an active member of the team' }]);
    const task = await newTask(ticket.id, {
      ownerId: w.ws.users.department.id,
      dueAt: new Date(t.clock.now() + 3600_000).toISOString(),
    });
    t.clock.advance(2 * 3600_000);
    expect((await sweepTicketDeadlines(t.ctx)).tasks).toBeGreaterThanOrEqual(1);
    expect((await sweepTicketDeadlines(t.ctx)).tasks).toBe(0);
    const overdue = await t.ctx.db.kysely
      .selectFrom('ticket_notifications')
      .select('user_id')
      .where('kind', '=', 'task.overdue')
      .where('task_id', '=', task.id)
      .execute();
    expect(overdue.map((n) => n.user_id).sort()).toEqual([w.ws.users.agent.id, w.ws.users.department.id].sort());
    const detail = await call(t.app, as('department'), 'GET', `/api/tasks/${task.id}`);
    expect(detail.json()).toMatchObject({ overdue: true });
  });
});
