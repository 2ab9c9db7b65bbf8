import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, type Session, seedWorkspace, signInAs, type TestApp } from '../test/testApp.js';
import { createTestInbox } from '../test/testWidget.js';

type Workspace = Awaited<ReturnType<typeof seedWorkspace>>;

describe('an inbox routes only to teams of its own workspace', () => {
  let t: TestApp;
  let ws: Workspace;
  let admin: Session;
  let otherAdmin: Session;
  let inboxId: string;
  let ownTeamId: string;
  let foreignTeamId: string;

  const createTeam = async (session: Session, name: string) => {
    const res = await call(t.app, session, 'POST', '/api/teams', { name });
    expect(res.statusCode, res.body).toBe(201);
    return (res.json() as { id: string }).id;
  };
  const storedSettings = async () =>
    JSON.parse(
      (
        await t.ctx.db.kysely
          .selectFrom('inboxes')
          .select('settings')
          .where('id', '=', inboxId)
          .executeTakeFirstOrThrow()
      ).settings,
    );

  beforeAll(async () => {
    t = await createTestApp();
    ws = await seedWorkspace(t.ctx, 'routing-teams');
    const other = await seedWorkspace(t.ctx, 'routing-teams-other');
    admin = await signInAs(t.app, ws.users.admin.email);
    otherAdmin = await signInAs(t.app, other.users.admin.email);
    inboxId = (await createTestInbox(t.ctx, ws.accountId)).id;
    ownTeamId = await createTeam(admin, '售后');
    foreignTeamId = await createTeam(otherAdmin, '别家售后');
  });
  afterAll(() => t.close());

  it('refuses another workspace’s team anywhere in routing or the team choice, naming each field, and stores nothing', async () => {
    const before = await storedSettings();
    const res = await call(t.app, admin, 'PATCH', `/api/inboxes/${inboxId}`, {
      settings: {
        routing: {
          ...before.routing,
          defaultTeamId: ownTeamId,
          overflowTeamId: foreignTeamId,
          skillRules: [{ match: 'language', value: 'en', teamId: foreignTeamId }],
        },
        teamChoice: { enabled: true, prompt: '请选择', teams: [{ teamId: foreignTeamId, label: '售后' }] },
      },
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.details.map((d: { field: string }) => d.field)).toEqual([
      'body.settings.routing.overflowTeamId',
      'body.settings.routing.skillRules.0.teamId',
      'body.settings.teamChoice.teams.0.teamId',
    ]);
    expect(await storedSettings()).toEqual(before);
  });

  it('accepts the workspace’s own teams', async () => {
    const before = await storedSettings();
    const res = await call(t.app, admin, 'PATCH', `/api/inboxes/${inboxId}`, {
      settings: {
        routing: { ...before.routing, defaultTeamId: ownTeamId, overflowTeamId: ownTeamId },
        teamChoice: { enabled: true, prompt: '请选择', teams: [{ teamId: ownTeamId, label: '售后' }] },
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    const after = await storedSettings();
    expect(after.routing).toMatchObject({ defaultTeamId: ownTeamId, overflowTeamId: ownTeamId });
    expect(after.teamChoice.teams).toEqual([{ teamId: ownTeamId, label: '售后' }]);
  });

  it('refuses a foreign team when an inbox is created', async () => {
    const res = await call(t.app, admin, 'POST', '/api/inboxes', {
      name: '别家渠道',
      settings: { teamChoice: { enabled: true, prompt: '请选择', teams: [{ teamId: foreignTeamId, label: 'x' }] } },
    });
    expect(res.statusCode, res.body).toBe(400);
    const inboxes = await t.ctx.db.kysely
      .selectFrom('inboxes')
      .select('name')
      .where('account_id', '=', ws.accountId)
      .execute();
    expect(inboxes.map((i) => i.name)).not.toContain('别家渠道');
  });
});
