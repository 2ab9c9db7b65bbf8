import { randomBytes } from 'node:crypto';
import type { Role, TicketTypeView } from '@kefu/shared';
import { expect } from 'vitest';
import { defaultTicketTypesSeeder } from '../ticketTypes/defaultTicketTypes.js';
import { visitorMessageSender } from '../widget/visitorMessageSender.js';
import { type VisitorClaims, verifyVisitorToken } from '../widget/visitorToken.js';
import { widgetSessionStarter } from '../widget/widgetSession.js';
import { call, type Session, seedWorkspace, signInAs, type TestApp } from './testApp.js';
import { createTestInbox } from './testWidget.js';

/** Test helpers for tickets: a workspace with the default types, a department team, and request shortcuts. */
export type Workspace = Awaited<ReturnType<typeof seedWorkspace>>;

export interface TicketWorld {
  ws: Workspace;
  sessions: Record<Role, Session>;
  types: Map<string, TicketTypeView>;
  /** 仓库: a department team with the workspace's department user. */
  warehouseTeamId: string;
  inbox: Awaited<ReturnType<typeof createTestInbox>>;
}

let clientIds = 0;

export async function ticketWorld(t: TestApp, label: string): Promise<TicketWorld> {
  const ws = await seedWorkspace(t.ctx, label);
  await defaultTicketTypesSeeder(t.ctx, ws.accountId);
  const sessions = {} as Record<Role, Session>;
  for (const role of ['admin', 'supervisor', 'agent', 'department'] as const) {
    sessions[role] = await signInAs(t.app, ws.users[role].email);
  }
  const team = await call(t.app, sessions.admin, 'POST', '/api/teams', {
    name: '仓库',
    kind: 'department',
    memberIds: [ws.users.department.id],
  });
  expect(team.statusCode, team.body).toBe(201);
  const list = await call(t.app, sessions.admin, 'GET', '/api/ticket-types');
  expect(list.statusCode, list.body).toBe(200);
  const types = new Map((list.json().items as TicketTypeView[]).map((type) => [type.name, type]));
  const inbox = await createTestInbox(t.ctx, ws.accountId);
  return { ws, sessions, types, warehouseTeamId: team.json().id, inbox };
}

/** A widget visitor who wrote `content`: their claims and the new conversation's id. */
export async function chattingVisitor(
  t: TestApp,
  world: { inbox: { website_token: string } },
  content = '收到的杯子碎了',
  details: { name?: string; phone?: string } = { name: '刘女士', phone: '13812345678' },
): Promise<{ visitor: VisitorClaims; token: string; conversationId: string }> {
  const session = await widgetSessionStarter(t.ctx, { websiteToken: world.inbox.website_token, ...details });
  const visitor = verifyVisitorToken(t.ctx.config.secret, session.visitorToken, t.clock.now())!;
  const created = await visitorMessageSender(
    t.ctx,
    visitor,
    { clientId: `kit-${++clientIds}-${Date.now().toString(36)}`, conversationId: null, content, attachmentIds: [] },
    () => ({ pageUrl: null, referrer: null, browser: null, os: null, ip: null, location: null }),
  );
  return { visitor, token: session.visitorToken, conversationId: created.conversation.id };
}

/** A complaint (投诉) with its register filled in, by hand for a new customer. */
export function complaintBody(world: TicketWorld, extra: Record<string, unknown> = {}) {
  return {
    typeId: world.types.get('投诉')!.id,
    title: '保温杯漏水',
    contact: { name: '王先生', phone: '13900001111' },
    fields: {
      company: '悦家贸易',
      address: '上海市浦东新区世纪大道 100 号',
      phone: '13900001111',
      reason: '新买的保温杯漏水，弄湿了包',
      product: '304 保温杯 500ml',
      batch: 'B20260201',
      incident_at: '2026-03-01T10:00:00+08:00',
    },
    ...extra,
  };
}

export function expectError(res: { statusCode: number; body: string; json(): unknown }, status: number, code: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect((res.json() as { error: { code: string } }).error.code, res.body).toBe(code);
}

/** A multipart/form-data body with one file in the field `file`, as the upload routes take it. */
export function fileUpload(fileName: string, data: string | Buffer, contentType = 'text/plain') {
  const boundary = `----kefu-test-${randomBytes(8).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`,
    ),
    typeof data === 'string' ? Buffer.from(data) : data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
