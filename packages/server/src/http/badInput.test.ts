import { ERROR_CODES, type ErrorCode, LIMITS } from '@kefu/shared';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../db/ids.js';
import {
  createTestApp,
  nextTestAddress,
  type Session,
  seedWorkspace,
  signInAs,
  type TestApp,
} from '../test/testApp.js';
import { startVisitor } from '../test/testWidget.js';
import type { CatalogRoute } from './kefuApp.js';

/** The bits of the generated OpenAPI document this test reads to build bad input for each route. */
interface JsonSchema {
  type?: string;
  enum?: unknown[];
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  properties?: Record<string, JsonSchema>;
}
interface Operation {
  parameters?: { in: string; name: string; schema: JsonSchema }[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}
interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
const BODY_METHODS = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

/** Routes that take a multipart upload (field `file`) instead of JSON. */
const UPLOAD_ROUTES = new Set([
  'POST /api/attachments',
  'POST /api/widget/attachments',
  'POST /api/quick-replies/import',
  'POST /api/knowledge/import',
  'POST /api/knowledge/pictures',
]);

/** A value of the wrong JSON type for a schema: a number where a string belongs, a string where a number does. */
function wrongTypeFor(schema: JsonSchema): unknown {
  switch (schema.type) {
    case 'string':
      return 123;
    case 'integer':
    case 'number':
      return 'not-a-number';
    case 'boolean':
      return 'not-a-boolean';
    case 'array':
      return 'not-an-array';
    case 'object':
      return 'not-an-object';
    default:
      return { unexpected: true };
  }
}

/** A query-string or path value that breaks the schema, or undefined when any string would do. */
function invalidStringFor(schema: JsonSchema): string | undefined {
  if (schema.format === 'uuid') return 'not-a-uuid';
  if (schema.format === 'date-time') return 'yesterday';
  if (schema.enum) return 'not-one-of-the-choices';
  if (schema.type === 'integer' || schema.type === 'number') return 'abc';
  if (schema.minLength !== undefined && schema.minLength > 1) return 'x';
  if (schema.maxLength !== undefined) return 'x'.repeat(schema.maxLength + 1);
  return undefined;
}

const describeRoute = (r: { method: string; url: string }) => `${r.method} ${r.url}`;

/**
 * Asserts a clear client error: a 4xx status, the `{ error: { code, message, details } }` envelope with a
 * known code, and, when `fields` is given, details naming every one of those fields.
 */
function expectClientError(
  res: LightMyRequestResponse,
  context: string,
  expected: { status?: number | number[]; code?: ErrorCode | ErrorCode[]; fields?: string[] } = {},
) {
  const where = `${context} → ${res.statusCode} ${res.body.slice(0, 300)}`;
  expect(res.statusCode, where).toBeGreaterThanOrEqual(400);
  expect(res.statusCode, where).toBeLessThan(500);
  if (expected.status !== undefined) expect([expected.status].flat(), where).toContain(res.statusCode);
  expect(res.headers['content-type'], where).toMatch(/^application\/json/);
  const body = res.json();
  expect(body, where).toEqual({
    error: { code: expect.any(String), message: expect.any(String), details: expect.anything() },
  });
  expect(ERROR_CODES, where).toContain(body.error.code);
  expect(body.error.message.length, where).toBeGreaterThan(0);
  if (expected.code !== undefined) expect([expected.code].flat(), where).toContain(body.error.code);
  if (expected.fields) {
    expect(Array.isArray(body.error.details), where).toBe(true);
    const named = (body.error.details as { field?: string; issue: string }[]).map((d) => d.field);
    for (const field of expected.fields) expect(named, where).toContain(field);
    for (const detail of body.error.details as { issue: unknown }[]) expect(typeof detail.issue, where).toBe('string');
  }
  return body.error as { code: ErrorCode; message: string; details: unknown };
}

/** For bad input a route may legitimately ignore (no body declared): anything but a server error. */
function expectHandledWithoutServerError(res: LightMyRequestResponse, context: string) {
  const where = `${context} → ${res.statusCode} ${res.body.slice(0, 300)}`;
  expect(res.statusCode, where).toBeLessThan(500);
  if (res.statusCode >= 400) expectClientError(res, context);
}

describe('bad input gets a clear 4xx, never a 500', () => {
  let t: TestApp;
  let ws: Awaited<ReturnType<typeof seedWorkspace>>;
  let admin: Session;
  let openApi: OpenApiDocument;

  const writeRoutes = () => t.app.routeCatalog.filter((r) => BODY_METHODS.has(r.method));
  const operationOf = (r: CatalogRoute) =>
    openApi.paths[r.url.replace(/:(\w+)/g, '{$1}')]?.[r.method.toLowerCase()] as Operation | undefined;
  const bodySchemaOf = (r: CatalogRoute) => operationOf(r)?.requestBody?.content['application/json']?.schema;

  /** Path params get well-formed values that match nothing, so no write can destroy data later checks need. */
  const sampleUrl = (url: string) =>
    url.replace(/:(\w+)/g, (_match, name: string) => {
      if (name === 'token') return 'x'.repeat(43);
      if (name === 'locale') return 'zh-CN';
      return newId();
    });

  /** The admin's session, signed in again if a previous request (say, logout with an ignored body) ended it. */
  let visitorToken = '';

  async function adminSession(): Promise<Session> {
    const check = await t.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: admin.cookie } });
    if (check.statusCode !== 200) admin = await signInAs(t.app, ws.users.admin.email);
    return admin;
  }

  async function asAdmin(method: string, url: string, body?: { raw: string | Buffer; contentType?: string }) {
    const session = await adminSession();
    // Widget routes authenticate the visitor instead; the header is ignored everywhere else.
    const headers: Record<string, string> = { cookie: session.cookie, 'x-kefu-visitor': visitorToken };
    if (method !== 'GET') headers['x-csrf-token'] = session.csrfToken;
    if (body?.contentType) headers['content-type'] = body.contentType;
    return t.app.inject({
      method: method as Method,
      url,
      headers,
      remoteAddress: nextTestAddress(),
      ...(body ? { payload: body.raw } : {}),
    });
  }

  beforeAll(async () => {
    t = await createTestApp();
    ws = await seedWorkspace(t.ctx, 'badinput');
    admin = await signInAs(t.app, ws.users.admin.email);
    visitorToken = await startVisitor(t.ctx, ws.accountId);
    openApi = t.app.swagger() as unknown as OpenApiDocument;
  });
  afterAll(() => t.close());

  it('every API route in the catalog is described in the OpenAPI document, so its body and query are known', () => {
    const undocumented = t.app.routeCatalog
      .filter((r) => r.url.startsWith('/api/'))
      .filter((r) => operationOf(r) === undefined)
      .map(describeRoute);
    expect(undocumented).toEqual([]);
    expect(writeRoutes().filter((r) => bodySchemaOf(r)).length).toBeGreaterThan(0);
  });

  it('malformed JSON gets 400 MALFORMED_JSON on every write route', async () => {
    for (const route of writeRoutes()) {
      const res = await asAdmin(route.method, sampleUrl(route.url), { raw: '{bad', contentType: 'application/json' });
      expectClientError(res, `${describeRoute(route)} with {bad`, { status: 400, code: 'MALFORMED_JSON' });
    }
  });

  it('an empty body labelled application/json gets 400 MALFORMED_JSON on every write route', async () => {
    for (const route of writeRoutes()) {
      const res = await asAdmin(route.method, sampleUrl(route.url), { raw: '', contentType: 'application/json' });
      expectClientError(res, `${describeRoute(route)} with an empty JSON body`, {
        status: 400,
        code: 'MALFORMED_JSON',
      });
    }
  });

  it('a JSON array where an object is expected gets 400 VALIDATION_FAILED naming the body', async () => {
    for (const route of writeRoutes()) {
      const res = await asAdmin(route.method, sampleUrl(route.url), {
        raw: '[1,2,3]',
        contentType: 'application/json',
      });
      const context = `${describeRoute(route)} with a JSON array`;
      if (bodySchemaOf(route))
        expectClientError(res, context, { status: 400, code: 'VALIDATION_FAILED', fields: ['body'] });
      else expectHandledWithoutServerError(res, context);
    }
  });

  it('wrong JSON types get 400 VALIDATION_FAILED naming every mistyped field as body.<field>', async () => {
    for (const route of writeRoutes()) {
      const properties = bodySchemaOf(route)?.properties;
      const payload = properties
        ? Object.fromEntries(Object.entries(properties).map(([name, schema]) => [name, wrongTypeFor(schema)]))
        : { name: 123, email: false, password: [], role: 7, memberIds: 'x' };
      const res = await asAdmin(route.method, sampleUrl(route.url), {
        raw: JSON.stringify(payload),
        contentType: 'application/json',
      });
      const context = `${describeRoute(route)} with ${JSON.stringify(payload)}`;
      if (properties) {
        const fields = Object.keys(properties).map((name) => `body.${name}`);
        expectClientError(res, context, { status: 400, code: 'VALIDATION_FAILED', fields });
      } else {
        expectHandledWithoutServerError(res, context);
      }
    }
  });

  it('a body over the 1 MiB limit gets 413 PAYLOAD_TOO_LARGE on every write route', async () => {
    const oversized = JSON.stringify({ name: 'x'.repeat(LIMITS.maxJsonBodyBytes + 1) });
    for (const route of writeRoutes()) {
      const res = await asAdmin(route.method, sampleUrl(route.url), {
        raw: oversized,
        contentType: 'application/json',
      });
      expectClientError(res, `${describeRoute(route)} with ${oversized.length} bytes`, {
        status: 413,
        code: 'PAYLOAD_TOO_LARGE',
      });
    }
  });

  it('a text/plain body gets 415 or 400 where a JSON body is expected', async () => {
    for (const route of writeRoutes()) {
      const res = await asAdmin(route.method, sampleUrl(route.url), { raw: 'name=x', contentType: 'text/plain' });
      const context = `${describeRoute(route)} with text/plain`;
      if (bodySchemaOf(route)) {
        expectClientError(res, context, { status: [400, 415], code: ['VALIDATION_FAILED', 'UNSUPPORTED_MEDIA_TYPE'] });
      } else {
        expectHandledWithoutServerError(res, context);
      }
    }
  });

  it('a content type the server cannot read gets 415 UNSUPPORTED_MEDIA_TYPE on every write route', async () => {
    for (const contentType of [
      'application/xml',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]) {
      for (const route of writeRoutes()) {
        const res = await asAdmin(route.method, sampleUrl(route.url), { raw: '<name>x</name>', contentType });
        // Upload routes do read multipart: a form without a file is a 400 naming body.file.
        const readsMultipart = UPLOAD_ROUTES.has(describeRoute(route)) && contentType.startsWith('multipart/');
        expectClientError(
          res,
          `${describeRoute(route)} with ${contentType}`,
          readsMultipart
            ? { status: 400, code: 'VALIDATION_FAILED', fields: ['body.file'] }
            : { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
        );
      }
    }
  });

  it('an id that is not a UUID gets 400 VALIDATION_FAILED naming params.id, on every route with :id', async () => {
    const routesWithId = t.app.routeCatalog.filter((r) => r.url.includes(':id'));
    expect(routesWithId.length).toBeGreaterThan(0);
    for (const route of routesWithId) {
      for (const badId of ['not-a-uuid', '123', `${newId()}x`]) {
        const url = sampleUrl(route.url.replace(':id', encodeURIComponent(badId)));
        const body =
          route.method === 'GET' || route.method === 'DELETE'
            ? undefined
            : { raw: '{}', contentType: 'application/json' };
        const res = await asAdmin(route.method, url, body);
        expectClientError(res, `${describeRoute(route)} with id ${badId}`, {
          status: 400,
          code: 'VALIDATION_FAILED',
          fields: ['params.id'],
        });
      }
    }
  });

  it('any other path parameter that breaks its schema gets 400 VALIDATION_FAILED naming params.<name>', async () => {
    let checked = 0;
    for (const route of t.app.routeCatalog) {
      for (const param of operationOf(route)?.parameters?.filter((p) => p.in === 'path' && p.name !== 'id') ?? []) {
        const bad = invalidStringFor(param.schema);
        if (bad === undefined) continue;
        const url = sampleUrl(route.url.replace(`:${param.name}`, encodeURIComponent(bad)));
        const body =
          route.method === 'GET' || route.method === 'DELETE'
            ? undefined
            : { raw: '{}', contentType: 'application/json' };
        const res = await asAdmin(route.method, url, body);
        expectClientError(res, `${describeRoute(route)} with ${param.name}=${bad}`, {
          status: 400,
          code: 'VALIDATION_FAILED',
          fields: [`params.${param.name}`],
        });
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('a path parameter with a malformed %-escape or far too long gets 400 VALIDATION_FAILED in the envelope', async () => {
    const routesWithParams = t.app.routeCatalog.filter((r) => r.url.includes('/:'));
    expect(routesWithParams.length).toBeGreaterThan(0);
    for (const route of routesWithParams) {
      for (const garbage of ['%zz', '%E0%A4%A', 'x'.repeat(1000)]) {
        const url = route.url.replace(/:(\w+)/g, garbage);
        const body =
          route.method === 'GET' || route.method === 'DELETE'
            ? undefined
            : { raw: '{}', contentType: 'application/json' };
        const res = await asAdmin(route.method, url, body);
        const error = expectClientError(res, `${describeRoute(route)} with ${garbage.slice(0, 20)}`, {
          status: 400,
          code: 'VALIDATION_FAILED',
        });
        const fields = (error.details as { field?: string }[]).map((d) => d.field ?? '');
        expect(
          fields.some((f) => f.startsWith('params')),
          `${describeRoute(route)}: ${fields}`,
        ).toBe(true);
      }
    }
  });

  it('every query parameter given a bad value gets 400 VALIDATION_FAILED naming querystring.<name>', async () => {
    let checked = 0;
    for (const route of t.app.routeCatalog.filter((r) => r.method === 'GET')) {
      for (const param of operationOf(route)?.parameters?.filter((p) => p.in === 'query') ?? []) {
        const bad = invalidStringFor(param.schema);
        if (bad === undefined) continue;
        const url = `${sampleUrl(route.url)}?${param.name}=${encodeURIComponent(bad)}`;
        const res = await asAdmin('GET', url);
        expectClientError(res, `GET ${url}`, {
          status: 400,
          code: 'VALIDATION_FAILED',
          fields: [`querystring.${param.name}`],
        });
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('the audit log rejects a non-numeric, zero or too large limit and a non-ISO date, naming the parameter', async () => {
    const cases: [string, string][] = [
      ['limit=abc', 'querystring.limit'],
      ['limit=0', 'querystring.limit'],
      [`limit=${LIMITS.pageSizeMax + 1}`, 'querystring.limit'],
      ['limit=1.5', 'querystring.limit'],
      ['from=yesterday', 'querystring.from'],
      ['to=2026-13-45T00:00:00Z', 'querystring.to'],
      ['cursor=not-a-uuid', 'querystring.cursor'],
      ['action=user.exploded', 'querystring.action'],
    ];
    for (const [query, field] of cases) {
      const res = await asAdmin('GET', `/api/audit-events?${query}`);
      expectClientError(res, `GET /api/audit-events?${query}`, {
        status: 400,
        code: 'VALIDATION_FAILED',
        fields: [field],
      });
    }
    // A query string that is not even valid %-encoding is a client error too, never a 500.
    for (const url of ['/api/users?q=%zz', '/api/audit-events?from=%E0%A4%A', '/api/users?role[]=admin']) {
      const res = await asAdmin('GET', url);
      expect(res.statusCode, `${url} → ${res.body}`).toBeLessThan(500);
      if (res.statusCode >= 400) expectClientError(res, url);
    }
    // Control: well-formed values are accepted.
    const ok = await asAdmin('GET', '/api/audit-events?limit=5&from=2026-01-01T00:00:00Z');
    expect(ok.statusCode).toBe(200);
  });

  it('tickets: nested workflow and task mistakes and a bad assignee filter name the exact field', async () => {
    const type = await asAdmin('POST', '/api/ticket-types', {
      raw: JSON.stringify({
        name: '坏类型',
        fields: [{ key: 'Bad Key', label: '字段', kind: 'colour' }],
        workflow: { states: [{ key: 'new', name: '新建', category: 'weird' }], transitions: [] },
      }),
      contentType: 'application/json',
    });
    expectClientError(type, 'POST /api/ticket-types with nested mistakes', {
      status: 400,
      code: 'VALIDATION_FAILED',
      fields: [
        'body.fields.0.key',
        'body.fields.0.kind',
        'body.workflow.states.0.category',
        'body.workflow.transitions',
      ],
    });
    const task = await asAdmin('POST', `/api/tickets/${newId()}/tasks`, {
      raw: JSON.stringify({ teamId: 'x', title: '', dueAt: 'tomorrow' }),
      contentType: 'application/json',
    });
    expectClientError(task, 'POST /api/tickets/:id/tasks with bad fields', {
      status: 400,
      code: 'VALIDATION_FAILED',
      fields: ['body.teamId', 'body.title', 'body.dueAt'],
    });
    for (const query of ['assignee=somebody', 'active=yes', 'stateCategory=done']) {
      const res = await asAdmin('GET', `/api/tickets?${query}`);
      expectClientError(res, `GET /api/tickets?${query}`, {
        status: 400,
        code: 'VALIDATION_FAILED',
        fields: [`querystring.${query.split('=')[0]}`],
      });
    }
  });

  it('SLA policies, saved views, bulk changes and export: nested mistakes name the exact field', async () => {
    const json = (body: unknown) => ({ raw: JSON.stringify(body), contentType: 'application/json' });
    const cases: [string, string, unknown, string[]][] = [
      [
        'POST',
        '/api/sla-policies',
        {
          name: '',
          conditions: { priorities: ['asap'], typeIds: ['x'] },
          targets: { firstResponseMinutes: -1, nextResponseMinutes: 'soon' },
          warning: { mode: 'sometimes' },
          onBreach: { notifyUserIds: 'x', reassignToTeamId: 'team' },
        },
        [
          'body.name',
          'body.conditions.priorities.0',
          'body.conditions.typeIds.0',
          'body.targets.firstResponseMinutes',
          'body.targets.nextResponseMinutes',
          'body.warning.mode',
          'body.onBreach.notifyUserIds',
          'body.onBreach.reassignToTeamId',
        ],
      ],
      ['PATCH', `/api/sla-policies/${newId()}`, { version: 0, position: -1 }, ['body.version', 'body.position']],
      [
        'POST',
        '/api/tickets/bulk-assign',
        { tickets: [{ id: 'x', version: 0 }], assigneeId: 'x' },
        ['body.tickets.0.id', 'body.tickets.0.version', 'body.assigneeId'],
      ],
      ['POST', '/api/tickets/bulk-assign', { tickets: [], teamId: null }, ['body.tickets']],
      [
        'POST',
        '/api/tickets/bulk-close',
        { tickets: Array.from({ length: 101 }, () => ({ id: newId() })), comment: 7 },
        ['body.tickets', 'body.comment'],
      ],
      [
        'POST',
        '/api/ticket-views',
        { name: 'v', filters: { view: 'everything', active: 'yes', assignee: 'somebody' } },
        ['body.filters.view', 'body.filters.active', 'body.filters.assignee'],
      ],
    ];
    for (const [method, url, body, fields] of cases) {
      const res = await asAdmin(method, url, json(body));
      expectClientError(res, `${method} ${url} ${JSON.stringify(body).slice(0, 80)}`, {
        status: 400,
        code: 'VALIDATION_FAILED',
        fields,
      });
    }
    const twice = newId();
    const duplicate = await asAdmin(
      'POST',
      '/api/tickets/bulk-close',
      json({ tickets: [{ id: twice }, { id: twice }] }),
    );
    expectClientError(duplicate, 'bulk-close naming a ticket twice', { status: 400, fields: ['body.tickets'] });
    for (const [url, field] of [
      ['/api/tickets?view=everything', 'querystring.view'],
      ['/api/tickets/export?format=pdf', 'querystring.format'],
      ['/api/tickets/export?view=mine&active=maybe', 'querystring.active'],
    ] as const) {
      expectClientError(await asAdmin('GET', url), `GET ${url}`, { status: 400, fields: [field] });
    }
  });

  it('a caller who is not signed in gets 401 before the body is even parsed', async () => {
    for (const route of writeRoutes().filter((r) => r.access !== 'public')) {
      const res = await t.app.inject({
        method: route.method as Method,
        url: sampleUrl(route.url),
        headers: { 'content-type': 'application/json' },
        payload: '{bad',
        remoteAddress: nextTestAddress(),
      });
      expectClientError(res, `${describeRoute(route)} anonymously with {bad`, { status: 401, code: 'UNAUTHENTICATED' });
    }
  });

  it('routing: bad inbox routing settings, transfer targets and presence name the offending field', async () => {
    const inbox = await asAdmin('POST', '/api/inboxes', {
      raw: JSON.stringify({ name: '路由校验' }),
      contentType: 'application/json',
    });
    expect(inbox.statusCode, inbox.body).toBe(201);
    const settings = (routing: object) => ({
      raw: JSON.stringify({ settings: { routing } }),
      contentType: 'application/json',
    });
    const cases: [object, string][] = [
      [{ strategy: 'random' }, 'body.settings.routing.strategy'],
      [{ rules: ['owner', 'owner'] }, 'body.settings.routing.rules'],
      [{ rules: ['vip'] }, 'body.settings.routing.rules.0'],
      [{ skillRules: [{ match: 'weather', value: 'x', teamId: newId() }] }, 'body.settings.routing.skillRules.0.match'],
      [{ overflowTeamId: 'not-a-team' }, 'body.settings.routing.overflowTeamId'],
      [{ autoCloseMinutes: 0 }, 'body.settings.routing.autoCloseMinutes'],
      [{ previousAgentHours: 1.5 }, 'body.settings.routing.previousAgentHours'],
    ];
    for (const [routing, field] of cases) {
      const res = await asAdmin('PATCH', `/api/inboxes/${inbox.json().id}`, settings(routing));
      expectClientError(res, `routing ${JSON.stringify(routing)}`, {
        status: 400,
        code: 'VALIDATION_FAILED',
        fields: [field],
      });
    }
    const conversation = `/api/conversations/${newId()}/transfer`;
    for (const [body, field] of [
      [{}, 'body.agentId'],
      [{ agentId: newId(), teamId: newId() }, 'body.agentId'],
      [{ teamId: newId(), note: 'x'.repeat(2001) }, 'body.note'],
    ] as const) {
      const res = await asAdmin('POST', conversation, { raw: JSON.stringify(body), contentType: 'application/json' });
      expectClientError(res, `transfer ${JSON.stringify(body).slice(0, 60)}`, { status: 400, fields: [field] });
    }
    const presence = await asAdmin('PUT', '/api/profile/presence', {
      raw: '{"status":"sleeping"}',
      contentType: 'application/json',
    });
    expectClientError(presence, 'presence sleeping', { status: 400, fields: ['body.status'] });
  });

  describe('unknown routes', () => {
    it.each([
      ['GET', '/api/nope'],
      ['POST', '/api/nope'],
      ['GET', '/api'],
      ['GET', '/api/users/not-a-uuid/whatever'],
      ['PUT', '/api/account'],
      ['DELETE', '/api/users'],
      ['GET', '/nope'],
    ] as const)('%s %s gets 404 ROUTE_NOT_FOUND as JSON', async (method, url) => {
      const res = await asAdmin(
        method,
        url,
        method === 'GET' ? undefined : { raw: '{}', contentType: 'application/json' },
      );
      const error = expectClientError(res, `${method} ${url}`, { status: 404, code: 'ROUTE_NOT_FOUND' });
      expect(error.message).toContain(url);
    });

    it('an unknown URL with a malformed %-escape gets a 4xx in the envelope', async () => {
      const res = await asAdmin('POST', '/api/nope/%zz', { raw: '{}', contentType: 'application/json' });
      expectClientError(res, 'POST /api/nope/%zz', {
        status: [400, 404],
        code: ['VALIDATION_FAILED', 'ROUTE_NOT_FOUND'],
      });
    });
  });
});
