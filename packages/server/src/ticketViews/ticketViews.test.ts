import {
  type BulkResponse,
  type SavedTicketView,
  type TicketSummary,
  type TicketView,
  ticketExportQuery,
} from '@kefu/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../http/actor.js';
import { readCsv } from '../spreadsheets/csv.js';
import { readXlsx } from '../spreadsheets/xlsx.js';
import { call, createTestApp, type Session, signInAs, TEST_PASSWORD, type TestApp } from '../test/testApp.js';
import { complaintBody, expectError, type TicketWorld, ticketWorld } from '../test/testTickets.js';
import { EXPORT_HEADINGS, ticketExporter } from './ticketExporter.js';

const MINUTE = 60_000;

describe('ticket views, saved filters, bulk changes and export', () => {
  let t: TestApp;
  let w: TicketWorld;
  let presales: string;
  let otherTeam: string;
  let colleague: Session;
  let colleagueId: string;
  const made = new Map<string, string>();

  const as = (role: keyof TicketWorld['sessions']) => w.sessions[role];
  const create = async (name: string, body: object, role: keyof TicketWorld['sessions'] = 'agent') => {
    const res = await call(t.app, as(role), 'POST', '/api/tickets', body);
    expect(res.statusCode, res.body).toBe(201);
    const ticket = res.json() as TicketView;
    made.set(ticket.id, name);
    return ticket;
  };
  const inquiry = (extra: object = {}) => ({
    typeId: w.types.get('咨询')!.id,
    title: '发票怎么开',
    contact: { name: '赵女士', phone: '13700002222' },
    fields: { topic: 'order' },
    ...extra,
  });
  /** The names of this test's tickets a listing shows, in its order. */
  const listed = async (query: string, session: Session = as('agent')) => {
    const res = await call(t.app, session, 'GET', `/api/tickets?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().items as TicketSummary[]).flatMap((i) => (made.has(i.id) ? [made.get(i.id)!] : []));
  };
  const post = async (id: string, path: string, body: object, role: keyof TicketWorld['sessions'] = 'agent') => {
    const res = await call(t.app, as(role), 'POST', `/api/tickets/${id}/${path}`, body);
    expect(res.statusCode, res.body).toBe(path === 'tasks' ? 201 : 200);
    return res.json();
  };
  const versionOf = async (id: string) =>
    ((await call(t.app, as('agent'), 'GET', `/api/tickets/${id}`)).json() as TicketView).version;

  let mine: TicketView;
  let teamUnassigned: TicketView;
  let supervisors: TicketView;
  let closed: TicketView;
  let awaitingApproval: TicketView;
  let awaitingFollowUp: TicketView;

  beforeAll(async () => {
    t = await createTestApp();
    w = await ticketWorld(t, 'views');
    const colleagueUser = await call(t.app, as('admin'), 'POST', '/api/users', {
      email: 'colleague@views.test',
      name: '同组同事',
      role: 'agent',
      password: TEST_PASSWORD,
    });
    expect(colleagueUser.statusCode, colleagueUser.body).toBe(201);
    colleague = await signInAs(t.app, 'colleague@views.test');
    colleagueId = colleagueUser.json().id;
    const team = await call(t.app, as('admin'), 'POST', '/api/teams', {
      name: '售前',
      memberIds: [w.ws.users.agent.id, colleagueId],
    });
    presales = team.json().id;
    otherTeam = (await call(t.app, as('admin'), 'POST', '/api/teams', { name: '售后', memberIds: [] })).json().id;

    mine = await create('mine', inquiry({ assigneeId: w.ws.users.agent.id, teamId: presales }));
    teamUnassigned = await create('teamUnassigned', inquiry({ teamId: presales }));
    supervisors = await create('supervisors', inquiry({ assigneeId: w.ws.users.supervisor.id, teamId: otherTeam }));
    closed = await create('closed', inquiry({ assigneeId: w.ws.users.agent.id }));
    await post(closed.id, 'transitions', { transition: 'close_invalid', version: closed.version });

    awaitingApproval = await create('awaitingApproval', complaintBody(w, { assigneeId: w.ws.users.supervisor.id }));
    let v = (await post(awaitingApproval.id, 'transitions', { transition: 'accept', version: 1 })).version;
    await post(awaitingApproval.id, 'resolutions', { version: v, summary: '补发' });

    awaitingFollowUp = await create('awaitingFollowUp', complaintBody(w, { assigneeId: w.ws.users.supervisor.id }));
    v = (await post(awaitingFollowUp.id, 'transitions', { transition: 'accept', version: 1 })).version;
    const proposed = await post(awaitingFollowUp.id, 'resolutions', { version: v, summary: '退款' });
    const approved = await post(
      awaitingFollowUp.id,
      'approvals',
      { resolutionId: proposed.resolution.id, decision: 'approve' },
      'supervisor',
    );
    const accepted = await post(awaitingFollowUp.id, 'customer-decision', {
      version: approved.version,
      resolutionId: proposed.resolution.id,
      decision: 'accept',
      channel: 'phone',
    });
    const finished = await post(awaitingFollowUp.id, 'transitions', {
      transition: 'execution_finished',
      version: accepted.version,
    });
    expect(finished.state.key).toBe('awaiting_follow_up');
  });
  afterAll(() => t.close());

  it('built-in views are open-ticket queues, newest first, narrowed by the other filters', async () => {
    expect(await listed('view=mine')).toEqual(['mine']);
    expect(await listed('view=team')).toEqual(['teamUnassigned', 'mine']);
    expect(await listed('view=team', colleague)).toEqual(['teamUnassigned', 'mine']);
    expect(await listed('view=team', as('supervisor'))).toEqual([]);
    expect(await listed('view=unassigned')).toEqual(['teamUnassigned']);
    expect(await listed('view=awaitingApproval')).toEqual(['awaitingApproval']);
    expect(await listed('view=awaitingFollowUp')).toEqual(['awaitingFollowUp']);
    expect(await listed('view=mine', as('supervisor'))).toEqual([
      'awaitingFollowUp',
      'awaitingApproval',
      'supervisors',
    ]);
    expect(await listed('view=mine&priority=urgent')).toEqual([]);
    expect(await listed('view=mine&stateCategory=closed')).toEqual([]);
    // Keyset pages: the second page follows the first without repeats.
    const first = await call(t.app, as('supervisor'), 'GET', '/api/tickets?view=mine&limit=2');
    const page1 = first.json();
    expect(page1.items.map((i: TicketSummary) => made.get(i.id))).toEqual(['awaitingFollowUp', 'awaitingApproval']);
    const second = await call(
      t.app,
      as('supervisor'),
      'GET',
      `/api/tickets?view=mine&limit=2&cursor=${page1.nextCursor}`,
    );
    expect(second.json().items.map((i: TicketSummary) => made.get(i.id))).toEqual(['supervisors']);
    expect(second.json().nextCursor).toBeNull();
  });

  it('due soon and breached follow the SLA clocks', async () => {
    const policy = await call(t.app, as('admin'), 'POST', '/api/sla-policies', {
      name: '咨询一小时',
      conditions: { typeIds: [w.types.get('咨询')!.id] },
      targets: { firstResponseMinutes: 180 },
    });
    expect(policy.statusCode, policy.body).toBe(201);
    const due = await create('due', inquiry());
    expect(await listed('view=dueSoon')).not.toContain('due');
    t.clock.advance(61 * MINUTE);
    expect(await listed('view=dueSoon')).toContain('due');
    expect(await listed('view=breached')).not.toContain('due');
    t.clock.advance(120 * MINUTE);
    expect(await listed('view=breached')).toContain('due');
    expect(await listed('view=dueSoon')).not.toContain('due');
    const closedDue = await call(t.app, as('agent'), 'POST', `/api/tickets/${due.id}/transitions`, {
      transition: 'close_invalid',
      version: due.version,
    });
    expect(closedDue.statusCode, closedDue.body).toBe(200);
    expect(await listed('view=breached')).not.toContain('due');
  });

  it('saved filters: one’s own, shared read-only with a team, names unique per person', async () => {
    const created = await call(t.app, as('agent'), 'POST', '/api/ticket-views', {
      name: '我的紧急',
      filters: { view: 'mine', priority: 'urgent', active: true },
    });
    expect(created.statusCode, created.body).toBe(201);
    const view = created.json() as SavedTicketView;
    expect(view).toMatchObject({
      name: '我的紧急',
      filters: { view: 'mine', priority: 'urgent', active: true },
      owner: { id: w.ws.users.agent.id },
      team: null,
      mine: true,
    });
    expectError(
      await call(t.app, as('agent'), 'POST', '/api/ticket-views', { name: '我的紧急', filters: {} }),
      409,
      'CONFLICT',
    );
    // The colleague may use the same name for their own.
    const theirs = await call(t.app, colleague, 'POST', '/api/ticket-views', { name: '我的紧急', filters: {} });
    expect(theirs.statusCode, theirs.body).toBe(201);

    const notMyTeam = await call(t.app, as('agent'), 'PATCH', `/api/ticket-views/${view.id}`, { teamId: otherTeam });
    expectError(notMyTeam, 400, 'VALIDATION_FAILED');
    expect(notMyTeam.json().error.details).toEqual([{ field: 'body.teamId', issue: 'is not one of your teams' }]);
    const shared = await call(t.app, as('agent'), 'PATCH', `/api/ticket-views/${view.id}`, { teamId: presales });
    expect(shared.json()).toMatchObject({ team: { id: presales, name: '售前' } });

    const colleagueList = (await call(t.app, colleague, 'GET', '/api/ticket-views')).json().items as SavedTicketView[];
    expect(colleagueList.map((v) => [v.id, v.mine])).toEqual(
      expect.arrayContaining([
        [view.id, false],
        [theirs.json().id, true],
      ]),
    );
    expectError(
      await call(t.app, colleague, 'PATCH', `/api/ticket-views/${view.id}`, { name: '改名' }),
      403,
      'FORBIDDEN',
    );
    expectError(await call(t.app, colleague, 'DELETE', `/api/ticket-views/${view.id}`), 403, 'FORBIDDEN');
    // Someone outside the team does not see it at all.
    expectError(await call(t.app, as('supervisor'), 'DELETE', `/api/ticket-views/${view.id}`), 404, 'NOT_FOUND');
    const supervisorList = (await call(t.app, as('supervisor'), 'GET', '/api/ticket-views')).json().items;
    expect(supervisorList).toEqual([]);
    // Supervisors share with any team.
    const bySupervisor = await call(t.app, as('supervisor'), 'POST', '/api/ticket-views', {
      name: '待审批',
      filters: { view: 'awaitingApproval' },
      teamId: otherTeam,
    });
    expect(bySupervisor.statusCode, bySupervisor.body).toBe(201);

    expect((await call(t.app, as('agent'), 'DELETE', `/api/ticket-views/${view.id}`)).statusCode).toBe(200);
    const after = (await call(t.app, colleague, 'GET', '/api/ticket-views')).json().items as SavedTicketView[];
    expect(after.map((v) => v.id)).toEqual([theirs.json().id]);
  });

  it('bulk assign: each ticket through the same rules, a result per ticket, a bad assignee refuses them all', async () => {
    const stale = mine.version;
    const touch = await call(t.app, as('agent'), 'PATCH', `/api/tickets/${mine.id}`, { version: stale, title: '改过' });
    expect(touch.statusCode, touch.body).toBe(200);
    const beforeSupervisors = await versionOf(supervisors.id);
    const unknown = '01900000-0000-7000-8000-000000000000';
    const res = await call(t.app, as('agent'), 'POST', '/api/tickets/bulk-assign', {
      tickets: [{ id: mine.id, version: stale }, { id: supervisors.id }, { id: unknown }],
      assigneeId: colleagueId,
      teamId: presales,
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as BulkResponse;
    expect(body).toMatchObject({ succeeded: 1, failed: 2 });
    expect(body.results.map((r) => [r.id, r.ok, r.error?.code ?? null])).toEqual([
      [mine.id, false, 'CONFLICT'],
      [supervisors.id, true, null],
      [unknown, false, 'NOT_FOUND'],
    ]);
    expect(body.results[1]!.version).toBe(beforeSupervisors + 1);
    const moved = (await call(t.app, as('agent'), 'GET', `/api/tickets/${supervisors.id}`)).json() as TicketView;
    expect(moved).toMatchObject({ assignee: { id: colleagueId }, team: { id: presales } });
    expect(moved.watchers.map((u) => u.id)).toContain(colleagueId);
    const assigned = await t.ctx.db.kysely
      .selectFrom('ticket_notifications')
      .select('user_id')
      .where('ticket_id', '=', supervisors.id)
      .where('kind', '=', 'ticket.assigned')
      .where('user_id', '=', colleagueId)
      .execute();
    expect(assigned).toHaveLength(1);
    // The refused one is as it was.
    expect((await call(t.app, as('agent'), 'GET', `/api/tickets/${mine.id}`)).json()).toMatchObject({
      assignee: { id: w.ws.users.agent.id },
      version: stale + 1,
    });

    const before = await t.ctx.db.kysely.selectFrom('tickets').select(['id', 'version']).orderBy('id').execute();
    const refused = await call(t.app, as('agent'), 'POST', '/api/tickets/bulk-assign', {
      tickets: [{ id: teamUnassigned.id }],
      assigneeId: w.ws.users.department.id,
    });
    expectError(refused, 400, 'VALIDATION_FAILED');
    expect(await t.ctx.db.kysely.selectFrom('tickets').select(['id', 'version']).orderBy('id').execute()).toEqual(
      before,
    );
  });

  it('bulk close: by each workflow’s own manual transition; a complaint or a ticket with open tasks stays open', async () => {
    const fresh = await create('fresh', inquiry());
    const resolvedWithTask = await create('resolvedWithTask', inquiry());
    let v = (await post(resolvedWithTask.id, 'transitions', { transition: 'start', version: 1 })).version;
    v = (await post(resolvedWithTask.id, 'transitions', { transition: 'resolve', version: v })).version;
    await post(resolvedWithTask.id, 'tasks', { teamId: w.warehouseTeamId, title: '补发配件' }, 'supervisor');
    const snapshot = async (id: string) => ({
      ticket: await t.ctx.db.kysely.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirst(),
      events: await t.ctx.db.kysely.selectFrom('ticket_events').selectAll().where('ticket_id', '=', id).execute(),
    });
    const complaintBefore = await snapshot(awaitingApproval.id);
    const blockedBefore = await snapshot(resolvedWithTask.id);

    const res = await call(t.app, as('agent'), 'POST', '/api/tickets/bulk-close', {
      tickets: [{ id: fresh.id }, { id: awaitingApproval.id }, { id: resolvedWithTask.id }],
      comment: '批量清理无效工单',
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as BulkResponse;
    expect(body.results.map((r) => [made.get(r.id), r.ok, r.error?.code ?? null])).toEqual([
      ['fresh', true, null],
      ['awaitingApproval', false, 'INVALID_TRANSITION'],
      ['resolvedWithTask', false, 'TRANSITION_BLOCKED'],
    ]);
    expect(body.results[2]!.error!.details).toMatchObject({ blockers: [{ code: 'tasksDone' }] });
    const closedNow = (await call(t.app, as('agent'), 'GET', `/api/tickets/${fresh.id}`)).json() as TicketView;
    expect(closedNow.state).toMatchObject({ key: 'closed', category: 'closed' });
    const comments = (await call(t.app, as('agent'), 'GET', `/api/tickets/${fresh.id}/comments`)).json().items;
    expect(comments.map((c: { body: string }) => c.body)).toEqual(['批量清理无效工单']);
    // Refused tickets: not a row, not a timeline entry changed.
    expect(await snapshot(awaitingApproval.id)).toEqual(complaintBefore);
    expect(await snapshot(resolvedWithTask.id)).toEqual(blockedBefore);
  });

  it('export: the view as XLSX with the supervisor’s columns, contacts masked, audited', async () => {
    expectError(await call(t.app, as('agent'), 'GET', '/api/tickets/export'), 403, 'FORBIDDEN');
    const res = await call(
      t.app,
      as('supervisor'),
      'GET',
      `/api/tickets/export?view=mine&typeId=${w.types.get('投诉')!.id}`,
    );
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('工单-'));
    expect(res.headers['x-kefu-export-truncated']).toBe('false');
    const table = await readXlsx(res.rawPayload, { maxRows: 100 });
    expect(table[0]!.cells).toEqual(EXPORT_HEADINGS);
    const rows = table.slice(1).map((r) => r.cells);
    expect(rows.map((r) => r[0])).toEqual([awaitingFollowUp.number, awaitingApproval.number]);
    expect(rows[1]).toEqual([
      awaitingApproval.number,
      '保温杯漏水',
      '投诉',
      '待审批',
      '高',
      '王先生 139****1111',
      `views supervisor`,
      '',
      expect.stringMatching(/^2026-03-02 \d\d:\d\d$/),
      '',
      '',
    ]);
    const csv = await call(t.app, as('supervisor'), 'GET', '/api/tickets/export?view=mine&format=csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('工单编号');
    expect(csv.body).not.toContain('13900001111');
    const audit = await t.ctx.db.kysely
      .selectFrom('audit_events')
      .select(['actor_id', 'details'])
      .where('action', '=', 'ticket.exported')
      .orderBy('id')
      .execute();
    expect(audit).toHaveLength(2);
    expect(audit[0]!.actor_id).toBe(w.ws.users.supervisor.id);
    expect(JSON.parse(audit[0]!.details)).toMatchObject({
      filters: { view: 'mine', typeId: w.types.get('投诉')!.id },
      format: 'xlsx',
      rows: 2,
      truncated: false,
    });
  });

  it('export streams a view page by page, newest first, up to the cap, keeping text that looks like a formula', async () => {
    const batch: TicketView[] = [];
    for (const title of [
      '导出一',
      '导出二',
      '=HYPERLINK("http://evil.test","点我")',
      '导出四',
      '导出五',
      '导出六',
      '导出七',
    ]) {
      const res = await call(t.app, as('agent'), 'POST', '/api/tickets', inquiry({ title, tags: ['导出批次'] }));
      expect(res.statusCode, res.body).toBe(201);
      batch.push(res.json() as TicketView);
    }
    const newestFirst = batch.map((ticket) => ticket.number).reverse();
    const supervisor = w.ws.users.supervisor;
    const actor: Actor = {
      userId: supervisor.id,
      accountId: w.ws.accountId,
      role: 'supervisor',
      name: 'views supervisor',
      email: supervisor.email,
      locale: 'zh-CN',
      via: 'session',
      ip: '127.0.0.1',
    };
    const exportOf = async (query: object, limits: { maxRows: number; pageSize: number }) => {
      const file = await ticketExporter(t.ctx, actor, ticketExportQuery.parse(query), limits);
      return { ...file, data: Buffer.concat(await file.stream.toArray()) };
    };

    // Pages of two, cut at five: the five newest, across three reads of which the last is short.
    const capped = await exportOf({ tag: '导出批次', format: 'xlsx' }, { maxRows: 5, pageSize: 2 });
    expect(capped).toMatchObject({ rows: 5, truncated: true });
    const table = await readXlsx(capped.data, { maxRows: 100 });
    expect(table[0]!.cells).toEqual(EXPORT_HEADINGS);
    expect(table.slice(1).map((row) => row.cells[0])).toEqual(newestFirst.slice(0, 5));
    const formulaLike = table.slice(1).find((row) => row.cells[0] === batch[2]!.number)!;
    expect(formulaLike.cells.slice(1, 6)).toEqual([
      '=HYPERLINK("http://evil.test","点我")',
      '咨询',
      expect.any(String),
      '普通',
      '赵女士 137****2222',
    ]);

    // Everything, in pages of three (the last one short), as CSV.
    const whole = await exportOf({ tag: '导出批次', format: 'csv' }, { maxRows: 100, pageSize: 3 });
    expect(whole).toMatchObject({ rows: 7, truncated: false });
    const csv = readCsv(whole.data, { maxRows: 100 });
    expect(csv[0]!.cells).toEqual(EXPORT_HEADINGS);
    expect(csv.slice(1).map((row) => row.cells[0])).toEqual(newestFirst);
    // The formula guard's apostrophe is in the file and taken off when read back.
    expect(whole.data.toString('utf8')).toContain(`"'=HYPERLINK(""http://evil.test"",""点我"")"`);
    expect(csv.find((row) => row.cells[0] === batch[2]!.number)!.cells[1]).toBe(
      '=HYPERLINK("http://evil.test","点我")',
    );

    // An empty view is a file with its headings only.
    const empty = await exportOf({ tag: '没有这个标签', format: 'xlsx' }, { maxRows: 5, pageSize: 2 });
    expect(empty).toMatchObject({ rows: 0, truncated: false });
    expect((await readXlsx(empty.data, { maxRows: 10 })).map((row) => row.cells)).toEqual([EXPORT_HEADINGS]);

    const audit = await t.ctx.db.kysely
      .selectFrom('audit_events')
      .select('details')
      .where('action', '=', 'ticket.exported')
      .orderBy('id')
      .execute();
    expect(audit.slice(-3).map((row) => JSON.parse(row.details))).toMatchObject([
      { filters: { tag: '导出批次' }, format: 'xlsx', rows: 5, truncated: true },
      { filters: { tag: '导出批次' }, format: 'csv', rows: 7, truncated: false },
      { filters: { tag: '没有这个标签' }, format: 'xlsx', rows: 0, truncated: false },
    ]);
  });
});
