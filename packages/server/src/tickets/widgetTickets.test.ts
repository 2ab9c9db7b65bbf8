import type { TicketView } from '@kefu/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, nextTestAddress, type TestApp } from '../test/testApp.js';
import { chattingVisitor, expectError, fileUpload, type TicketWorld, ticketWorld } from '../test/testTickets.js';

describe('tickets from the widget', () => {
  let t: TestApp;
  let w: TicketWorld;

  const asVisitor = (token: string, method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.inject({
      method,
      url,
      headers: { 'x-kefu-visitor': token },
      remoteAddress: nextTestAddress(),
      ...(payload ? { payload } : {}),
    });

  beforeAll(async () => {
    t = await createTestApp();
    w = await ticketWorld(t, 'widget');
  });
  afterAll(() => t.close());

  it('offers the widget-enabled types with only the fields a customer fills', async () => {
    const { token } = await chattingVisitor(t, w);
    const hidden = await call(t.app, w.sessions.admin, 'PATCH', `/api/ticket-types/${w.types.get('建议')!.id}`, {
      version: 1,
      widgetEnabled: false,
    });
    expect(hidden.statusCode, hidden.body).toBe(200);
    const res = await asVisitor(token, 'GET', '/api/widget/ticket-types');
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as { name: string; fields: Record<string, unknown>[] }[];
    expect(items.map((i) => i.name)).toEqual(['咨询', '投诉', '退换货', '技术故障']);
    const complaint = items.find((i) => i.name === '投诉')!;
    expect(complaint.fields.map((f) => f.key)).toContain('phone');
    expect(Object.keys(complaint.fields[0]!)).not.toContain('personal');
    const refused = await asVisitor(token, 'POST', '/api/widget/tickets', {
      typeId: w.types.get('建议')!.id,
      title: '建议',
    });
    expectError(refused, 400, 'VALIDATION_FAILED');
    expect(refused.json().error.details).toEqual([{ field: 'body.typeId', issue: 'is not offered in the widget' }]);
  });

  it('a customer submits a form with photos; staff see it with the files, the customer sees only their own', async () => {
    const { token, visitor } = await chattingVisitor(t, w, '要换货');
    const upload = fileUpload('收据.txt', '订单 88001 收据');
    const uploaded = await t.app.inject({
      method: 'POST',
      url: '/api/widget/attachments',
      headers: { ...upload.headers, 'x-kefu-visitor': token },
      payload: upload.payload,
      remoteAddress: nextTestAddress(),
    });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const uploadId = uploaded.json().id as string;
    const missing = await asVisitor(token, 'POST', '/api/widget/tickets', {
      typeId: w.types.get('退换货')!.id,
      title: '杯子破损',
      fields: { request: 'exchange' },
    });
    expectError(missing, 400, 'VALIDATION_FAILED');
    expect(missing.json().error.details).toEqual([{ field: 'body.fields.reason', issue: 'is required' }]);

    const res = await asVisitor(token, 'POST', '/api/widget/tickets', {
      typeId: w.types.get('退换货')!.id,
      title: '杯子破损',
      description: '外包装完好但杯子碎了',
      fields: { request: 'exchange', reason: ['quality', 'damaged'], photos: [uploadId] },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      title: '杯子破损',
      typeName: '退换货',
      state: { name: '新建' },
      pendingDecision: null,
    });
    const id = res.json().id as string;

    const staff = await call(t.app, w.sessions.agent, 'GET', `/api/tickets/${id}`);
    const view = staff.json() as TicketView;
    expect(view).toMatchObject({ source: 'widget', recordedBy: null, contact: { id: visitor.contactId } });
    const photos = view.fields.photos as { url: string; fileName: string }[];
    expect(photos.map((p) => p.fileName)).toEqual(['收据.txt']);
    const file = await call(t.app, w.sessions.agent, 'GET', photos[0]!.url);
    expect(file.statusCode).toBe(200);
    expect(file.body).toBe('订单 88001 收据');
    const leftover = await t.ctx.db.kysely.selectFrom('attachments').select('id').where('id', '=', uploadId).execute();
    expect(leftover).toEqual([]);

    const other = await chattingVisitor(t, w, '我是别人');
    expectError(await asVisitor(other.token, 'GET', `/api/widget/tickets/${id}`), 404, 'NOT_FOUND');
    expect((await asVisitor(other.token, 'GET', '/api/widget/tickets')).json().items).toEqual([]);
    expect(
      (await asVisitor(token, 'GET', '/api/widget/tickets')).json().items.map((i: { id: string }) => i.id),
    ).toEqual([id]);
    // An upload cannot be used twice.
    const reused = await asVisitor(token, 'POST', '/api/widget/tickets', {
      typeId: w.types.get('退换货')!.id,
      title: '再来一次',
      fields: { request: 'exchange', reason: ['wrong_item'], photos: [uploadId] },
    });
    expectError(reused, 400, 'VALIDATION_FAILED');
  });

  it('a customer decides only on their own ticket’s approved plan', async () => {
    const chat = await chattingVisitor(t, w, '投诉');
    const created = await asVisitor(chat.token, 'POST', '/api/widget/tickets', {
      typeId: w.types.get('投诉')!.id,
      title: '漏水',
      fields: { phone: '13811112222', reason: '漏水', product: '保温杯' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const staff = (path: string, body: object, role: keyof TicketWorld['sessions'] = 'agent') =>
      call(t.app, w.sessions[role], 'POST', `/api/tickets/${id}/${path}`, body);
    let ticket = (await staff('transitions', { transition: 'accept', version: 1 })).json() as TicketView;
    ticket = (await staff('resolutions', { version: ticket.version, summary: '换新' })).json();
    const early = await asVisitor(chat.token, 'POST', `/api/widget/tickets/${id}/decision`, {
      resolutionId: ticket.resolution!.id,
      decision: 'accept',
    });
    expectError(early, 409, 'CONFLICT');
    ticket = (
      await staff('approvals', { resolutionId: ticket.resolution!.id, decision: 'approve' }, 'supervisor')
    ).json();
    const other = await chattingVisitor(t, w, '路人');
    const foreign = await asVisitor(other.token, 'POST', `/api/widget/tickets/${id}/decision`, {
      resolutionId: ticket.resolution!.id,
      decision: 'reject',
    });
    expectError(foreign, 404, 'NOT_FOUND');
    const rejected = await asVisitor(chat.token, 'POST', `/api/widget/tickets/${id}/decision`, {
      resolutionId: ticket.resolution!.id,
      decision: 'reject',
      note: '我要退款不要换新',
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json()).toMatchObject({ state: { key: 'processing' }, pendingDecision: null });
    const after = (await call(t.app, w.sessions.agent, 'GET', `/api/tickets/${id}`)).json() as TicketView;
    expect(after.resolution!.customerDecision).toMatchObject({
      decision: 'rejected',
      by: 'customer',
      note: '我要退款不要换新',
    });
  });
});
