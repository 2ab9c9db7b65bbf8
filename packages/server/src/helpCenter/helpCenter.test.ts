import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, type Session, seedWorkspace, signInAs, type TestApp } from '../test/testApp.js';
import { createTestInbox } from '../test/testWidget.js';

describe('public help center', () => {
  let t: TestApp;
  let admin: Session;
  let token: string;
  let otherToken: string;
  let refundId: string;
  let draftId: string;
  let categoryId: string;
  let foreignId: string;

  const page = (url: string) => t.app.inject({ method: 'GET', url });

  beforeAll(async () => {
    t = await createTestApp();
    const ws = await seedWorkspace(t.ctx, 'help');
    const other = await seedWorkspace(t.ctx, 'help-other');
    admin = await signInAs(t.app, ws.users.admin.email);
    token = (await createTestInbox(t.ctx, ws.accountId)).website_token;
    otherToken = (await createTestInbox(t.ctx, other.accountId)).website_token;
    const category = await call(t.app, admin, 'POST', '/api/knowledge/categories', {
      name: '售后服务',
      translations: { en: 'After-sales' },
    });
    categoryId = category.json().id;
    const create = async (session: Session, title: string, body: string, status: string, extra: object = {}) =>
      (
        await call(t.app, session, 'POST', '/api/knowledge/entries', {
          kind: 'faq',
          categoryId: null,
          variant: { title, body, status },
          ...extra,
        })
      ).json().id as string;
    refundId = await create(
      admin,
      '退款多久到账？',
      '原路退回，**1–3** 个工作日。\n\n[查看进度](https://shop.example/r)',
      'published',
      {
        categoryId,
      },
    );
    draftId = await create(admin, '内部草稿问题', '还没写好', 'draft', { categoryId });
    await create(admin, '<script>alert(1)</script>标题', '<img src=x onerror=alert(1)>正文', 'published');
    const otherAdmin = await signInAs(t.app, other.users.admin.email);
    foreignId = await create(otherAdmin, '别家的问题', '别家的答案', 'published');
  });
  afterAll(() => t.close());

  it('serves the home page with categories, published questions and a script-free CSP', async () => {
    const res = await page(`/help/${token}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('script-src');
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.body).toContain('Workspace help 帮助中心');
    expect(res.body).toContain(`href="/help/${token}/categories/${categoryId}"`);
    expect(res.body).toContain('售后服务');
    expect(res.body).toContain('退款多久到账？');
    expect(res.body).not.toContain('内部草稿问题');
    expect(res.body).not.toContain('别家的问题');
  });

  it('escapes every value and keeps only sanitised answers', async () => {
    const home = await page(`/help/${token}`);
    expect(home.body).not.toContain('<script>alert(1)');
    expect(home.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;标题');
    const search = await page(`/help/${token}/search?q=${encodeURIComponent('"><script>alert(1)</script>')}`);
    expect(search.statusCode).toBe(200);
    expect(search.body).not.toContain('<script>alert(1)');
    expect(search.body).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    const id = (
      await t.ctx.db.kysely
        .selectFrom('knowledge_variants')
        .select('entry_id')
        .where('title', '=', '<script>alert(1)</script>标题')
        .executeTakeFirstOrThrow()
    ).entry_id;
    const entry = await page(`/help/${token}/entries/${id}`);
    expect(entry.body).not.toMatch(/onerror|<script>alert/);
  });

  it('shows an entry with its rendered answer, breadcrumbs and related questions', async () => {
    const res = await page(`/help/${token}/entries/${refundId}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1>退款多久到账？</h1>');
    expect(res.body).toContain('<strong>1–3</strong>');
    expect(res.body).toContain(
      '<a href="https://shop.example/r" target="_blank" rel="noopener noreferrer nofollow">查看进度</a>',
    );
    expect(res.body).toContain(`<a href="/help/${token}/categories/${categoryId}">售后服务</a>`);
  });

  it('answers drafts, other workspaces and unknown tokens with a 404 page', async () => {
    expect((await page(`/help/${token}/entries/${draftId}`)).statusCode).toBe(404);
    expect((await page(`/help/${token}/entries/${foreignId}`)).statusCode).toBe(404);
    expect((await page(`/help/${otherToken}/entries/${refundId}`)).statusCode).toBe(404);
    const unknown = await page('/help/no-such-token');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(unknown.body).toContain('页面不存在');
  });

  it('searches with the knowledge search, in Traditional too', async () => {
    const res = await page(`/help/${token}/search?q=${encodeURIComponent('退款幾天到賬')}&lang=zh-TW`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<html lang="zh-TW">');
    // zh-TW readers get the zh-CN entry converted to Traditional, and links keep the language.
    expect(res.body).toContain(`href="/help/${token}/entries/${refundId}?lang=zh-TW"`);
    expect(res.body).toContain('退款多久到賬？');
    expect(res.body).toContain('<input type="hidden" name="lang" value="zh-TW">');
    const none = await page(`/help/${token}/search?q=${encodeURIComponent('火星旅游')}`);
    expect(none.body).toContain('没有找到相关内容');
  });

  it('speaks English on ?lang=en, with translated category names and only English content', async () => {
    const res = await page(`/help/${token}?lang=en`);
    expect(res.body).toContain('<html lang="en">');
    expect(res.body).toContain('Workspace help Help Center');
    expect(res.body).not.toContain('退款多久到账');
    await call(t.app, admin, 'PUT', `/api/knowledge/entries/${refundId}/variants/en`, {
      title: 'How long does a refund take?',
      body: 'One to three business days.',
      status: 'published',
    });
    const after = await page(`/help/${token}?lang=en`);
    expect(after.body).toContain('After-sales');
    expect(after.body).toContain('How long does a refund take?');
  });
});
