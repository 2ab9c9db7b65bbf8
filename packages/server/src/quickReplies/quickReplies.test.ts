import { randomBytes } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';
import type { CreateTeamBody, QuickReplyCategoryView, QuickReplyView } from '@kefu/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../http/actor.js';
import { teamCreator } from '../teams/teamCommands.js';
import {
  call,
  createTestApp,
  type Session,
  seedWorkspace,
  signInAs,
  TEST_PASSWORD,
  type TestApp,
} from '../test/testApp.js';
import { createTestInbox } from '../test/testWidget.js';
import { visitorMessageSender } from '../widget/visitorMessageSender.js';
import { verifyVisitorToken } from '../widget/visitorToken.js';
import { widgetSessionStarter } from '../widget/widgetSession.js';

type Workspace = Awaited<ReturnType<typeof seedWorkspace>>;

/** A real 1×1 PNG: signature, IHDR, IDAT, IEND, each chunk with its CRC. */
function tinyPng(red = 255): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0);
  ihdr.writeUInt32BE(1, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.from([0, red, 0, 0]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function multipart(fileName: string, data: Buffer) {
  const boundary = `----kefu-test-${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\n` +
      'Content-Type: application/octet-stream\r\n\r\n',
  );
  return {
    payload: Buffer.concat([head, data, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

let clientIds = 0;

/** Teams are made by the team command: these tests are about quick replies, not the team routes. */
async function createTeam(t: TestApp, ws: Workspace, name: string, memberIds: string[]): Promise<string> {
  const actor = { accountId: ws.accountId, userId: ws.users.admin.id, name: 'admin', ip: '127.0.0.1' } as Actor;
  return (await teamCreator(t.ctx, actor, { name, kind: 'skill', description: '', memberIds } as CreateTeamBody)).id;
}

describe('quick replies', () => {
  let t: TestApp;
  let ws: Workspace;
  let other: Workspace;
  let admin: Session;
  let supervisor: Session;
  let agent: Session;
  /** A second agent, in the 售前 team only. */
  let agent2: Session;
  let agent2Id: string;
  let afterSales: string;
  let preSales: string;

  const create = async (session: Session, body: object) => {
    const res = await call(t.app, session, 'POST', '/api/quick-replies', body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as QuickReplyView;
  };
  const list = async (session: Session, query = '') => {
    const res = await call(t.app, session, 'GET', `/api/quick-replies${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items as QuickReplyView[];
  };
  const titles = async (session: Session, query = '') => (await list(session, query)).map((r) => r.title);
  const insert = (session: Session, id: string) => call(t.app, session, 'POST', `/api/quick-replies/${id}/use`, {});
  const upload = async (session: Session, name: string, data: Buffer) => {
    const body = multipart(name, data);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/attachments',
      headers: { ...body.headers, cookie: session.cookie, 'x-csrf-token': session.csrfToken },
      payload: body.payload,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; url: string };
  };
  const replyRows = () => t.ctx.db.kysely.selectFrom('quick_replies').select(['id', 'title', 'content']).execute();
  const auditActions = async () =>
    (
      await t.ctx.db.kysely
        .selectFrom('audit_events')
        .select('action')
        .where('account_id', '=', ws.accountId)
        .where('action', 'like', 'quick_reply%')
        .orderBy('id')
        .execute()
    ).map((r) => r.action);

  beforeAll(async () => {
    t = await createTestApp();
    ws = await seedWorkspace(t.ctx, 'qr');
    other = await seedWorkspace(t.ctx, 'qr-other');
    admin = await signInAs(t.app, ws.users.admin.email);
    supervisor = await signInAs(t.app, ws.users.supervisor.email);
    agent = await signInAs(t.app, ws.users.agent.email);
    const second = await call(t.app, admin, 'POST', '/api/users', {
      email: 'agent2@qr.test',
      name: '小李',
      role: 'agent',
      password: TEST_PASSWORD,
    });
    expect(second.statusCode, second.body).toBe(201);
    agent2Id = second.json().id;
    agent2 = await signInAs(t.app, 'agent2@qr.test');
    afterSales = await createTeam(t, ws, '售后', [ws.users.agent.id]);
    preSales = await createTeam(t, ws, '售前', [agent2Id]);
  });
  afterAll(() => t.close());

  it('an agent keeps personal replies: pinyin keys computed on save, edits, deletion; nobody else sees them', async () => {
    const reply = await create(agent, { title: ' 退款政策 ', content: '您好 {{contact.name}}，七天无理由退货。' });
    expect(reply).toMatchObject({
      scope: 'personal',
      ownerId: ws.users.agent.id,
      teamId: null,
      categoryId: null,
      title: '退款政策',
      picture: null,
      keys: { titlePinyin: 'tuikuanzhengce', titleInitials: 'tkzc', contentInitials: 'nhqtwlyth' },
      useCount: 0,
      myUseCount: 0,
      editable: true,
    });
    expect(await titles(agent2)).not.toContain('退款政策');
    expect(await titles(admin)).not.toContain('退款政策');
    expect((await call(t.app, admin, 'PATCH', `/api/quick-replies/${reply.id}`, { title: 'x' })).statusCode).toBe(404);

    const changed = await call(t.app, agent, 'PATCH', `/api/quick-replies/${reply.id}`, { title: '長時間等待' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().keys).toMatchObject({ titlePinyin: 'changshijiandengdai', titleInitials: 'csjdd' });
    expect(changed.json().content).toBe(reply.content);

    expect((await call(t.app, agent, 'DELETE', `/api/quick-replies/${reply.id}`)).statusCode).toBe(200);
    expect(await titles(agent)).not.toContain('長時間等待');
    // Personal replies are the agent's own business: nothing in the audit log.
    expect(await auditActions()).toEqual([]);
  });

  it('team replies reach their members, workspace replies everyone; usable narrows a manager to their own teams', async () => {
    const forAfterSales = await create(supervisor, {
      scope: 'team',
      teamId: afterSales,
      title: '售后流程',
      content: '请提供订单号。',
    });
    const forPreSales = await create(admin, {
      scope: 'team',
      teamId: preSales,
      title: '售前咨询',
      content: '欢迎咨询',
    });
    const everyone = await create(admin, { scope: 'workspace', title: '问候', content: '您好，请问有什么可以帮您？' });
    const own = await create(supervisor, { title: '主管签名', content: '主管 {{agent.name}}' });

    expect(await titles(agent)).toEqual(expect.arrayContaining(['售后流程', '问候']));
    expect(await titles(agent)).not.toContain('售前咨询');
    expect(await titles(agent2)).toEqual(expect.arrayContaining(['售前咨询', '问候']));
    expect(await titles(agent2)).not.toContain('售后流程');
    // Managers see every team's replies in settings, but in the composer only their own teams'.
    expect(await titles(supervisor)).toEqual(expect.arrayContaining(['售后流程', '售前咨询', '问候', '主管签名']));
    expect(await titles(supervisor, '?usable=true')).toEqual(expect.arrayContaining(['问候', '主管签名']));
    expect(await titles(supervisor, '?usable=true')).not.toContain('售后流程');
    expect(await titles(agent, `?scope=team&teamId=${afterSales}`)).toEqual(['售后流程']);

    const seenByAgent = (await list(agent)).find((r) => r.id === everyone.id);
    expect(seenByAgent?.editable).toBe(false);
    expect((await list(supervisor)).find((r) => r.id === forAfterSales.id)?.editable).toBe(true);
    // An agent who is not in the team cannot reach its reply at all.
    expect((await insert(agent2, forAfterSales.id)).statusCode).toBe(404);
    expect((await insert(agent, forPreSales.id)).statusCode).toBe(404);
    expect((await insert(agent, forAfterSales.id)).statusCode).toBe(200);
    // Nor can anybody reach another person's personal reply.
    expect((await insert(admin, own.id)).statusCode).toBe(404);

    expect(await auditActions()).toEqual(['quick_reply.created', 'quick_reply.created', 'quick_reply.created']);
  });

  it('only admins and supervisors write team and workspace replies; an agent gets 403 and nothing changes', async () => {
    const before = await replyRows();
    for (const body of [
      { scope: 'workspace', title: '越权', content: 'x' },
      { scope: 'team', teamId: afterSales, title: '越权', content: 'x' },
    ]) {
      const res = await call(t.app, agent, 'POST', '/api/quick-replies', body);
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
    }
    const shared = await create(admin, { scope: 'workspace', title: '营业时间', content: '9:00-18:00' });
    const mine = await create(agent, { title: '我的', content: '个人话术' });
    const attempts = [
      await call(t.app, agent, 'PATCH', `/api/quick-replies/${shared.id}`, { content: '改掉' }),
      await call(t.app, agent, 'DELETE', `/api/quick-replies/${shared.id}`),
      // Moving one's own reply into a shared scope is writing a shared reply.
      await call(t.app, agent, 'PATCH', `/api/quick-replies/${mine.id}`, { scope: 'workspace' }),
    ];
    expect(attempts.map((r) => r.statusCode)).toEqual([403, 403, 403]);
    expect((await replyRows()).length).toBe(before.length + 2);
    expect((await list(agent)).find((r) => r.id === shared.id)?.content).toBe('9:00-18:00');
    expect((await list(agent)).find((r) => r.id === mine.id)?.scope).toBe('personal');

    // A supervisor moves a workspace reply to a team, then the admin deletes it.
    const moved = await call(t.app, supervisor, 'PATCH', `/api/quick-replies/${shared.id}`, {
      scope: 'team',
      teamId: preSales,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ scope: 'team', teamId: preSales, ownerId: null });
    expect(await titles(agent)).not.toContain('营业时间');
    expect((await call(t.app, admin, 'DELETE', `/api/quick-replies/${shared.id}`)).statusCode).toBe(200);
    expect(await titles(agent2)).not.toContain('营业时间');
  });

  it('refuses a team of another workspace, a missing team and a team on a personal reply, naming the field', async () => {
    const cases = [
      { body: { scope: 'team', title: 'a', content: 'b' }, field: 'body.teamId' },
      { body: { scope: 'personal', teamId: afterSales, title: 'a', content: 'b' }, field: 'body.teamId' },
      {
        body: { scope: 'team', teamId: '01900000-0000-7000-8000-000000000000', title: 'a', content: 'b' },
        field: 'body.teamId',
      },
      {
        body: { title: 'a', content: 'b', categoryId: '01900000-0000-7000-8000-000000000000' },
        field: 'body.categoryId',
      },
    ];
    for (const { body, field } of cases) {
      const res = await call(t.app, admin, 'POST', '/api/quick-replies', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.details).toEqual([expect.objectContaining({ field })]);
    }
  });

  it('titles are unique within one scope, not across scopes', async () => {
    await create(agent, { title: '发货时间', content: '48 小时内发货' });
    const again = await call(t.app, agent, 'POST', '/api/quick-replies', { title: '发货时间', content: '另一条' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'CONFLICT', details: [{ field: 'body.title' }] });
    // The same title is fine for another agent, and for the workspace.
    await create(agent2, { title: '发货时间', content: '我的版本' });
    await create(admin, { scope: 'workspace', title: '发货时间', content: '公司版本' });
  });

  it('refuses unknown variables when saving, naming them and the known ones; spaces inside braces are fine', async () => {
    const res = await call(t.app, agent, 'POST', '/api/quick-replies', {
      title: '变量',
      content: '您好 {{contact.name}}，订单 {{order.id}} 由 {{ agent.nickname }} 处理',
    });
    expect(res.statusCode).toBe(400);
    const [detail] = res.json().error.details as { field: string; issue: string }[];
    expect(detail?.field).toBe('body.content');
    expect(detail?.issue).toContain('{{order.id}}');
    expect(detail?.issue).toContain('{{agent.nickname}}');
    expect(detail?.issue).toContain('{{contact.name}}');
    expect(detail?.issue).not.toMatch(/unknown variable[^;]*contact\.name/);

    const ok = await create(agent, {
      title: '全部变量',
      content: '{{ contact.name }} {{contact.phone}} {{agent.name}} {{conversation.id}} {{inbox.name}} {{date.today}}',
    });
    const edited = await call(t.app, agent, 'PATCH', `/api/quick-replies/${ok.id}`, { content: '{{contact.email}}' });
    expect(edited.statusCode).toBe(400);
    expect(edited.json().error.details[0].field).toBe('body.content');
  });

  it('q finds a reply by title, text, pinyin initials or full pinyin; best match first, favourites first among equals', async () => {
    const refund = await create(agent, { title: '退款政策', content: '七天无理由退款，运费我们承担。' });
    const refundFast = await create(agent, { title: '退款到账', content: '原路退回，1-3 个工作日到账。' });
    await create(agent, { title: '物流查询', content: '请提供快递单号，我们帮您查询退款进度。' });
    await create(agent, { title: 'VIP专属通道', content: '尊敬的会员您好。' });

    expect(await titles(agent, '?q=tkzc')).toEqual(['退款政策']);
    expect(await titles(agent, `?q=${encodeURIComponent('ＴＫＺＣ')}`)).toEqual(['退款政策']);
    expect(await titles(agent, '?q=tuikuan')).toEqual(['退款到账', '退款政策']);
    expect(await titles(agent, '?q=vipzs')).toEqual(['VIP专属通道']);
    expect(await titles(agent, `?q=${encodeURIComponent('运费')}`)).toEqual(['退款政策']);
    expect(await titles(agent, '?q=kddh')).toEqual(['物流查询']);
    // Two letters also search the text's initials (退款 in 物流查询), ranked below every title match.
    expect(await titles(agent, '?q=tk')).toEqual(['退款到账', '退款政策', '物流查询']);
    // Title matches rank above text matches: 物流查询 mentions 退款 only in its text.
    expect(await titles(agent, `?q=${encodeURIComponent('退款')}`)).toEqual(['退款到账', '退款政策', '物流查询']);

    // Used twice, 退款政策 now comes first among the equally good title matches, for this agent only.
    for (let i = 0; i < 2; i += 1) expect((await insert(agent, refund.id)).statusCode).toBe(200);
    expect(await titles(agent, '?q=tuikuan')).toEqual(['退款政策', '退款到账']);
    const counted = (await list(agent, '?q=tuikuan')).map((r) => [r.title, r.myUseCount, r.useCount]);
    expect(counted).toEqual([
      ['退款政策', 2, 2],
      ['退款到账', 0, 0],
    ]);
    expect(refundFast.myUseCount).toBe(0);
  });

  it('counts insertions made at the same moment, each one', async () => {
    const reply = await create(admin, { scope: 'workspace', title: '稍等', content: '请稍等，正在为您查询。' });
    const results = await Promise.all([
      ...Array.from({ length: 4 }, () => insert(agent, reply.id)),
      ...Array.from({ length: 3 }, () => insert(agent2, reply.id)),
    ]);
    expect(results.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200, 200, 200]);
    const seen = (await list(agent)).find((r) => r.id === reply.id);
    expect(seen).toMatchObject({ useCount: 7, myUseCount: 4 });
    expect((await list(agent2)).find((r) => r.id === reply.id)).toMatchObject({ useCount: 7, myUseCount: 3 });
  });

  it('categories: managers create, rename and delete them; deleting one leaves its replies uncategorised', async () => {
    const created = await call(t.app, supervisor, 'POST', '/api/quick-reply-categories', { name: ' 售后 ' });
    expect(created.statusCode, created.body).toBe(201);
    const category = created.json() as QuickReplyCategoryView;
    expect(category).toMatchObject({ name: '售后', replyCount: 0 });
    expect((await call(t.app, admin, 'POST', '/api/quick-reply-categories', { name: '售后' })).statusCode).toBe(409);
    expect((await call(t.app, agent, 'POST', '/api/quick-reply-categories', { name: '我的分类' })).statusCode).toBe(
      403,
    );

    const inIt = await create(agent, { title: '换货', content: '支持换货', categoryId: category.id });
    const filtered = await titles(agent, `?categoryId=${category.id}`);
    expect(filtered).toEqual(['换货']);
    const categories = (await call(t.app, agent, 'GET', '/api/quick-reply-categories')).json().items;
    expect(categories).toEqual([expect.objectContaining({ id: category.id, name: '售后', replyCount: 1 })]);
    // The agent's personal reply counts for the agent only.
    expect((await call(t.app, admin, 'GET', '/api/quick-reply-categories')).json().items[0].replyCount).toBe(0);

    const renamed = await call(t.app, admin, 'PATCH', `/api/quick-reply-categories/${category.id}`, {
      name: '售后服务',
    });
    expect(renamed.json()).toMatchObject({ name: '售后服务' });
    expect((await call(t.app, admin, 'DELETE', `/api/quick-reply-categories/${category.id}`)).statusCode).toBe(200);
    expect((await list(agent)).find((r) => r.id === inIt.id)?.categoryId).toBeNull();
    expect(await auditActions()).toEqual(
      expect.arrayContaining([
        'quick_reply_category.created',
        'quick_reply_category.updated',
        'quick_reply_category.deleted',
      ]),
    );
  });

  describe('pictures', () => {
    const png = tinyPng();
    const newConversation = async () => {
      const inbox = await createTestInbox(t.ctx, ws.accountId);
      const session = await widgetSessionStarter(t.ctx, { websiteToken: inbox.website_token });
      const visitor = verifyVisitorToken(t.ctx.config.secret, session.visitorToken, t.clock.now())!;
      const sent = await visitorMessageSender(
        t.ctx,
        visitor,
        { clientId: `qr-${++clientIds}-visitor`, conversationId: null, content: '在吗', attachmentIds: [] },
        () => ({ pageUrl: null, referrer: null, browser: null, os: null, ip: null, location: null }),
      );
      return sent.conversation.id;
    };
    const sendWith = (session: Session, conversationId: string, attachmentId: string) =>
      call(t.app, session, 'POST', `/api/conversations/${conversationId}/messages`, {
        clientId: `qr-${++clientIds}-agent`,
        content: '请看图',
        attachmentIds: [attachmentId],
      });

    it('one stored picture goes out in many conversations: each insertion makes a fresh upload of the inserting agent', async () => {
      const uploaded = await upload(admin, '二维码.png', png);
      const reply = await create(admin, {
        scope: 'workspace',
        title: '关注公众号',
        content: '扫码关注',
        attachmentId: uploaded.id,
      });
      expect(reply.picture).toMatchObject({ fileName: '二维码.png', contentType: 'image/png', size: png.length });

      const picture = await call(t.app, agent, 'GET', reply.picture!.url);
      expect(picture.statusCode).toBe(200);
      expect(picture.rawPayload.equals(png)).toBe(true);
      expect(picture.headers['content-type']).toBe('image/png');
      expect(picture.headers['x-content-type-options']).toBe('nosniff');

      const first = await newConversation();
      const second = await newConversation();
      const copies: string[] = [];
      for (const [session, conversationId] of [
        [agent, first],
        [agent2, second],
        [agent, second],
      ] as const) {
        const inserted = await insert(session, reply.id);
        expect(inserted.statusCode, inserted.body).toBe(200);
        const attachment = inserted.json().attachment as { id: string; url: string; isImage: boolean };
        expect(attachment).toMatchObject({ fileName: '二维码.png', contentType: 'image/png', isImage: true });
        copies.push(attachment.id);
        const sent = await sendWith(session, conversationId, attachment.id);
        expect(sent.statusCode, sent.body).toBe(201);
        expect(sent.json().attachments).toEqual([expect.objectContaining({ id: attachment.id })]);
        const download = await t.app.inject({ method: 'GET', url: attachment.url });
        expect(download.rawPayload.equals(png)).toBe(true);
      }
      expect(new Set(copies).size).toBe(3);
      const rows = await t.ctx.db.kysely
        .selectFrom('attachments')
        .select(['id', 'uploader_id', 'conversation_id'])
        .where('id', 'in', copies)
        .orderBy('id')
        .execute();
      expect(rows.map((r) => [r.uploader_id, r.conversation_id])).toEqual([
        [ws.users.agent.id, first],
        [agent2Id, second],
        [ws.users.agent.id, second],
      ]);
      // A copy is its agent's own: another agent cannot send it.
      const theft = await sendWith(agent2, second, copies[0]!);
      expect(theft.statusCode).toBe(400);
      // The picture itself is still the quick reply's, unchanged.
      const again = await call(t.app, agent2, 'GET', reply.picture!.url);
      expect(again.rawPayload.equals(png)).toBe(true);
    });

    it("takes only the caller's own upload, and only a picture; replaces and removes it", async () => {
      const agentsUpload = await upload(agent, 'a.png', png);
      const borrowed = await call(t.app, admin, 'POST', '/api/quick-replies', {
        title: '借图',
        content: 'x',
        attachmentId: agentsUpload.id,
      });
      expect(borrowed.statusCode).toBe(400);
      expect(borrowed.json().error.details).toEqual([
        { field: 'body.attachmentId', issue: 'is not an upload of yours' },
      ]);

      const text = await upload(agent, 'notes.txt', Buffer.from('订单号 12345\n'));
      const notPicture = await call(t.app, agent, 'POST', '/api/quick-replies', {
        title: '文本',
        content: 'x',
        attachmentId: text.id,
      });
      expect(notPicture.statusCode).toBe(400);
      expect(notPicture.json().error.details).toEqual([{ field: 'body.attachmentId', issue: 'is not a picture' }]);
      expect((await titles(agent)).filter((title) => title === '借图' || title === '文本')).toEqual([]);

      const reply = await create(agent, { title: '带图', content: 'x', attachmentId: agentsUpload.id });
      const green = tinyPng(0);
      const replacement = await upload(agent, 'b.png', green);
      const replaced = await call(t.app, agent, 'PATCH', `/api/quick-replies/${reply.id}`, {
        attachmentId: replacement.id,
      });
      expect(replaced.json().picture).toMatchObject({ fileName: 'b.png' });
      expect(replaced.json().picture.url).not.toBe(reply.picture!.url);
      expect((await call(t.app, agent, 'GET', replaced.json().picture.url)).rawPayload.equals(green)).toBe(true);
      // Nobody else sees a personal reply's picture.
      expect((await call(t.app, agent2, 'GET', replaced.json().picture.url)).statusCode).toBe(404);

      const removed = await call(t.app, agent, 'PATCH', `/api/quick-replies/${reply.id}`, { attachmentId: null });
      expect(removed.json().picture).toBeNull();
      expect((await insert(agent, reply.id)).json()).toEqual({ attachment: null });
      expect((await call(t.app, agent, 'GET', `/api/quick-replies/${reply.id}/picture`)).statusCode).toBe(404);
    });
  });

  it('deleting a team deletes its replies', async () => {
    const teamId = await createTeam(t, ws, '临时组', [ws.users.agent.id]);
    await create(admin, { scope: 'team', teamId, title: '临时话术', content: 'x' });
    expect(await titles(agent)).toContain('临时话术');
    expect((await call(t.app, admin, 'DELETE', `/api/teams/${teamId}`)).statusCode).toBe(200);
    expect(await titles(agent)).not.toContain('临时话术');
  });

  describe('tenant isolation', () => {
    let otherAdmin: Session;
    let otherAgent: Session;
    let shared: QuickReplyView;
    let category: QuickReplyCategoryView;

    beforeAll(async () => {
      otherAdmin = await signInAs(t.app, other.users.admin.email);
      otherAgent = await signInAs(t.app, other.users.agent.email);
      const uploaded = await upload(admin, 'logo.png', tinyPng());
      shared = await create(admin, {
        scope: 'workspace',
        title: '公司介绍',
        content: '我们是一家……',
        attachmentId: uploaded.id,
      });
      category = (await call(t.app, admin, 'POST', '/api/quick-reply-categories', { name: '公司' })).json();
    });

    it("B's admin and agent get 404 for A's reply, picture and category, and A's reply is unchanged", async () => {
      const attempts = [
        await call(t.app, otherAdmin, 'PATCH', `/api/quick-replies/${shared.id}`, { content: '篡改' }),
        await call(t.app, otherAdmin, 'DELETE', `/api/quick-replies/${shared.id}`),
        await insert(otherAgent, shared.id),
        await call(t.app, otherAgent, 'GET', shared.picture!.url),
        await call(t.app, otherAdmin, 'PATCH', `/api/quick-reply-categories/${category.id}`, { name: '篡改' }),
        await call(t.app, otherAdmin, 'DELETE', `/api/quick-reply-categories/${category.id}`),
      ];
      expect(attempts.map((r) => r.statusCode)).toEqual([404, 404, 404, 404, 404, 404]);
      const mine = (await list(agent)).find((r) => r.id === shared.id);
      expect(mine).toMatchObject({ content: '我们是一家……', useCount: 0 });
      expect((await call(t.app, agent, 'GET', '/api/quick-reply-categories')).json().items).toEqual(
        expect.arrayContaining([expect.objectContaining({ id: category.id, name: '公司' })]),
      );
    });

    it("B's lists and searches never contain A's replies or categories", async () => {
      expect(await list(otherAdmin)).toEqual([]);
      expect(await list(otherAgent, `?q=${encodeURIComponent('公司')}`)).toEqual([]);
      expect((await call(t.app, otherAdmin, 'GET', '/api/quick-reply-categories')).json().items).toEqual([]);
      const exported = await call(t.app, otherAdmin, 'GET', '/api/quick-replies/export?format=csv');
      expect(exported.body).not.toContain('公司介绍');
    });

    it("B cannot file a reply under A's team or category, nor take A's upload as its picture", async () => {
      const aUpload = await upload(agent, 'x.png', tinyPng());
      const cases = [
        { scope: 'team', teamId: afterSales, title: 'a', content: 'b' },
        { title: 'a', content: 'b', categoryId: category.id },
        { title: 'a', content: 'b', attachmentId: aUpload.id },
      ];
      for (const body of cases) {
        const res = await call(t.app, otherAdmin, 'POST', '/api/quick-replies', body);
        expect(res.statusCode, JSON.stringify(body)).toBe(400);
      }
      expect(await list(otherAdmin)).toEqual([]);
    });
  });
});
