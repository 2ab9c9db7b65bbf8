import { ROLES, type Role } from '@kefu/shared';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../db/ids.js';
import type { KefuApp } from '../http/kefuApp.js';
import {
  createTestApp,
  nextTestAddress,
  type Session,
  seedWorkspace,
  signInAs,
  TEST_PASSWORD,
  type TestApp,
} from '../test/testApp.js';
import { startVisitor } from '../test/testWidget.js';

/**
 * Who may call each route, written out by hand. It is deliberately NOT derived from PERMISSIONS:
 * a wrong entry in the permission map, or a route declaring the wrong permission, breaks this test.
 * `'public'` means no sign-in is needed at all.
 */
const EVERYONE: readonly Role[] = ['admin', 'supervisor', 'agent', 'department'];
const CHAT_STAFF: readonly Role[] = ['admin', 'supervisor', 'agent'];
/** `'visitor'`: only a widget visitor's signed token (X-Kefu-Visitor) opens it; staff credentials do not. */
const EXPECTED_ACCESS: Record<string, 'public' | 'visitor' | readonly Role[]> = {
  'GET /healthz': 'public',
  'GET /readyz': 'public',
  'GET /metrics': 'public',

  'POST /api/auth/login': 'public',
  'GET /api/auth/session': EVERYONE,
  'POST /api/auth/logout': EVERYONE,
  'POST /api/auth/password': EVERYONE,
  'PATCH /api/auth/profile': EVERYONE,
  'GET /api/auth/invites/:token': 'public',
  'POST /api/auth/invites/accept': 'public',

  'GET /api/account': EVERYONE,
  'PATCH /api/account': ['admin'],

  'GET /api/users': ['admin', 'supervisor'],
  'GET /api/agents': ['admin', 'supervisor', 'agent'],
  'POST /api/users': ['admin'],
  'POST /api/users/invite': ['admin'],
  'GET /api/users/:id': ['admin', 'supervisor'],
  'PATCH /api/users/:id': ['admin'],
  'POST /api/users/:id/disable': ['admin'],
  'POST /api/users/:id/enable': ['admin'],
  'POST /api/users/:id/password': ['admin'],

  'GET /api/teams': ['admin', 'supervisor', 'agent'],
  'POST /api/teams': ['admin'],
  'GET /api/teams/:id': ['admin', 'supervisor', 'agent'],
  'GET /api/teams/:id/members': ['admin', 'supervisor', 'agent'],
  'PATCH /api/teams/:id': ['admin'],
  'DELETE /api/teams/:id': ['admin'],

  'GET /api/api-tokens': ['admin', 'supervisor', 'agent'],
  'POST /api/api-tokens': ['admin', 'supervisor', 'agent'],
  'DELETE /api/api-tokens/:id': ['admin', 'supervisor', 'agent'],

  'GET /api/audit-events': ['admin'],

  'GET /api/inboxes': CHAT_STAFF,
  'POST /api/inboxes': ['admin'],
  'GET /api/inboxes/:id': CHAT_STAFF,
  'PATCH /api/inboxes/:id': ['admin'],

  'GET /api/business-hours': CHAT_STAFF,
  'POST /api/business-hours': ['admin'],
  'POST /api/business-hours/preview': CHAT_STAFF,
  'GET /api/business-hours/:id': CHAT_STAFF,
  'PATCH /api/business-hours/:id': ['admin'],
  'DELETE /api/business-hours/:id': ['admin'],

  'GET /api/conversations': CHAT_STAFF,
  'GET /api/conversations/:id': CHAT_STAFF,
  'PATCH /api/conversations/:id': CHAT_STAFF,
  'GET /api/conversations/:id/messages': CHAT_STAFF,
  'POST /api/conversations/:id/messages': CHAT_STAFF,
  'POST /api/conversations/:id/read': CHAT_STAFF,
  'GET /api/contacts': CHAT_STAFF,
  'GET /api/contacts/:id/conversations': CHAT_STAFF,
  'POST /api/contacts/:id/reveal': ['admin', 'supervisor'],

  // Routing, presence and supervision (routing/, presence/, supervision/).
  'GET /api/profile/presence': CHAT_STAFF,
  'PUT /api/profile/presence': CHAT_STAFF,
  'PUT /api/users/:id/chat-limit': ['admin'],
  'POST /api/conversations/:id/transfer': CHAT_STAFF,
  'GET /api/conversations/:id/participants': CHAT_STAFF,
  'POST /api/conversations/:id/participants': CHAT_STAFF,
  'DELETE /api/conversations/:id/participants/:userId': CHAT_STAFF,
  'GET /api/contacts/:id/routing': CHAT_STAFF,
  'PUT /api/contacts/:id/routing': ['admin', 'supervisor'],
  'GET /api/routing/queue': CHAT_STAFF,
  'POST /api/routing/repair': ['admin'],
  'GET /api/supervision/board': ['admin', 'supervisor'],
  'POST /api/conversations/:id/whisper': ['admin', 'supervisor'],
  'POST /api/conversations/:id/takeover': ['admin', 'supervisor'],
  'POST /api/conversations/:id/reassign': ['admin', 'supervisor'],
  'GET /api/conversations/search': CHAT_STAFF,

  'GET /api/labels': CHAT_STAFF,
  'POST /api/labels': ['admin'],
  'PATCH /api/labels/:id': ['admin'],
  'DELETE /api/labels/:id': ['admin'],

  'GET /api/moderation/words': ['admin'],
  'POST /api/moderation/words': ['admin'],
  'POST /api/moderation/words/import': ['admin'],
  'PATCH /api/moderation/words/:id': ['admin'],
  'DELETE /api/moderation/words/:id': ['admin'],
  'GET /api/moderation/settings': ['admin'],
  'PATCH /api/moderation/settings': ['admin'],
  'POST /api/moderation/check': ['admin'],
  'GET /api/moderation/flags': ['admin', 'supervisor'],

  'GET /api/quick-replies': CHAT_STAFF,
  'POST /api/quick-replies': CHAT_STAFF,
  'PATCH /api/quick-replies/:id': CHAT_STAFF,
  'DELETE /api/quick-replies/:id': CHAT_STAFF,
  'POST /api/quick-replies/:id/use': CHAT_STAFF,
  'GET /api/quick-replies/:id/picture': CHAT_STAFF,
  'GET /api/quick-replies/export': CHAT_STAFF,
  'POST /api/quick-replies/import': CHAT_STAFF,
  'GET /api/quick-reply-categories': CHAT_STAFF,
  'POST /api/quick-reply-categories': ['admin', 'supervisor'],
  'PATCH /api/quick-reply-categories/:id': ['admin', 'supervisor'],
  'DELETE /api/quick-reply-categories/:id': ['admin', 'supervisor'],

  'GET /api/knowledge/categories': CHAT_STAFF,
  'POST /api/knowledge/categories': ['admin', 'supervisor'],
  'PATCH /api/knowledge/categories/:id': ['admin', 'supervisor'],
  'DELETE /api/knowledge/categories/:id': ['admin', 'supervisor'],
  'GET /api/knowledge/entries': CHAT_STAFF,
  'POST /api/knowledge/entries': ['admin', 'supervisor'],
  'GET /api/knowledge/entries/:id': CHAT_STAFF,
  'PATCH /api/knowledge/entries/:id': ['admin', 'supervisor'],
  'DELETE /api/knowledge/entries/:id': ['admin', 'supervisor'],
  'PUT /api/knowledge/entries/:id/variants/:locale': ['admin', 'supervisor'],
  'DELETE /api/knowledge/entries/:id/variants/:locale': ['admin', 'supervisor'],
  'POST /api/knowledge/entries/:id/similar-questions': ['admin', 'supervisor'],
  'GET /api/knowledge/entries/:id/versions': ['admin', 'supervisor'],
  'POST /api/knowledge/entries/:id/versions/:versionId/restore': ['admin', 'supervisor'],
  'GET /api/knowledge/search': CHAT_STAFF,
  'GET /api/knowledge/suggestions': CHAT_STAFF,
  'GET /api/knowledge/synonyms': ['admin', 'supervisor'],
  'POST /api/knowledge/synonyms': ['admin', 'supervisor'],
  'PUT /api/knowledge/synonyms/:id': ['admin', 'supervisor'],
  'DELETE /api/knowledge/synonyms/:id': ['admin', 'supervisor'],
  'POST /api/knowledge/preview': ['admin', 'supervisor'],
  'POST /api/knowledge/pictures': ['admin', 'supervisor'],
  'GET /api/knowledge/pictures/:id': 'public',
  'GET /api/knowledge/export': ['admin', 'supervisor'],
  'POST /api/knowledge/import': ['admin', 'supervisor'],
  'GET /help/:websiteToken': 'public',
  'GET /help/:websiteToken/categories/:id': 'public',
  'GET /help/:websiteToken/entries/:id': 'public',
  'GET /help/:websiteToken/search': 'public',

  'POST /api/attachments': EVERYONE,
  'GET /api/attachments/:id/:signature': 'public',

  'GET /api/ticket-types': EVERYONE,
  'POST /api/ticket-types': ['admin'],
  'GET /api/ticket-types/:id': EVERYONE,
  'PATCH /api/ticket-types/:id': ['admin'],
  'DELETE /api/ticket-types/:id': ['admin'],
  'GET /api/ticket-categories': EVERYONE,
  'POST /api/ticket-categories': ['admin'],
  'PATCH /api/ticket-categories/:id': ['admin'],
  'DELETE /api/ticket-categories/:id': ['admin'],
  'GET /api/tickets': EVERYONE,
  'POST /api/tickets': CHAT_STAFF,
  'GET /api/tickets/:id': EVERYONE,
  'PATCH /api/tickets/:id': CHAT_STAFF,
  'POST /api/tickets/:id/transitions': CHAT_STAFF,
  'POST /api/tickets/:id/resolutions': CHAT_STAFF,
  'POST /api/tickets/:id/approvals': ['admin', 'supervisor'],
  'POST /api/tickets/:id/customer-decision': CHAT_STAFF,
  'POST /api/tickets/:id/follow-ups': CHAT_STAFF,
  'GET /api/tickets/:id/timeline': EVERYONE,
  'GET /api/tickets/:id/comments': EVERYONE,
  'POST /api/tickets/:id/comments': CHAT_STAFF,
  'POST /api/tickets/:id/replies': CHAT_STAFF,
  'POST /api/tickets/:id/calls': CHAT_STAFF,
  'POST /api/tickets/:id/conversations': CHAT_STAFF,
  'GET /api/tickets/:id/transcripts': EVERYONE,
  'GET /api/tickets/:id/files/:fileId': EVERYONE,
  'POST /api/tickets/:id/reveal': ['admin', 'supervisor'],
  'POST /api/tickets/:id/tasks': CHAT_STAFF,
  'GET /api/tickets/:id/sla': EVERYONE,
  'POST /api/tickets/bulk-assign': CHAT_STAFF,
  'POST /api/tickets/bulk-close': CHAT_STAFF,
  'GET /api/tickets/export': ['admin', 'supervisor'],
  'GET /api/ticket-views': CHAT_STAFF,
  'POST /api/ticket-views': CHAT_STAFF,
  'PATCH /api/ticket-views/:id': CHAT_STAFF,
  'DELETE /api/ticket-views/:id': CHAT_STAFF,
  'GET /api/sla-policies': CHAT_STAFF,
  'POST /api/sla-policies': ['admin'],
  'GET /api/sla-policies/:id': CHAT_STAFF,
  'PATCH /api/sla-policies/:id': ['admin'],
  'DELETE /api/sla-policies/:id': ['admin'],
  'GET /api/ticket-notifications': EVERYONE,
  'POST /api/ticket-notifications/read': EVERYONE,
  'GET /api/tasks': EVERYONE,
  'GET /api/tasks/:id': EVERYONE,
  'PATCH /api/tasks/:id': CHAT_STAFF,
  'POST /api/tasks/:id/complete': EVERYONE,
  'POST /api/tasks/:id/replies': EVERYONE,

  'POST /api/widget/session': 'public',
  'GET /api/widget/conversations/:id/messages': 'visitor',
  'POST /api/widget/prechat': 'visitor',
  'POST /api/widget/leave-message': 'visitor',
  'POST /api/widget/attachments': 'visitor',
  'GET /api/widget/ticket-types': 'visitor',
  'POST /api/widget/tickets': 'visitor',
  'GET /api/widget/tickets': 'visitor',
  'GET /api/widget/tickets/:id': 'visitor',
  'POST /api/widget/tickets/:id/decision': 'visitor',
  'POST /api/widget/bot-ratings': 'visitor',

  'POST /api/bot/try': ['admin', 'supervisor'],
  'GET /api/bot/learning': ['admin', 'supervisor'],
  'POST /api/bot/learning/similar': ['admin', 'supervisor'],
  'POST /api/bot/learning/new-entry': ['admin', 'supervisor'],
  'POST /api/bot/learning/dismiss': ['admin', 'supervisor'],
  'GET /api/bot/stats': ['admin', 'supervisor'],

  'GET /demo': 'public',
  'GET /ws/widget': 'public',
  'GET /ws/agent': 'public',
};

/** Routes that only make sense for a browser session: an API token is refused even for allowed roles. */
const SESSION_ONLY_ROUTES = new Set(['GET /api/auth/session']);

const ROUTE_KEYS = Object.keys(EXPECTED_ACCESS);
const TESTED_ROLES: readonly Role[] = ['admin', 'supervisor', 'agent', 'department'];

type Verdict = 'allowed' | 'forbidden' | 'unauthenticated' | `unexpected ${string}`;
type Credentials = { kind: 'session'; session: Session } | { kind: 'token'; secret: string } | null;

const routeKey = (r: { method: string; url: string }) => `${r.method} ${r.url}`;

function send(app: KefuApp, credentials: Credentials, method: string, url: string): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = {};
  if (credentials?.kind === 'session') {
    headers.cookie = credentials.session.cookie;
    if (method !== 'GET') headers['x-csrf-token'] = credentials.session.csrfToken;
  }
  if (credentials?.kind === 'token') headers.authorization = `Bearer ${credentials.secret}`;
  // Writes carry an empty JSON object: never a valid body, so allowed callers get a 4xx from validation or lookup.
  const withBody = method === 'POST' || method === 'PATCH' || method === 'PUT';
  return app.inject({
    method: method as 'GET',
    url,
    headers,
    remoteAddress: nextTestAddress(),
    ...(withBody ? { payload: {} } : {}),
  });
}

function verdictOf(res: LightMyRequestResponse): Verdict {
  let code: string | undefined;
  try {
    code = res.json()?.error?.code;
  } catch {
    code = undefined;
  }
  if (res.statusCode === 401 && code === 'UNAUTHENTICATED') return 'unauthenticated';
  if (res.statusCode === 403 && code === 'FORBIDDEN') return 'forbidden';
  if (res.statusCode !== 401 && res.statusCode !== 403 && res.statusCode < 500) return 'allowed';
  return `unexpected ${res.statusCode} ${code ?? res.body.slice(0, 80)}`;
}

function expectedVerdict(key: string, caller: Role | 'anonymous'): Verdict {
  const access = EXPECTED_ACCESS[key];
  if (access === 'public') return 'allowed';
  if (caller === 'anonymous' || access === 'visitor') return 'unauthenticated';
  return access?.includes(caller) ? 'allowed' : 'forbidden';
}

describe('route × role matrix', () => {
  let t: TestApp;
  let ws: Awaited<ReturnType<typeof seedWorkspace>>;
  const sessions = new Map<Role, Session>();
  const tokens = new Map<Role, string>();
  /** Real ids of this workspace, used for read-only routes so allowed callers reach a real row. */
  const realIds = new Map<string, string>();

  /** Reads use real ids; writes get a random, non-existent id so no iteration destroys what the next one needs. */
  function fillPath(method: string, url: string): string {
    return url.replace(/:(\w+)/g, (_match, name: string) => {
      if (name === 'token') return 'x'.repeat(43);
      if (method === 'GET') {
        const resource = url.split('/:')[0] ?? '';
        const real = realIds.get(resource);
        if (real) return real;
      }
      return newId();
    });
  }

  async function sessionOf(role: Role): Promise<Session> {
    const existing = sessions.get(role);
    if (existing) {
      const check = await send(t.app, { kind: 'session', session: existing }, 'GET', '/api/auth/session');
      if (check.statusCode === 200) return existing;
    }
    const fresh = await signInAs(t.app, ws.users[role].email);
    sessions.set(role, fresh);
    return fresh;
  }

  beforeAll(async () => {
    t = await createTestApp();
    ws = await seedWorkspace(t.ctx, 'matrix');
    const admin = await sessionOf('admin');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/teams',
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken },
      payload: { name: 'Matrix team', memberIds: [ws.users.agent.id] },
    });
    expect(created.statusCode).toBe(201);
    realIds.set('/api/users', ws.users.agent.id);
    realIds.set('/api/teams', created.json().id);

    // Personal API tokens for the roles that may create one.
    for (const role of ['admin', 'supervisor', 'agent'] as const) {
      const session = await sessionOf(role);
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/api-tokens',
        headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
        payload: { name: `${role} token` },
      });
      expect(res.statusCode).toBe(201);
      tokens.set(role, res.json().secret);
    }
    // A department user cannot create a token, but may hold one from before a demotion: create a token as an
    // agent, then demote that user. The token must then carry the owner's current role, not the old one.
    const demoted = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken },
      payload: { email: 'demoted@matrix.test', name: 'Demoted', role: 'agent', password: TEST_PASSWORD },
    });
    expect(demoted.statusCode).toBe(201);
    const demotedSession = await signInAs(t.app, 'demoted@matrix.test');
    const demotedToken = await t.app.inject({
      method: 'POST',
      url: '/api/api-tokens',
      headers: { cookie: demotedSession.cookie, 'x-csrf-token': demotedSession.csrfToken },
      payload: { name: 'made while an agent' },
    });
    expect(demotedToken.statusCode).toBe(201);
    const demote = await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${demoted.json().id}`,
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken },
      payload: { role: 'department' },
    });
    expect(demote.statusCode).toBe(200);
    tokens.set('department', demotedToken.json().secret);
  });
  afterAll(() => t.close());

  it('the hand-written table names exactly the roles the system knows', () => {
    expect([...ROLES].sort()).toEqual([...TESTED_ROLES].sort());
  });

  it('the route catalog lists exactly the routes of the expected table (a new route needs a row)', () => {
    const catalog = t.app.routeCatalog.map(routeKey);
    expect(new Set(catalog).size).toBe(catalog.length);
    expect([...catalog].sort()).toEqual([...ROUTE_KEYS].sort());
  });

  it('every catalog route declares public access exactly when the table says it is public', () => {
    const declaredPublic = t.app.routeCatalog.filter((r) => r.access === 'public').map(routeKey);
    const expectedPublic = ROUTE_KEYS.filter((key) => EXPECTED_ACCESS[key] === 'public');
    expect(declaredPublic.sort()).toEqual(expectedPublic.sort());
  });

  describe('signed in with a session cookie and the CSRF header', () => {
    it.each(ROUTE_KEYS)('%s admits exactly the expected roles', async (key) => {
      const [method = '', url = ''] = key.split(' ');
      const actual: Record<string, Verdict> = {};
      const expected: Record<string, Verdict> = {};
      for (const caller of ['anonymous', ...TESTED_ROLES] as const) {
        const credentials: Credentials =
          caller === 'anonymous' ? null : { kind: 'session', session: await sessionOf(caller) };
        actual[caller] = verdictOf(await send(t.app, credentials, method, fillPath(method, url)));
        expected[caller] = expectedVerdict(key, caller);
      }
      expect(actual).toEqual(expected);
    });
  });

  describe('with a personal API token (Bearer, no cookie, no CSRF header)', () => {
    it.each(ROUTE_KEYS)('%s admits exactly the expected roles', async (key) => {
      const [method = '', url = ''] = key.split(' ');
      const actual: Record<string, Verdict> = {};
      const expected: Record<string, Verdict> = {};
      for (const role of TESTED_ROLES) {
        const secret = tokens.get(role);
        if (!secret) throw new Error(`no token for ${role}`);
        actual[role] = verdictOf(await send(t.app, { kind: 'token', secret }, method, fillPath(method, url)));
        const verdict = expectedVerdict(key, role);
        expected[role] = verdict === 'allowed' && SESSION_ONLY_ROUTES.has(key) ? 'unauthenticated' : verdict;
      }
      const bogus = { kind: 'token', secret: `kefu_pat_${'0'.repeat(43)}` } as const;
      actual.unknownToken = verdictOf(await send(t.app, bogus, method, fillPath(method, url)));
      expected.unknownToken = expectedVerdict(key, 'anonymous');
      expect(actual).toEqual(expected);
    });
  });

  it('a visitor token opens the public and visitor routes and nothing else', async () => {
    const visitorToken = await startVisitor(t.ctx, ws.accountId);
    const actual: Record<string, Verdict> = {};
    const expected: Record<string, Verdict> = {};
    for (const key of ROUTE_KEYS) {
      const [method = '', url = ''] = key.split(' ');
      const withBody = method === 'POST' || method === 'PATCH';
      const res = await t.app.inject({
        method: method as 'GET',
        url: fillPath(method, url),
        headers: { 'x-kefu-visitor': visitorToken },
        remoteAddress: nextTestAddress(),
        ...(withBody ? { payload: {} } : {}),
      });
      actual[key] = verdictOf(res);
      const access = EXPECTED_ACCESS[key];
      expected[key] = access === 'public' || access === 'visitor' ? 'allowed' : 'unauthenticated';
    }
    expect(actual).toEqual(expected);
  });

  describe('API tokens go through the same policy as sessions', () => {
    it("refuses an agent's token on GET /api/users with 403 FORBIDDEN", async () => {
      const res = await send(t.app, { kind: 'token', secret: tokens.get('agent')! }, 'GET', '/api/users');
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
    });

    it("refuses an agent's token on an admin-only write with FORBIDDEN, not a CSRF failure", async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/teams',
        headers: { authorization: `Bearer ${tokens.get('agent')}` },
        payload: { name: 'Agents cannot create teams' },
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
      const rows = await t.ctx.db.kysely
        .selectFrom('teams')
        .select('id')
        .where('name', '=', 'Agents cannot create teams')
        .execute();
      expect(rows).toEqual([]);
    });

    it('accepts token writes without any CSRF header', async () => {
      const agentWrite = await t.app.inject({
        method: 'POST',
        url: '/api/api-tokens',
        headers: { authorization: `Bearer ${tokens.get('agent')}` },
        payload: { name: 'made with a token' },
      });
      expect(agentWrite.statusCode).toBe(201);
      expect(agentWrite.json().token.name).toBe('made with a token');

      const adminWrite = await t.app.inject({
        method: 'POST',
        url: '/api/teams',
        headers: { authorization: `Bearer ${tokens.get('admin')}` },
        payload: { name: 'Made by an admin token' },
      });
      expect(adminWrite.statusCode).toBe(201);
      expect(adminWrite.json().name).toBe('Made by an admin token');
    });

    it("a demoted user's token carries the current role, not the role it was created with", async () => {
      const res = await send(t.app, { kind: 'token', secret: tokens.get('department')! }, 'GET', '/api/teams');
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
    });

    it('a session cookie without the CSRF header is refused on writes even for an allowed role', async () => {
      const admin = await sessionOf('admin');
      const res = await t.app.inject({
        method: 'PATCH',
        url: '/api/account',
        headers: { cookie: admin.cookie },
        payload: { name: 'No CSRF header' },
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('CSRF_FAILED');
      const account = await t.ctx.db.kysely
        .selectFrom('accounts')
        .select('name')
        .where('id', '=', ws.accountId)
        .executeTakeFirstOrThrow();
      expect(account.name).toBe('Workspace matrix');
    });
  });
});
