import type { BusinessHoursView, InboxView, MessageView, WidgetSessionResponse } from '@kefu/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboxRow } from '../inboxes/inboxRepository.js';
import { demoSeeder } from '../seed/demoSeeder.js';
import {
  call,
  createTestApp,
  nextTestAddress,
  type Session,
  seedWorkspace,
  signInAs,
  type TestApp,
} from '../test/testApp.js';
import { TestSocket, wsBase } from '../test/testSocket.js';
import { createTestInbox } from '../test/testWidget.js';
import { isOpenAt, nextOpening } from './calendar.js';
import { DEMO_CALENDAR_NAME } from './demoCalendar.js';

type Workspace = Awaited<ReturnType<typeof seedWorkspace>>;

const nineToSix = [{ start: '09:00', end: '18:00' }];
/** Mon–Fri 09:00–18:00, Saturday 10:00–16:00; Thursday 5 March 2026 closed; Sunday 8 March works 调休 hours. */
const shopCalendar = {
  name: '门店营业时间',
  weekly: {
    mon: nineToSix,
    tue: nineToSix,
    wed: nineToSix,
    thu: nineToSix,
    fri: nineToSix,
    sat: [{ start: '10:00', end: '16:00' }],
    sun: [],
  },
  holidays: [{ name: '店庆休息', from: '2026-03-05', to: '2026-03-05' }],
  specialWorkingDays: [{ name: '调休上班', date: '2026-03-08', hours: [{ start: '10:00', end: '12:00' }] }],
};

const isoAt = (text: string) => new Date(Date.parse(text)).toISOString();

describe('business hours (营业时间)', () => {
  let t: TestApp;
  let ws: Workspace;
  let other: Workspace;
  let admin: Session;
  let agent: Session;
  let otherAdmin: Session;

  /** Sets the server clock to a moment given with its offset; tests only move it forward. */
  const setClock = (text: string) => t.clock.advance(Date.parse(text) - t.clock.now());
  const calendarRows = (accountId: string) =>
    t.ctx.db.kysely.selectFrom('business_calendars').selectAll().where('account_id', '=', accountId).execute();
  const createCalendar = async (session: Session, body: object = shopCalendar) => {
    const res = await call(t.app, session, 'POST', '/api/business-hours', body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as BusinessHoursView;
  };

  beforeAll(async () => {
    t = await createTestApp();
    ws = await seedWorkspace(t.ctx, 'hours');
    other = await seedWorkspace(t.ctx, 'hours-other');
    admin = await signInAs(t.app, ws.users.admin.email);
    agent = await signInAs(t.app, ws.users.agent.email);
    otherAdmin = await signInAs(t.app, other.users.admin.email);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => t.close());

  describe('calendars', () => {
    it('an admin creates a calendar; agents read it with whether it is open now and when that changes', async () => {
      // The test clock starts on Monday 2 March 2026, 09:00 in Shanghai.
      const created = await createCalendar(admin);
      expect(created).toMatchObject({
        name: '门店营业时间',
        timeZone: 'Asia/Shanghai',
        weekly: shopCalendar.weekly,
        holidays: shopCalendar.holidays,
        specialWorkingDays: shopCalendar.specialWorkingDays,
        status: { open: true, nextChangeAt: isoAt('2026-03-02T18:00:00+08:00') },
      });

      const list = await call(t.app, agent, 'GET', '/api/business-hours');
      expect(list.statusCode).toBe(200);
      expect(list.json().items.map((c: BusinessHoursView) => c.id)).toEqual([created.id]);
      const one = await call(t.app, agent, 'GET', `/api/business-hours/${created.id}`);
      expect(one.json()).toEqual(created);

      const audit = await call(t.app, admin, 'GET', '/api/audit-events?action=business_hours.created');
      expect(audit.json().items).toEqual([
        expect.objectContaining({
          targetType: 'business_hours',
          targetId: created.id,
          details: { name: '门店营业时间', timeZone: 'Asia/Shanghai' },
        }),
      ]);
      const refused = await call(t.app, agent, 'POST', '/api/business-hours', { ...shopCalendar, name: 'x' });
      expect(refused.statusCode).toBe(403);
    });

    it.each([
      [
        'an interval crossing midnight',
        { weekly: { ...shopCalendar.weekly, fri: [{ start: '22:00', end: '02:00' }] } },
        'body.weekly.fri.0.end',
      ],
      [
        'overlapping intervals',
        {
          weekly: {
            ...shopCalendar.weekly,
            tue: [
              { start: '09:00', end: '12:00' },
              { start: '11:30', end: '18:00' },
            ],
          },
        },
        'body.weekly.tue.1.start',
      ],
      [
        'a time of 25:00',
        { weekly: { ...shopCalendar.weekly, mon: [{ start: '09:00', end: '25:00' }] } },
        'body.weekly.mon.0.end',
      ],
      ['a day missing from the week', { weekly: { mon: nineToSix } }, 'body.weekly.tue'],
      ['an unknown time zone', { timeZone: 'Mars/Olympus_Mons' }, 'body.timeZone'],
      [
        'an impossible date',
        { holidays: [{ name: '假', from: '2026-02-30', to: '2026-03-01' }] },
        'body.holidays.0.from',
      ],
      [
        'a holiday ending before it starts',
        { holidays: [{ name: '假', from: '2026-03-09', to: '2026-03-01' }] },
        'body.holidays.0.to',
      ],
      [
        'a working day inside a holiday',
        {
          holidays: [{ name: '国庆节', from: '2026-10-01', to: '2026-10-07' }],
          specialWorkingDays: [{ name: '调休', date: '2026-10-03', hours: nineToSix }],
        },
        'body.specialWorkingDays.0.date',
      ],
      [
        'a working day without hours',
        { specialWorkingDays: [{ name: '调休', date: '2026-10-10', hours: [] }] },
        'body.specialWorkingDays.0.hours',
      ],
      [
        'the same working day twice',
        {
          specialWorkingDays: [
            { name: '调休', date: '2026-10-10', hours: nineToSix },
            { name: '调休', date: '2026-10-10', hours: nineToSix },
          ],
        },
        'body.specialWorkingDays.1.date',
      ],
    ])('refuses %s with 400 naming the field, and stores nothing', async (_label, change, field) => {
      const before = await calendarRows(ws.accountId);
      const res = await call(t.app, admin, 'POST', '/api/business-hours', {
        ...shopCalendar,
        name: '新日历',
        ...change,
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
      expect(res.json().error.details.map((d: { field: string }) => d.field)).toContain(field);
      expect(await calendarRows(ws.accountId)).toEqual(before);
    });

    it('refuses a second calendar with the same name (409), while another workspace may use it', async () => {
      const res = await call(t.app, admin, 'POST', '/api/business-hours', shopCalendar);
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toMatchObject({ code: 'CONFLICT', details: [{ field: 'body.name' }] });
      await createCalendar(otherAdmin);
    });

    it('changes some fields, keeps the others, and audits what changed from what', async () => {
      const calendar = await createCalendar(admin, { ...shopCalendar, name: '改动测试' });
      const res = await call(t.app, admin, 'PATCH', `/api/business-hours/${calendar.id}`, {
        name: '改动测试（新）',
        weekly: { ...shopCalendar.weekly, mon: [{ start: '08:00', end: '20:00' }] },
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({
        name: '改动测试（新）',
        weekly: { mon: [{ start: '08:00', end: '20:00' }], tue: nineToSix },
        holidays: shopCalendar.holidays,
        specialWorkingDays: shopCalendar.specialWorkingDays,
      });
      const audit = await call(t.app, admin, 'GET', '/api/audit-events?action=business_hours.updated');
      expect(audit.json().items[0]).toMatchObject({
        targetId: calendar.id,
        details: {
          name: { from: '改动测试', to: '改动测试（新）' },
          weekly: { from: shopCalendar.weekly, to: { mon: [{ start: '08:00', end: '20:00' }] } },
        },
      });
    });

    it('refuses a change whose new holiday covers a kept working day, and changes nothing', async () => {
      const calendar = await createCalendar(admin, { ...shopCalendar, name: '冲突测试' });
      const res = await call(t.app, admin, 'PATCH', `/api/business-hours/${calendar.id}`, {
        holidays: [{ name: '长假', from: '2026-03-07', to: '2026-03-09' }],
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.details).toEqual([
        { field: 'body.specialWorkingDays.0.date', issue: expect.stringContaining('长假') },
      ]);
      const after = await call(t.app, admin, 'GET', `/api/business-hours/${calendar.id}`);
      expect(after.json().holidays).toEqual(shopCalendar.holidays);
    });

    it('previews an unsaved calendar at a given instant with its next changes', async () => {
      const { name: _name, ...definition } = shopCalendar;
      const res = await call(t.app, agent, 'POST', '/api/business-hours/preview', {
        ...definition,
        timeZone: 'Asia/Shanghai',
        at: '2026-03-04T17:00:00+08:00',
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({
        at: isoAt('2026-03-04T17:00:00+08:00'),
        open: true,
        changes: [
          { at: isoAt('2026-03-04T18:00:00+08:00'), open: false },
          // Thursday is the holiday.
          { at: isoAt('2026-03-06T09:00:00+08:00'), open: true },
          { at: isoAt('2026-03-06T18:00:00+08:00'), open: false },
          { at: isoAt('2026-03-07T10:00:00+08:00'), open: true },
          { at: isoAt('2026-03-07T16:00:00+08:00'), open: false },
          // The 调休 Sunday.
          { at: isoAt('2026-03-08T10:00:00+08:00'), open: true },
        ],
      });
    });
  });

  describe('inboxes and the widget', () => {
    let calendar: BusinessHoursView;
    let inbox: InboxRow;

    const patchInbox = (session: Session, id: string, businessHours: object) =>
      call(t.app, session, 'PATCH', `/api/inboxes/${id}`, { settings: { businessHours } });
    const startSession = async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/widget/session',
        payload: { websiteToken: inbox.website_token },
        remoteAddress: nextTestAddress(),
      });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as WidgetSessionResponse;
    };
    const visitorSocket = (token: string) =>
      TestSocket.connect(`${wsBase(t.app)}/ws/widget?v=1&token=${encodeURIComponent(token)}`);
    let sent = 0;
    const write = async (socket: TestSocket, conversationId: string | null, content: string) =>
      (await socket.sendMessage({ clientId: `hours-msg-${++sent}`, conversationId, content })).conversationId;
    /** What was said in the conversation; routing's activity entries are not this module's concern. */
    const messagesOf = async (conversationId: string) => {
      const res = await call(t.app, agent, 'GET', `/api/conversations/${conversationId}/messages?limit=50`);
      expect(res.statusCode, res.body).toBe(200);
      return (res.json().items as MessageView[]).filter((m) => m.kind !== 'activity');
    };

    beforeAll(async () => {
      calendar = await createCalendar(admin, { ...shopCalendar, name: '挂件营业时间' });
      inbox = await createTestInbox(t.ctx, ws.accountId, '营业时间测试');
    });

    it('an inbox may choose only a calendar of its own workspace', async () => {
      const foreign = (await call(t.app, otherAdmin, 'GET', '/api/business-hours')).json()
        .items[0] as BusinessHoursView;
      for (const calendarId of [foreign.id, '01900000-0000-7000-8000-000000000999']) {
        const res = await patchInbox(admin, inbox.id, { calendarId });
        expect(res.statusCode, res.body).toBe(400);
        expect(res.json().error.details).toEqual([
          { field: 'body.settings.businessHours.calendarId', issue: 'is not a calendar of this workspace' },
        ]);
      }
      const created = await call(t.app, admin, 'POST', '/api/inboxes', {
        name: '别人的日历',
        settings: { businessHours: { calendarId: foreign.id } },
      });
      expect(created.statusCode).toBe(400);
      const names = (await call(t.app, admin, 'GET', '/api/inboxes')).json().items.map((i: InboxView) => i.name);
      expect(names).not.toContain('别人的日历');
    });

    it('without a calendar the widget is always open', async () => {
      setClock('2026-03-02T23:00:00+08:00');
      const session = await startSession();
      expect(session.inbox).toMatchObject({ open: true, nextOpenAt: null, agentsOnline: false });
      expect(session.inbox.settings.businessHours).toEqual({
        calendarId: null,
        autoReply: expect.stringContaining('非工作时间'),
      });
    });

    it('with a calendar the session says closed and when it opens, apart from whether agents are online', async () => {
      const res = await patchInbox(admin, inbox.id, { calendarId: calendar.id, autoReply: '已下班，明早 9 点见。' });
      expect(res.statusCode, res.body).toBe(200);
      expect((res.json() as InboxView).settings.businessHours).toEqual({
        calendarId: calendar.id,
        autoReply: '已下班，明早 9 点见。',
      });

      // An agent online at night does not open the inbox.
      const agentSocket = await TestSocket.connect(`${wsBase(t.app)}/ws/agent?v=1`, {
        headers: { cookie: agent.cookie },
      });
      const night = await startSession();
      expect(night.inbox).toMatchObject({
        agentsOnline: true,
        open: false,
        nextOpenAt: isoAt('2026-03-03T09:00:00+08:00'),
      });
      await agentSocket.close();

      setClock('2026-03-03T10:00:00+08:00');
      expect((await startSession()).inbox).toMatchObject({ open: true, nextOpenAt: null });

      // Wednesday evening: Thursday is the holiday, so Friday morning.
      setClock('2026-03-04T19:00:00+08:00');
      expect((await startSession()).inbox).toMatchObject({
        open: false,
        nextOpenAt: isoAt('2026-03-06T09:00:00+08:00'),
      });
    });

    it('a customer writing after hours gets the auto-reply once per closed period, and still waits for a person', async () => {
      setClock('2026-03-04T19:00:00+08:00'); // Wednesday evening: closed until Friday 09:00
      const visitor = await startSession();
      const socket = await visitorSocket(visitor.visitorToken);
      const conversationId = await write(socket, null, '请问还在吗？');
      const autoReply = await socket.nextOf('message', (f) => f.message.sender.type === 'system');
      expect(autoReply.message).toMatchObject({
        conversationId,
        kind: 'outgoing',
        content: '已下班，明早 9 点见。',
        sender: { type: 'system', id: null, name: null },
      });

      t.clock.advance(60 * 60_000); // Wednesday 20:00: the same closed period
      await write(socket, conversationId, '那我明天再来');
      setClock('2026-03-05T11:00:00+08:00'); // the holiday: still the same period
      await write(socket, conversationId, '今天放假吗？');
      await socket.flush();
      expect((await messagesOf(conversationId)).map((m) => [m.kind, m.sender.type, m.content])).toEqual([
        ['incoming', 'contact', '请问还在吗？'],
        ['outgoing', 'system', '已下班，明早 9 点见。'],
        ['incoming', 'contact', '那我明天再来'],
        ['incoming', 'contact', '今天放假吗？'],
      ]);

      // The automatic reply is no answer: the conversation still waits since the first message.
      const conversation = await call(t.app, agent, 'GET', `/api/conversations/${conversationId}`);
      expect(conversation.json().waitingSince).toBe(isoAt('2026-03-04T19:00:00+08:00'));

      // Open on Friday: no auto-reply. Friday evening is a new closed period: one more.
      setClock('2026-03-06T10:00:00+08:00');
      await write(socket, conversationId, '早上好');
      setClock('2026-03-06T18:30:00+08:00');
      await write(socket, conversationId, '晚上好');
      await socket.nextOf('message', (f) => f.message.sender.type === 'system');
      await socket.flush();
      const contents = (await messagesOf(conversationId)).slice(4).map((m) => [m.sender.type, m.content]);
      expect(contents).toEqual([
        ['contact', '早上好'],
        ['contact', '晚上好'],
        ['system', '已下班，明早 9 点见。'],
      ]);
      await socket.close();
    });

    it('a calendar an inbox or an SLA policy uses cannot be deleted until both let it go', async () => {
      const policy = await call(t.app, admin, 'POST', '/api/sla-policies', {
        name: '门店时限',
        calendarId: calendar.id,
        targets: { firstResponseMinutes: 60 },
      });
      expect(policy.statusCode, policy.body).toBe(201);
      const policyId = policy.json().id as string;
      const rowsBefore = await calendarRows(ws.accountId);

      const refused = await call(t.app, admin, 'DELETE', `/api/business-hours/${calendar.id}`);
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error).toMatchObject({
        code: 'CALENDAR_IN_USE',
        details: {
          inboxes: [{ id: inbox.id, name: '营业时间测试' }],
          slaPolicies: [{ id: policyId, name: '门店时限' }],
        },
      });
      expect(await calendarRows(ws.accountId)).toEqual(rowsBefore);

      // The inbox lets go; the policy still counts in the calendar's hours.
      expect((await patchInbox(admin, inbox.id, { calendarId: null })).statusCode).toBe(200);
      const stillRefused = await call(t.app, admin, 'DELETE', `/api/business-hours/${calendar.id}`);
      expect(stillRefused.statusCode).toBe(409);
      expect(stillRefused.json().error).toMatchObject({
        code: 'CALENDAR_IN_USE',
        details: { inboxes: [], slaPolicies: [{ id: policyId, name: '门店时限' }] },
      });
      const policyNow = await call(t.app, admin, 'GET', `/api/sla-policies/${policyId}`);
      expect(policyNow.json().calendar).toEqual({ id: calendar.id, name: '挂件营业时间' });

      const version = policyNow.json().version as number;
      const moved = await call(t.app, admin, 'PATCH', `/api/sla-policies/${policyId}`, { version, calendarId: null });
      expect(moved.statusCode, moved.body).toBe(200);
      const deleted = await call(t.app, admin, 'DELETE', `/api/business-hours/${calendar.id}`);
      expect(deleted.statusCode, deleted.body).toBe(200);
      expect((await call(t.app, agent, 'GET', `/api/business-hours/${calendar.id}`)).statusCode).toBe(404);
      const audit = await call(t.app, admin, 'GET', '/api/audit-events?action=business_hours.deleted');
      expect(audit.json().items[0]).toMatchObject({ targetId: calendar.id, details: { name: '挂件营业时间' } });
    });
  });

  describe('tenant isolation', () => {
    it("another workspace's admin gets 404 reading, changing or deleting a calendar, and it stays as it was", async () => {
      const mine = await createCalendar(admin, { ...shopCalendar, name: '隔离测试' });
      const before = await calendarRows(ws.accountId);
      for (const [method, payload] of [
        ['GET', undefined],
        ['PATCH', { name: '被改了' }],
        ['DELETE', undefined],
      ] as const) {
        const res = await call(t.app, otherAdmin, method, `/api/business-hours/${mine.id}`, payload);
        expect(res.statusCode, `${method} ${res.body}`).toBe(404);
        expect(res.json().error.code).toBe('NOT_FOUND');
      }
      expect(await calendarRows(ws.accountId)).toEqual(before);
      const theirs = (await call(t.app, otherAdmin, 'GET', '/api/business-hours')).json().items as BusinessHoursView[];
      expect(theirs.map((c) => c.id)).not.toContain(mine.id);
      expect(theirs.every((c) => !before.some((row) => row.id === c.id))).toBe(true);
    });
  });

  describe('the demo shop', () => {
    it('gets a calendar with the 2026 holidays and 调休 days, once, without tying the demo inbox to it', async () => {
      const shop = await seedWorkspace(t.ctx, 'demo-hours');
      await demoSeeder(t.ctx, shop.accountId, 'demo-password-123');
      await demoSeeder(t.ctx, shop.accountId, 'demo-password-123');
      const shopAdmin = await signInAs(t.app, shop.users.admin.email);
      const calendars = (await call(t.app, shopAdmin, 'GET', '/api/business-hours')).json()
        .items as BusinessHoursView[];
      expect(calendars.map((c) => c.name)).toEqual([DEMO_CALENDAR_NAME]);
      const demo = calendars[0]!;
      expect(demo.holidays.map((h) => h.name)).toEqual([
        '元旦',
        '春节',
        '清明节',
        '劳动节',
        '端午节',
        '中秋节',
        '国庆节',
      ]);
      expect(demo.specialWorkingDays.map((d) => d.date)).toEqual([
        '2026-01-04',
        '2026-02-14',
        '2026-02-28',
        '2026-05-09',
        '2026-09-20',
        '2026-10-10',
      ]);
      const definition = { ...demo };
      // 国庆节 closed; the 调休 Saturday after it works weekday hours; an ordinary Sunday evening is closed.
      expect(isOpenAt(definition, Date.parse('2026-10-02T12:00:00+08:00'))).toBe(false);
      expect(isOpenAt(definition, Date.parse('2026-10-10T20:00:00+08:00'))).toBe(true);
      expect(isOpenAt(definition, Date.parse('2026-10-11T20:00:00+08:00'))).toBe(false);
      expect(nextOpening(definition, Date.parse('2026-02-14T22:00:00+08:00'))).toBe(
        Date.parse('2026-02-24T09:00:00+08:00'),
      );
      const inboxes = (await call(t.app, shopAdmin, 'GET', '/api/inboxes')).json().items as InboxView[];
      expect(inboxes.map((i) => i.settings.businessHours.calendarId)).toEqual([null]);
    });
  });
});
