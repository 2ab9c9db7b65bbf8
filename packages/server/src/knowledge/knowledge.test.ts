import type { KnowledgeCategoryView, KnowledgeEntryView, KnowledgeVersionView } from '@kefu/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../context.js';
import { call, createTestApp, type Session, seedWorkspace, signInAs, type TestApp } from '../test/testApp.js';
import { createTestInbox } from '../test/testWidget.js';
import { visitorMessageSender } from '../widget/visitorMessageSender.js';
import { verifyVisitorToken } from '../widget/visitorToken.js';
import { widgetSessionStarter } from '../widget/widgetSession.js';
import { KNOWLEDGE_RECHECK_MS } from './knowledgeIndexCache.js';
import { searchKnowledge } from './knowledgeSearch.js';

type Workspace = Awaited<ReturnType<typeof seedWorkspace>>;

let clientIds = 0;

describe('knowledge base', () => {
  let t: TestApp;
  let ws: Workspace;
  let other: Workspace;
  let admin: Session;
  let supervisor: Session;
  let agent: Session;
  let otherAdmin: Session;

  const createEntry = async (session: Session, body: object) => {
    const res = await call(t.app, session, 'POST', '/api/knowledge/entries', body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as KnowledgeEntryView;
  };
  const faq = (title: string, body: string, extra: object = {}) => ({
    kind: 'faq',
    variant: { title, body, similarQuestions: [], status: 'published', ...extra },
  });
  const search = (q: string, accountId = ws.accountId) =>
    searchKnowledge(t.ctx, accountId, q, { locale: 'zh-CN', limit: 5 });
  const auditActions = async (accountId: string) =>
    (
      await t.ctx.db.kysely
        .selectFrom('audit_events')
        .select('action')
        .where('account_id', '=', accountId)
        .where('action', 'like', 'knowledge%')
        .orderBy('id')
        .execute()
    ).map((r) => r.action);

  beforeAll(async () => {
    t = await createTestApp();
    ws = await seedWorkspace(t.ctx, 'kb');
    other = await seedWorkspace(t.ctx, 'kb-other');
    admin = await signInAs(t.app, ws.users.admin.email);
    supervisor = await signInAs(t.app, ws.users.supervisor.email);
    agent = await signInAs(t.app, ws.users.agent.email);
    otherAdmin = await signInAs(t.app, other.users.admin.email);
  });
  afterAll(() => t.close());

  describe('categories', () => {
    it('builds a tree at most four levels deep, with unique names among siblings, and audits it', async () => {
      const make = async (name: string, parentId: string | null) => {
        const res = await call(t.app, admin, 'POST', '/api/knowledge/categories', { name, parentId });
        return res;
      };
      const top = (await make('售后服务', null)).json() as KnowledgeCategoryView;
      const second = (await make('退换货', top.id)).json() as KnowledgeCategoryView;
      const third = (await make('退款', second.id)).json() as KnowledgeCategoryView;
      const fourth = await make('到账时间', third.id);
      expect(fourth.statusCode).toBe(201);
      const fifth = await make('太深了', fourth.json().id);
      expect(fifth.statusCode).toBe(400);
      expect(fifth.json().error.details).toEqual([expect.objectContaining({ field: 'body.parentId' })]);
      const twin = await make('退换货', top.id);
      expect(twin.statusCode).toBe(409);
      // The same name under another parent is fine.
      expect((await make('退换货', null)).statusCode).toBe(201);

      // Moving a category under its own descendant would make a loop.
      const loop = await call(t.app, admin, 'PATCH', `/api/knowledge/categories/${top.id}`, { parentId: third.id });
      expect(loop.statusCode).toBe(400);
      const renamed = await call(t.app, supervisor, 'PATCH', `/api/knowledge/categories/${second.id}`, {
        name: '退货换货',
        translations: { 'zh-TW': '退貨換貨', en: 'Returns' },
      });
      expect(renamed.statusCode, renamed.body).toBe(200);
      expect(renamed.json()).toMatchObject({ name: '退货换货', translations: { en: 'Returns' }, parentId: top.id });

      const list = (await call(t.app, agent, 'GET', '/api/knowledge/categories')).json()
        .items as KnowledgeCategoryView[];
      expect(list.map((c) => c.name)).toEqual(expect.arrayContaining(['售后服务', '退货换货', '退款', '到账时间']));
      expect((await call(t.app, agent, 'POST', '/api/knowledge/categories', { name: 'x' })).statusCode).toBe(403);
      expect(await auditActions(ws.accountId)).toEqual(
        expect.arrayContaining(['knowledge_category.created', 'knowledge_category.updated']),
      );
    });

    it('a category with sub-categories stays; deleting a leaf leaves its entries uncategorised', async () => {
      const parent = (await call(t.app, admin, 'POST', '/api/knowledge/categories', { name: '物流' })).json();
      const leaf = (
        await call(t.app, admin, 'POST', '/api/knowledge/categories', { name: '快递', parentId: parent.id })
      ).json();
      const entry = await createEntry(admin, { ...faq('快递用哪家？', '默认顺丰。'), categoryId: leaf.id });
      expect((await call(t.app, admin, 'DELETE', `/api/knowledge/categories/${parent.id}`)).statusCode).toBe(409);
      expect((await call(t.app, admin, 'DELETE', `/api/knowledge/categories/${leaf.id}`)).statusCode).toBe(200);
      const after = (await call(t.app, admin, 'GET', `/api/knowledge/entries/${entry.id}`)).json();
      expect(after.categoryId).toBeNull();
      const [hit] = await search('快递用哪家');
      expect(hit).toMatchObject({ entryId: entry.id, categoryId: null });
    });
  });

  describe('entries, states and versions', () => {
    it('a draft is invisible to agents and to search until it is published; then it answers at once', async () => {
      const draft = await createEntry(admin, faq('发票怎么开？', '下单时勾选“需要发票”。', { status: 'draft' }));
      expect(draft.variants[0]).toMatchObject({ status: 'draft', version: 1, publishedAt: null });
      expect((await call(t.app, agent, 'GET', `/api/knowledge/entries/${draft.id}`)).statusCode).toBe(404);
      const agentList = (await call(t.app, agent, 'GET', '/api/knowledge/entries')).json().items;
      expect(agentList.map((e: { id: string }) => e.id)).not.toContain(draft.id);
      expect((await search('发票怎么开')).map((h) => h.entryId)).not.toContain(draft.id);
      // Editors find drafts in their list search.
      const editorSearch = (
        await call(t.app, admin, 'GET', `/api/knowledge/entries?q=${encodeURIComponent('发票')}`)
      ).json();
      expect(editorSearch.items[0]).toMatchObject({ id: draft.id, variants: [{ status: 'draft' }] });

      const published = await call(t.app, admin, 'PUT', `/api/knowledge/entries/${draft.id}/variants/zh-CN`, {
        title: '发票怎么开？',
        body: '下单时勾选“需要发票”。',
        status: 'published',
        baseVersion: 1,
      });
      expect(published.statusCode, published.body).toBe(200);
      expect(published.json().variants[0]).toMatchObject({ status: 'published', version: 2 });
      const [hit] = await search('發票怎麼開');
      expect(hit).toMatchObject({ entryId: draft.id, score: 1, matchedQuestion: '发票怎么开？' });
      expect((await call(t.app, agent, 'GET', `/api/knowledge/entries/${draft.id}`)).statusCode).toBe(200);
    });

    it('every save keeps the text it replaces; an earlier version can be viewed and restored', async () => {
      const entry = await createEntry(admin, faq('运费怎么算？', '满 99 元包邮。'));
      const save = (body: string, baseVersion?: number) =>
        call(t.app, admin, 'PUT', `/api/knowledge/entries/${entry.id}/variants/zh-CN`, {
          title: '运费怎么算？',
          similarQuestions: ['包邮吗'],
          body,
          status: 'published',
          ...(baseVersion === undefined ? {} : { baseVersion }),
        });
      expect((await save('满 88 元包邮。', 1)).statusCode).toBe(200);
      expect((await save('满 66 元包邮。', 2)).statusCode).toBe(200);
      // A save over a newer version than the editor started from is refused, not silently applied.
      const stale = await save('满 50 元包邮。', 2);
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.details).toEqual({ version: 3 });

      const versions = (await call(t.app, admin, 'GET', `/api/knowledge/entries/${entry.id}/versions`)).json()
        .items as KnowledgeVersionView[];
      expect(versions.map((v) => [v.version, v.body])).toEqual([
        [2, '满 88 元包邮。'],
        [1, '满 99 元包邮。'],
      ]);
      expect(versions[1]!.html).toBe('<p>满 99 元包邮。</p>');
      expect((await call(t.app, agent, 'GET', `/api/knowledge/entries/${entry.id}/versions`)).statusCode).toBe(403);

      const restored = await call(
        t.app,
        supervisor,
        'POST',
        `/api/knowledge/entries/${entry.id}/versions/${versions[1]!.id}/restore`,
      );
      expect(restored.statusCode, restored.body).toBe(200);
      expect(restored.json().variants[0]).toMatchObject({ body: '满 99 元包邮。', version: 4, similarQuestions: [] });
      const [hit] = await search('运费怎么算');
      expect(hit?.answer.text).toBe('满 99 元包邮。');
      const after = (await call(t.app, admin, 'GET', `/api/knowledge/entries/${entry.id}/versions`)).json().items;
      expect(after.map((v: KnowledgeVersionView) => v.body)[0]).toBe('满 66 元包邮。');
      expect(await auditActions(ws.accountId)).toContain('knowledge_entry.restored');
    });

    it('keeps language variants; zh-TW readers get the zh-CN text in Traditional when there is no zh-TW one', async () => {
      const entry = await createEntry(admin, faq('怎么修改收货地址？', '发货前可以在订单详情里修改地址。'));
      const tw = await searchKnowledge(t.ctx, ws.accountId, '怎麼修改收貨地址', { locale: 'zh-TW' });
      expect(tw[0]).toMatchObject({ entryId: entry.id, locale: 'zh-TW', title: '怎麼修改收貨地址？' });
      expect(tw[0]?.answer.text).toBe('發貨前可以在訂單詳情裡修改地址。');

      const en = await call(t.app, admin, 'PUT', `/api/knowledge/entries/${entry.id}/variants/en`, {
        title: 'How do I change the delivery address?',
        similarQuestions: ['wrong address'],
        body: 'Change it in the order details before shipping.',
        status: 'published',
      });
      expect(en.statusCode, en.body).toBe(200);
      expect(en.json().variants.map((v: { locale: string }) => v.locale)).toEqual(['zh-CN', 'en']);
      const english = await searchKnowledge(t.ctx, ws.accountId, 'change my address', { locale: 'en' });
      expect(english[0]).toMatchObject({ entryId: entry.id, locale: 'en' });
      // English has no stand-in: an entry only in Chinese does not answer English readers.
      const onlyChinese = await createEntry(admin, faq('积分会过期吗？', '每年年底清零。'));
      const noEnglish = await searchKnowledge(t.ctx, ws.accountId, '积分会过期吗', { locale: 'en' });
      expect(noEnglish.map((h) => h.entryId)).not.toContain(onlyChinese.id);

      const removed = await call(t.app, admin, 'DELETE', `/api/knowledge/entries/${entry.id}/variants/en`);
      expect(removed.json().variants.map((v: { locale: string }) => v.locale)).toEqual(['zh-CN']);
      expect((await call(t.app, admin, 'DELETE', `/api/knowledge/entries/${entry.id}/variants/zh-CN`)).statusCode).toBe(
        409,
      );
    });

    it('sanitises answers on save and on the way out: no script survives', async () => {
      const entry = await createEntry(
        admin,
        faq(
          '<b>加粗</b>问题',
          '点<a href="javascript:alert(1)">这里</a><img src=x onerror=alert(1)><script>alert(2)</script>**好**',
        ),
      );
      const variant = entry.variants[0]!;
      expect(variant.title).toBe('<b>加粗</b>问题');
      expect(variant.html).toBe(
        '<p>点<a target="_blank" rel="noopener noreferrer nofollow">这里</a><strong>好</strong></p>',
      );
      expect(variant.text).toBe('点这里好');
      const stored = await t.ctx.db.kysely
        .selectFrom('knowledge_variants')
        .select('body_html')
        .where('entry_id', '=', entry.id)
        .executeTakeFirstOrThrow();
      expect(stored.body_html).not.toMatch(/script|onerror|javascript/);
    });

    it('an editor adds a similar question and the search answers it right away', async () => {
      const entry = await createEntry(admin, faq('退款多久到账？', '1–3 个工作日原路退回。'));
      const before = await search('钱啥时候回到我卡里');
      expect(before[0]?.score ?? 0).toBeLessThan(1);
      const added = await call(t.app, supervisor, 'POST', `/api/knowledge/entries/${entry.id}/similar-questions`, {
        locale: 'zh-CN',
        question: '钱啥时候回到我卡里',
      });
      expect(added.statusCode, added.body).toBe(200);
      expect(added.json().variants[0].similarQuestions).toEqual(['钱啥时候回到我卡里']);
      const [hit] = await search('錢啥時候回到我卡裡？');
      expect(hit).toMatchObject({ entryId: entry.id, score: 1, matchedQuestion: '钱啥时候回到我卡里' });
      // Adding it again (full width, Traditional) changes nothing.
      const again = await call(t.app, admin, 'POST', `/api/knowledge/entries/${entry.id}/similar-questions`, {
        locale: 'zh-CN',
        question: '錢啥時候回到我卡裡',
      });
      expect(again.json().variants[0]).toMatchObject({ similarQuestions: ['钱啥时候回到我卡里'], version: 2 });
    });

    it('deleting an entry takes it out of search and records who did it', async () => {
      const entry = await createEntry(admin, faq('可以开专票吗？', '可以，请提供税号。'));
      expect((await search('可以开专票吗'))[0]?.entryId).toBe(entry.id);
      expect((await call(t.app, agent, 'DELETE', `/api/knowledge/entries/${entry.id}`)).statusCode).toBe(403);
      expect((await call(t.app, admin, 'DELETE', `/api/knowledge/entries/${entry.id}`)).statusCode).toBe(200);
      expect((await search('可以开专票吗')).map((h) => h.entryId)).not.toContain(entry.id);
      expect((await call(t.app, admin, 'GET', `/api/knowledge/entries/${entry.id}`)).statusCode).toBe(404);
      const audit = await t.ctx.db.kysely
        .selectFrom('audit_events')
        .select(['actor_id', 'details'])
        .where('action', '=', 'knowledge_entry.deleted')
        .where('target_id', '=', entry.id)
        .executeTakeFirstOrThrow();
      expect(audit.actor_id).toBe(ws.users.admin.id);
      expect(JSON.parse(audit.details)).toEqual({ titles: ['可以开专票吗？'] });
    });
  });

  describe('synonyms', () => {
    it('a synonym group makes one word find the other, and editing it needs knowledge.manage', async () => {
      const entry = await createEntry(admin, faq('物流信息在哪里看？', '在“我的订单”里查看。'));
      const before = await search('快递到哪了');
      expect(before.find((h) => h.entryId === entry.id)?.score ?? 0).toBeLessThan(0.75);
      expect(
        (await call(t.app, agent, 'POST', '/api/knowledge/synonyms', { words: ['快递', '物流'] })).statusCode,
      ).toBe(403);
      const one = await call(t.app, admin, 'POST', '/api/knowledge/synonyms', { words: ['快递', '快遞'] });
      expect(one.statusCode).toBe(400);
      const created = await call(t.app, admin, 'POST', '/api/knowledge/synonyms', { words: ['快递', '物流', '包裹'] });
      expect(created.statusCode, created.body).toBe(201);
      const [hit] = await search('快递信息在哪里看');
      expect(hit?.entryId).toBe(entry.id);
      expect(hit?.score).toBeGreaterThanOrEqual(0.75);

      const id = created.json().id;
      expect(
        (await call(t.app, admin, 'PUT', `/api/knowledge/synonyms/${id}`, { words: ['快递', '包裹'] })).statusCode,
      ).toBe(200);
      expect((await search('快递信息在哪里看'))[0]?.score ?? 0).toBeLessThan(hit!.score);
      expect((await call(t.app, admin, 'GET', '/api/knowledge/synonyms')).json().items).toEqual([
        expect.objectContaining({ id, words: ['快递', '包裹'] }),
      ]);
      expect((await call(t.app, admin, 'DELETE', `/api/knowledge/synonyms/${id}`)).statusCode).toBe(200);
      expect(await auditActions(ws.accountId)).toEqual(
        expect.arrayContaining(['knowledge_synonym.created', 'knowledge_synonym.updated', 'knowledge_synonym.deleted']),
      );
    });
  });

  describe('the index on another node', () => {
    it('sees an edit made elsewhere within a second, and a deletion too', async () => {
      // A second node: its own context object, so its own index cache, over the same database.
      const node2: AppContext = { ...t.ctx };
      const entry = await createEntry(admin, faq('支持货到付款吗？', '暂不支持。'));
      expect((await searchKnowledge(node2, ws.accountId, '支持货到付款吗'))[0]?.entryId).toBe(entry.id);

      const saved = await call(t.app, admin, 'PUT', `/api/knowledge/entries/${entry.id}/variants/zh-CN`, {
        title: '支持货到付款吗？',
        body: '部分城市支持货到付款。',
        status: 'published',
      });
      expect(saved.statusCode).toBe(200);
      t.clock.advance(KNOWLEDGE_RECHECK_MS);
      expect((await searchKnowledge(node2, ws.accountId, '支持货到付款吗'))[0]?.answer.text).toBe(
        '部分城市支持货到付款。',
      );

      await call(t.app, admin, 'DELETE', `/api/knowledge/entries/${entry.id}`);
      t.clock.advance(KNOWLEDGE_RECHECK_MS);
      expect((await searchKnowledge(node2, ws.accountId, '支持货到付款吗')).map((h) => h.entryId)).not.toContain(
        entry.id,
      );
    });
  });

  describe('suggestions for a conversation', () => {
    it("answers the customer's last message; a conversation of another workspace is not found", async () => {
      const entry = await createEntry(admin, faq('下单后多久发货？', '现货 48 小时内发货。'));
      const inbox = await createTestInbox(t.ctx, ws.accountId);
      const session = await widgetSessionStarter(t.ctx, { websiteToken: inbox.website_token });
      const visitor = verifyVisitorToken(t.ctx.config.secret, session.visitorToken, t.clock.now())!;
      const send = (content: string, conversationId: string | null) =>
        visitorMessageSender(
          t.ctx,
          visitor,
          { clientId: `kb-${++clientIds}`, conversationId, content, attachmentIds: [] },
          () => ({ pageUrl: null, referrer: null, browser: null, os: null, ip: null, location: null }),
        );
      const first = await send('你好', null);
      const conversationId = first.conversation.id;
      const none = await call(t.app, agent, 'GET', `/api/knowledge/suggestions?conversationId=${conversationId}`);
      expect(none.statusCode).toBe(200);
      expect(none.json()).toEqual({ question: '你好', items: [] });

      await send('啥时候发货呀', conversationId);
      const res = await call(t.app, agent, 'GET', `/api/knowledge/suggestions?conversationId=${conversationId}`);
      expect(res.json().question).toBe('啥时候发货呀');
      expect(res.json().items[0]).toMatchObject({
        entryId: entry.id,
        title: '下单后多久发货？',
        answer: { text: '现货 48 小时内发货。', html: '<p>现货 48 小时内发货。</p>' },
      });

      const foreign = await call(
        t.app,
        otherAdmin,
        'GET',
        `/api/knowledge/suggestions?conversationId=${conversationId}`,
      );
      expect(foreign.statusCode).toBe(404);
    });
  });

  describe('pictures', () => {
    const pngBytes = Buffer.from(
      '89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944415408d763f8cfc000000301010018dd8db40000000049454e44ae426082',
      'hex',
    );
    const upload = (session: Session, data: Buffer, name: string) => {
      const boundary = '----kefu-kb-test';
      const payload = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: image/png\r\n\r\n`,
        ),
        data,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return t.app.inject({
        method: 'POST',
        url: '/api/knowledge/pictures',
        headers: {
          'content-type': `multipart/form-data; boundary=${boundary}`,
          cookie: session.cookie,
          'x-csrf-token': session.csrfToken,
        },
        payload,
      });
    };

    it('stores a picture by its bytes and serves it publicly, sandboxed; anything else is refused', async () => {
      const res = await upload(admin, pngBytes, '流程.png');
      expect(res.statusCode, res.body).toBe(201);
      const picture = res.json();
      expect(picture).toMatchObject({
        contentType: 'image/png',
        fileName: '流程.png',
        url: `/api/knowledge/pictures/${picture.id}`,
      });
      const served = await t.app.inject({ method: 'GET', url: picture.url });
      expect(served.statusCode).toBe(200);
      expect(served.headers['content-type']).toBe('image/png');
      expect(served.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
      expect(served.rawPayload.equals(pngBytes)).toBe(true);

      const entry = await createEntry(admin, faq('退货流程是什么？', `如图：\n![流程](${picture.url})`));
      expect(entry.variants[0]!.html).toContain(`<img src="${picture.url}" alt="流程" />`);

      const svg = await upload(
        admin,
        Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        'x.png',
      );
      expect(svg.statusCode).toBe(415);
      expect((await upload(agent, pngBytes, 'a.png')).statusCode).toBe(403);
    });
  });

  describe('tenant isolation', () => {
    it("another workspace's admin can neither read, change nor find this workspace's entries", async () => {
      const entry = await createEntry(admin, faq('会员怎么升级？', '消费满 1000 元自动升级。'));
      const url = `/api/knowledge/entries/${entry.id}`;
      expect((await call(t.app, otherAdmin, 'GET', url)).statusCode).toBe(404);
      expect((await call(t.app, otherAdmin, 'PATCH', url, { kind: 'article' })).statusCode).toBe(404);
      expect(
        (
          await call(t.app, otherAdmin, 'PUT', `${url}/variants/zh-CN`, {
            title: '被改了',
            body: 'x',
            status: 'published',
          })
        ).statusCode,
      ).toBe(404);
      expect((await call(t.app, otherAdmin, 'DELETE', url)).statusCode).toBe(404);
      expect((await call(t.app, otherAdmin, 'GET', `${url}/versions`)).statusCode).toBe(404);
      expect(
        (await call(t.app, otherAdmin, 'POST', `${url}/similar-questions`, { locale: 'zh-CN', question: 'x' }))
          .statusCode,
      ).toBe(404);
      expect((await searchKnowledge(t.ctx, other.accountId, '会员怎么升级')).map((h) => h.entryId)).not.toContain(
        entry.id,
      );
      const foreignList = (await call(t.app, otherAdmin, 'GET', '/api/knowledge/entries')).json().items;
      expect(foreignList.map((e: { id: string }) => e.id)).not.toContain(entry.id);
      expect((await call(t.app, admin, 'GET', url)).json().variants[0].title).toBe('会员怎么升级？');
    });
  });
});
