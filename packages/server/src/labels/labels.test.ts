import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboxRow } from '../inboxes/inboxRepository.js';
import type { RealtimeEvent } from '../realtime/events.js';
import { call, createTestApp, type Session, seedWorkspace, signInAs, type TestApp } from '../test/testApp.js';
import { createTestInbox } from '../test/testWidget.js';
import { visitorMessageSender } from '../widget/visitorMessageSender.js';
import { verifyVisitorToken } from '../widget/visitorToken.js';
import { widgetSessionStarter } from '../widget/widgetSession.js';

const meta = () => ({ pageUrl: null, referrer: null, browser: null, os: null, ip: null, location: null });
let sent = 0;

describe('labels', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof seedWorkspace>>;
  let inbox: InboxRow;
  let admin: Session;
  let agent: Session;

  const newConversation = async () => {
    const session = await widgetSessionStarter(t.ctx, { websiteToken: inbox.website_token });
    const visitor = verifyVisitorToken(t.ctx.config.secret, session.visitorToken, t.clock.now())!;
    const created = await visitorMessageSender(
      t.ctx,
      visitor,
      { clientId: `label-${++sent}-client`, conversationId: null, content: '你好', attachmentIds: [] },
      meta,
    );
    return created.conversation.id;
  };
  const labelsOf = async (id: string) => (await call(t.app, agent, 'GET', `/api/conversations/${id}`)).json().labels;
  const create = (body: object) => call(t.app, admin, 'POST', '/api/labels', body);

  beforeAll(async () => {
    t = await createTestApp();
    w = await seedWorkspace(t.ctx, 'lb');
    inbox = await createTestInbox(t.ctx, w.accountId);
    admin = await signInAs(t.app, w.users.admin.email);
    agent = await signInAs(t.app, w.users.agent.email);
  });
  afterAll(() => t.close());

  it('admins create labels with a colour and description; everyone who reads conversations lists them', async () => {
    const vip = await create({ name: ' VIP客户 ', color: 'gold', description: '年消费满一万' });
    expect(vip.statusCode, vip.body).toBe(201);
    expect(vip.json()).toMatchObject({ name: 'VIP客户', color: 'gold', description: '年消费满一万' });
    expect((await create({ name: '投诉', color: '#ff4d4f' })).json()).toMatchObject({ color: '#ff4d4f' });
    expect((await create({ name: '发票' })).json()).toMatchObject({ color: 'blue', description: '' });

    const list = await call(t.app, agent, 'GET', '/api/labels');
    expect(list.json().items.map((l: { name: string }) => l.name)).toEqual(['VIP客户', '发票', '投诉'].sort());

    const audit = await call(t.app, admin, 'GET', '/api/audit-events?action=label.created');
    expect(audit.json().items).toHaveLength(3);
  });

  it('refuses a duplicate name, a bad colour and agents', async () => {
    const taken = await create({ name: '发票' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.details).toEqual([{ field: 'body.name', issue: 'is already in use' }]);
    expect((await create({ name: '红', color: 'rainbow' })).statusCode).toBe(400);
    expect((await call(t.app, agent, 'POST', '/api/labels', { name: '新标签' })).statusCode).toBe(403);
  });

  it('conversations carry only managed labels', async () => {
    const id = await newConversation();
    const bad = await call(t.app, agent, 'PATCH', `/api/conversations/${id}`, { labels: ['发票', '不存在'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details).toEqual([{ field: 'body.labels', issue: 'unknown label 不存在' }]);
    expect(await labelsOf(id)).toEqual([]);
    const ok = await call(t.app, agent, 'PATCH', `/api/conversations/${id}`, { labels: ['发票', '投诉', '发票'] });
    expect(ok.json().labels).toEqual(['发票', '投诉']);
  });

  it('a rename renames the label on every conversation; a delete takes it off them, with live updates', async () => {
    const a = await newConversation();
    const b = await newConversation();
    const untouched = await newConversation();
    await call(t.app, agent, 'PATCH', `/api/conversations/${a}`, { labels: ['VIP客户', '投诉'] });
    await call(t.app, agent, 'PATCH', `/api/conversations/${b}`, { labels: ['VIP客户'] });
    await call(t.app, agent, 'PATCH', `/api/conversations/${untouched}`, { labels: ['发票'] });
    const vip = (await call(t.app, agent, 'GET', '/api/labels'))
      .json()
      .items.find((l: { name: string }) => l.name === 'VIP客户');

    const events: RealtimeEvent[] = [];
    const unsubscribe = t.ctx.bus.subscribe((event) => events.push(event));
    const renamed = await call(t.app, admin, 'PATCH', `/api/labels/${vip.id}`, { name: '大客户', color: 'purple' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ label: { name: '大客户', color: 'purple' }, conversationsUpdated: 2 });
    expect(await labelsOf(a)).toEqual(['大客户', '投诉']);
    expect(await labelsOf(b)).toEqual(['大客户']);
    expect(await labelsOf(untouched)).toEqual(['发票']);
    const updated = events.flatMap((e) => (e.type === 'conversation.updated' ? [e.conversation.id] : []));
    expect(updated.sort()).toEqual([a, b].sort());

    const deleted = await call(t.app, admin, 'DELETE', `/api/labels/${vip.id}`);
    expect(deleted.json()).toEqual({ label: null, conversationsUpdated: 2 });
    unsubscribe();
    expect(await labelsOf(a)).toEqual(['投诉']);
    expect(await labelsOf(b)).toEqual([]);
    expect((await call(t.app, admin, 'DELETE', `/api/labels/${vip.id}`)).statusCode).toBe(404);

    const audit = (await call(t.app, admin, 'GET', '/api/audit-events?action=label.updated')).json().items;
    expect(audit[0].details).toMatchObject({ before: { name: 'VIP客户' }, conversationsUpdated: 2 });
  });

  it('a label whose name has LIKE wildcards or quotes is matched exactly', async () => {
    await create({ name: '50%_off' });
    await create({ name: '50x_off' });
    await create({ name: '说"好"' });
    const one = await newConversation();
    const other = await newConversation();
    await call(t.app, agent, 'PATCH', `/api/conversations/${one}`, { labels: ['50%_off', '说"好"'] });
    await call(t.app, agent, 'PATCH', `/api/conversations/${other}`, { labels: ['50x_off'] });
    const labels = (await call(t.app, agent, 'GET', '/api/labels')).json().items as { id: string; name: string }[];
    const percent = labels.find((l) => l.name === '50%_off')!;
    const quoted = labels.find((l) => l.name === '说"好"')!;
    expect((await call(t.app, admin, 'PATCH', `/api/labels/${percent.id}`, { name: '五折' })).json()).toMatchObject({
      conversationsUpdated: 1,
    });
    expect((await call(t.app, admin, 'DELETE', `/api/labels/${quoted.id}`)).json().conversationsUpdated).toBe(1);
    expect(await labelsOf(one)).toEqual(['五折']);
    expect(await labelsOf(other)).toEqual(['50x_off']);
  });
});
