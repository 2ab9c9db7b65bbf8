import { simpleWorkflow, type TicketCategoryView, type TicketTypeView } from '@kefu/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, type Session, seedWorkspace, signInAs, type TestApp } from '../test/testApp.js';
import { expectError } from '../test/testTickets.js';
import { defaultTicketTypesSeeder } from './defaultTicketTypes.js';

describe('ticket types, their forms and workflows, and the category tree', () => {
  let t: TestApp;
  let ws: Awaited<ReturnType<typeof seedWorkspace>>;
  let admin: Session;
  let agent: Session;

  const auditActions = async (action: string) =>
    t.ctx.db.kysely
      .selectFrom('audit_events')
      .selectAll()
      .where('account_id', '=', ws.accountId)
      .where('action', '=', action)
      .execute();
  const typeRow = (id: string) =>
    t.ctx.db.kysely.selectFrom('ticket_types').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  beforeAll(async () => {
    t = await createTestApp();
    ws = await seedWorkspace(t.ctx, 'types');
    admin = await signInAs(t.app, ws.users.admin.email);
    agent = await signInAs(t.app, ws.users.agent.email);
  });
  afterAll(() => t.close());

  it('the defaults seed the five demo types and a category tree, once', async () => {
    expect(await defaultTicketTypesSeeder(t.ctx, ws.accountId)).toEqual(['咨询', '投诉', '建议', '退换货', '技术故障']);
    expect(await defaultTicketTypesSeeder(t.ctx, ws.accountId)).toEqual([]);
    const list = await call(t.app, agent, 'GET', '/api/ticket-types');
    expect(list.statusCode).toBe(200);
    const complaint = (list.json().items as TicketTypeView[]).find((ty) => ty.name === '投诉')!;
    expect(complaint.fields.map((f) => f.key)).toEqual([
      'company',
      'address',
      'phone',
      'reason',
      'product',
      'batch',
      'incident_at',
    ]);
    expect(complaint.workflow).toMatchObject({ closedLoop: true, secondApprovalAbove: 500 });
    const categories = await call(t.app, agent, 'GET', '/api/ticket-categories');
    expect((categories.json().items as TicketCategoryView[]).slice(0, 4).map((c) => c.path)).toEqual([
      ['产品质量'],
      ['产品质量', '破损'],
      ['产品质量', '功能故障'],
      ['产品质量', '与描述不符'],
    ]);
  });

  it('an admin creates a type with a form; form and workflow are validated together, and it is audited', async () => {
    const bad = await call(t.app, admin, 'POST', '/api/ticket-types', {
      name: '发票',
      fields: [{ key: 'title', label: '抬头', kind: 'select' }],
      workflow: {
        ...simpleWorkflow(),
        transitions: [{ key: 'x', name: '开始', from: 'new', to: 'open', requiredFields: ['tax_no'] }],
      },
    });
    expectError(bad, 400, 'VALIDATION_FAILED');
    const fields = (bad.json().error.details as { field: string }[]).map((d) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['body.fields.0.options']));
    const created = await call(t.app, admin, 'POST', '/api/ticket-types', {
      name: '发票',
      fields: [{ key: 'tax_no', label: '税号', kind: 'text', required: true }],
      workflow: simpleWorkflow(),
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      name: '发票',
      version: 1,
      enabled: true,
      widgetEnabled: false,
      ticketCount: 0,
    });
    expect(await auditActions('ticket_type.created')).toEqual(
      expect.arrayContaining([expect.objectContaining({ target_id: created.json().id, actor_id: ws.users.admin.id })]),
    );
    const agentTry = await call(t.app, agent, 'POST', '/api/ticket-types', {
      name: '不行',
      workflow: simpleWorkflow(),
    });
    expectError(agentTry, 403, 'FORBIDDEN');
    const dup = await call(t.app, admin, 'POST', '/api/ticket-types', { name: '发票', workflow: simpleWorkflow() });
    expectError(dup, 409, 'CONFLICT');
  });

  it('a workflow edit is checked on save and needs the version last read', async () => {
    const created = await call(t.app, admin, 'POST', '/api/ticket-types', { name: '退款', workflow: simpleWorkflow() });
    const id = created.json().id as string;
    const unreachable = simpleWorkflow();
    unreachable.transitions = unreachable.transitions!.filter((tr) => tr.key !== 'start');
    const bad = await call(t.app, admin, 'PATCH', `/api/ticket-types/${id}`, { version: 1, workflow: unreachable });
    expectError(bad, 400, 'VALIDATION_FAILED');
    expect(bad.json().error.details).toEqual(
      expect.arrayContaining([
        { field: 'body.workflow.states.1', issue: 'state open cannot be reached from the initial state' },
      ]),
    );
    expect((await typeRow(id)).version).toBe(1);

    const renamed = await call(t.app, admin, 'PATCH', `/api/ticket-types/${id}`, { version: 1, name: '退款申请' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ name: '退款申请', version: 2 });
    const stale = await call(t.app, admin, 'PATCH', `/api/ticket-types/${id}`, { version: 1, enabled: false });
    expectError(stale, 409, 'CONFLICT');
    expect(stale.json().error.details).toEqual({ currentVersion: 2 });
    expect((await typeRow(id)).enabled).toBe(1);
    expect(await auditActions('ticket_type.updated')).toEqual([
      expect.objectContaining({ target_id: id, details: expect.stringContaining('"renamed"') }),
    ]);
  });

  it('a state that holds tickets cannot be dropped, and a type with tickets cannot be deleted', async () => {
    const created = await call(t.app, admin, 'POST', '/api/ticket-types', { name: '临时', workflow: simpleWorkflow() });
    const type = created.json() as TicketTypeView;
    const ticket = await call(t.app, agent, 'POST', '/api/tickets', {
      typeId: type.id,
      title: '测试',
      contact: { name: '客户甲' },
    });
    expect(ticket.statusCode, ticket.body).toBe(201);
    const withoutNew = simpleWorkflow();
    withoutNew.states = withoutNew.states.filter((s) => s.key !== 'new');
    withoutNew.states[0] = { ...withoutNew.states[0]!, initial: true };
    withoutNew.transitions = withoutNew.transitions!.filter((tr) => tr.from !== 'new');
    const dropped = await call(t.app, admin, 'PATCH', `/api/ticket-types/${type.id}`, {
      version: 1,
      workflow: withoutNew,
    });
    expectError(dropped, 409, 'CONFLICT');
    expect(dropped.json().error.details).toEqual({ statesInUse: { new: 1 } });
    // Recategorising the state takes its tickets along.
    const recategorised = simpleWorkflow();
    recategorised.states[0] = { ...recategorised.states[0]!, category: 'open' };
    const saved = await call(t.app, admin, 'PATCH', `/api/ticket-types/${type.id}`, {
      version: 1,
      workflow: recategorised,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const listed = await call(t.app, agent, 'GET', `/api/tickets?typeId=${type.id}&stateCategory=open`);
    expect(listed.json().items.map((i: { id: string }) => i.id)).toEqual([ticket.json().id]);
    const deleted = await call(t.app, admin, 'DELETE', `/api/ticket-types/${type.id}`);
    expectError(deleted, 409, 'CONFLICT');
    const empty = await call(t.app, admin, 'POST', '/api/ticket-types', { name: '空', workflow: simpleWorkflow() });
    const gone = await call(t.app, admin, 'DELETE', `/api/ticket-types/${empty.json().id}`);
    expect(gone.statusCode, gone.body).toBe(200);
    expect(await auditActions('ticket_type.deleted')).toHaveLength(1);
  });

  it('categories nest three levels deep, never under themselves, and are audited', async () => {
    const make = (name: string, parentId: string | null = null) =>
      call(t.app, admin, 'POST', '/api/ticket-categories', { name, parentId });
    const a = (await make('售后')).json();
    const b = (await make('退款', a.id)).json();
    const c = (await make('部分退款', b.id)).json();
    expect(c.path).toEqual(['售后', '退款', '部分退款']);
    expectError(await make('太深', c.id), 400, 'VALIDATION_FAILED');
    expectError(await make('退款', a.id), 409, 'CONFLICT');
    const loop = await call(t.app, admin, 'PATCH', `/api/ticket-categories/${a.id}`, { parentId: c.id });
    expectError(loop, 400, 'VALIDATION_FAILED');
    const moved = await call(t.app, admin, 'PATCH', `/api/ticket-categories/${c.id}`, { parentId: a.id, name: '部分' });
    expect(moved.json().path).toEqual(['售后', '部分']);
    expectError(await call(t.app, admin, 'DELETE', `/api/ticket-categories/${a.id}`), 409, 'CONFLICT');
    expect((await call(t.app, admin, 'DELETE', `/api/ticket-categories/${c.id}`)).statusCode).toBe(200);
    expect(await auditActions('ticket_category.deleted')).toEqual([
      expect.objectContaining({ target_id: c.id, details: expect.stringContaining('部分') }),
    ]);
    expectError(await call(t.app, agent, 'POST', '/api/ticket-categories', { name: '不行' }), 403, 'FORBIDDEN');
  });
});
