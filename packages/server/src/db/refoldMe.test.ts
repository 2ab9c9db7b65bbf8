import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageIndexer } from '../search/messageIndexer.js';
import { call, createTestApp, type Session, seedWorkspace, signInAs, type TestApp } from '../test/testApp.js';
import { createTestInbox } from '../test/testWidget.js';
import { visitorMessageSender } from '../widget/visitorMessageSender.js';
import { verifyVisitorToken } from '../widget/visitorToken.js';
import { widgetSessionStarter } from '../widget/widgetSession.js';
import { up as refoldMe } from './migrations/0011_refold_me.js';

const meta = () => ({ pageUrl: null, referrer: null, browser: null, os: null, ip: null, location: null });

/** Rows stored before folding kept 么, as the old folding wrote them, and what migration 0011 makes of them. */
describe('migration 0011: text folded with 么 turned into 幺', () => {
  let t: TestApp;
  let admin: Session;
  let accountId: string;
  let messageId: string;

  const indexAll = async () => {
    while ((await messageIndexer(t.ctx)).more) {}
  };
  const searchHits = async (q: string) => {
    const res = await call(t.app, admin, 'GET', `/api/conversations/search?q=${encodeURIComponent(q)}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items.length as number;
  };

  beforeAll(async () => {
    t = await createTestApp();
    const w = await seedWorkspace(t.ctx, 'rf');
    accountId = w.accountId;
    admin = await signInAs(t.app, w.users.admin.email);
    const inbox = await createTestInbox(t.ctx, accountId);
    const session = await widgetSessionStarter(t.ctx, { websiteToken: inbox.website_token });
    const visitor = verifyVisitorToken(t.ctx.config.secret, session.visitorToken, t.clock.now())!;
    const sent = await visitorMessageSender(
      t.ctx,
      visitor,
      { clientId: 'refold-1-message', conversationId: null, content: '这个怎么退货', attachmentIds: [] },
      meta,
    );
    messageId = sent.message.id;
    await indexAll();
  });
  afterAll(() => t.close());

  it('gives sensitive words their 么 back, moves the matcher version, and leaves a real 幺 alone', async () => {
    for (const word of ['什么鬼', '幺蛾子']) {
      expect((await call(t.app, admin, 'POST', '/api/moderation/words', { word })).statusCode).toBe(201);
    }
    const db = t.ctx.db.kysely;
    // What the old folding stored for 什么鬼.
    await db.updateTable('sensitive_words').set({ pattern: '什幺鬼' }).where('word', '=', '什么鬼').execute();
    const versionBefore = await db
      .selectFrom('moderation_settings')
      .select('version')
      .where('account_id', '=', accountId)
      .executeTakeFirstOrThrow();

    await refoldMe(db);

    const patterns = await db
      .selectFrom('sensitive_words')
      .select(['word', 'pattern'])
      .where('account_id', '=', accountId)
      .orderBy('word')
      .execute();
    expect(Object.fromEntries(patterns.map((row) => [row.word, row.pattern]))).toEqual({
      什么鬼: '什么鬼',
      幺蛾子: '幺蛾子',
    });
    const versionAfter = await db
      .selectFrom('moderation_settings')
      .select('version')
      .where('account_id', '=', accountId)
      .executeTakeFirstOrThrow();
    expect(Number(versionAfter.version)).toBeGreaterThan(Number(versionBefore.version));
  });

  it('drops the search documents of messages with 么 and the indexer writes them again', async () => {
    await indexAll(); // the test above ran the migration too
    expect(await searchHits('怎么退货')).toBe(1);
    const db = t.ctx.db.kysely;

    await refoldMe(db);

    const documents = await db.selectFrom('message_search').select('message_id').where('message_id', '=', messageId);
    expect(await documents.execute()).toEqual([]);
    const cursor = await db
      .selectFrom('indexer_cursors')
      .select('position')
      .where('name', '=', 'message_search')
      .executeTakeFirstOrThrow();
    expect(cursor.position).toBe('');

    await indexAll();
    expect(await documents.execute()).toEqual([{ message_id: messageId }]);
    expect(await searchHits('怎麼退貨')).toBe(1);
  });
});
