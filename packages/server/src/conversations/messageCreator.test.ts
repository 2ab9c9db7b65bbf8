import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RealtimeEvent } from '../realtime/events.js';
import { createTestApp, seedWorkspace, type TestApp } from '../test/testApp.js';
import { createTestInbox } from '../test/testWidget.js';
import { widgetSessionStarter } from '../widget/widgetSession.js';
import { conversationOpener } from './conversationOpener.js';
import { messageCreator } from './messageCreator.js';

describe('messageCreator', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('announces a duplicate again: the node that stored it may have died before announcing it', async () => {
    const w = await seedWorkspace(t.ctx, 'dup');
    const inbox = await createTestInbox(t.ctx, w.accountId);
    const session = await widgetSessionStarter(t.ctx, { websiteToken: inbox.website_token });
    const conversationId = await conversationOpener(t.ctx, t.ctx.db.kysely, {
      accountId: w.accountId,
      inboxId: inbox.id,
      contactId: session.contact.id,
      meta: { pageUrl: null, referrer: null, browser: null, os: null, ip: null, location: null },
    });
    const events: RealtimeEvent[] = [];
    const unsubscribe = t.ctx.bus.subscribe((event) => events.push(event));
    try {
      const input = {
        accountId: w.accountId,
        conversationId,
        kind: 'incoming' as const,
        sender: { type: 'contact' as const, id: session.contact.id, name: session.contact.name },
        content: '在吗？',
        clientId: 'resend-after-failover',
      };
      const first = await messageCreator(t.ctx, input);
      const again = await messageCreator(t.ctx, input);
      expect(first.duplicate).toBe(false);
      expect(again).toMatchObject({ duplicate: true, message: { id: first.message.id, seq: 1 } });

      const announced = events.filter((e) => e.type === 'message.created');
      expect(announced.map((e) => e.type === 'message.created' && [e.message.id, e.message.seq])).toEqual([
        [first.message.id, 1],
        [first.message.id, 1],
      ]);
      // Stored once: the conversation moved on by one message, not two.
      const conversation = await t.ctx.db.kysely
        .selectFrom('conversations')
        .select(['last_seq', 'unread_count'])
        .where('id', '=', conversationId)
        .executeTakeFirstOrThrow();
      expect(conversation).toEqual({ last_seq: 1, unread_count: 1 });
    } finally {
      unsubscribe();
    }
  });
});
