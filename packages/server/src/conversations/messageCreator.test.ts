import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RealtimeEvent } from '../realtime/events.js';
import { createTestApp, seedWorkspace, type TestApp } from '../test/testApp.js';
import { testDatabaseKind } from '../test/testDatabase.js';
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

  /** A workspace, an inbox and `n` visitors with an open conversation each. */
  async function conversations(label: string, n: number) {
    const w = await seedWorkspace(t.ctx, label);
    const inbox = await createTestInbox(t.ctx, w.accountId);
    const out: { accountId: string; conversationId: string; contact: { id: string; name: string } }[] = [];
    for (let i = 0; i < n; i++) {
      const session = await widgetSessionStarter(t.ctx, { websiteToken: inbox.website_token });
      const conversationId = await conversationOpener(t.ctx, t.ctx.db.kysely, {
        accountId: w.accountId,
        inboxId: inbox.id,
        contactId: session.contact.id,
        meta: { pageUrl: null, referrer: null, browser: null, os: null, ip: null, location: null },
      });
      out.push({ accountId: w.accountId, conversationId, contact: session.contact });
    }
    return out;
  }
  const incoming = (c: Awaited<ReturnType<typeof conversations>>[number], content: string, clientId: string) => ({
    accountId: c.accountId,
    conversationId: c.conversationId,
    kind: 'incoming' as const,
    sender: { type: 'contact' as const, id: c.contact.id, name: c.contact.name },
    content,
    clientId,
  });

  it('messages sent together are each stored once, in order; one that fails takes no other down', async () => {
    // On SQLite these share one commit (group commit with a savepoint each); on PostgreSQL each has its own.
    const [a, b] = await conversations('together', 2);
    const events: RealtimeEvent[] = [];
    const unsubscribe = t.ctx.bus.subscribe((event) => events.push(event));
    try {
      const sends = [
        ...Array.from({ length: 20 }, (_, i) => incoming(a!, `A${i}`, `together-a-${i}`)),
        ...Array.from({ length: 20 }, (_, i) => incoming(b!, `B${i}`, `together-b-${i}`)),
      ];
      // Interleaved, with a send to a conversation that does not exist and a resend of the same clientId.
      const order = sends.flatMap((_, i) => (i < 20 ? [sends[i]!, sends[i + 20]!] : []));
      order.splice(7, 0, { ...incoming(a!, 'nowhere', 'together-x-1'), conversationId: a!.accountId });
      order.splice(12, 0, incoming(a!, 'A3', 'together-a-3'));
      const results = await Promise.allSettled(order.map((input) => messageCreator(t.ctx, input)));

      const failed = results.flatMap((r, i) => (r.status === 'rejected' ? [[order[i]!.content, r.reason.code]] : []));
      expect(failed).toEqual([['nowhere', 'NOT_FOUND']]);
      const ok = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
      expect(ok.filter((r) => r.duplicate).map((r) => r.message.content)).toEqual(['A3']);
      for (const c of [a!, b!]) {
        const rows = await t.ctx.db.kysely
          .selectFrom('messages')
          .select(['seq', 'content'])
          .where('conversation_id', '=', c.conversationId)
          .orderBy('seq')
          .execute();
        const prefix = c === a ? 'A' : 'B';
        const expected = Array.from({ length: 20 }, (_, i) => `${prefix}${i}`);
        expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
        // SQLite stores them in the order they were submitted; PostgreSQL runs them concurrently (a socket's own
        // messages are ordered because the gateway sends one at a time).
        if (testDatabaseKind() === 'sqlite') expect(rows.map((r) => r.content)).toEqual(expected);
        else expect(rows.map((r) => r.content).sort()).toEqual([...expected].sort());
      }
      // Each announced after commit; the resend once more on SQLite (on PostgreSQL the two A3 transactions may
      // race, and the one that loses on the unique constraint leaves the announcing to the winner).
      const announcedA = events.flatMap((e) =>
        e.type === 'message.created' && e.message.conversation_id === a!.conversationId ? [e.message.content] : [],
      );
      expect(new Set(announcedA).size).toBe(20);
      if (testDatabaseKind() === 'sqlite') expect(announcedA.filter((c) => c === 'A3')).toHaveLength(2);
      expect(announcedA.length).toBeGreaterThanOrEqual(20);
      const conversation = await t.ctx.db.kysely
        .selectFrom('conversations')
        .select(['last_seq', 'unread_count', 'last_message_preview'])
        .where('id', '=', a!.conversationId)
        .executeTakeFirstOrThrow();
      expect(conversation).toMatchObject({ last_seq: 20, unread_count: 20 });
      if (testDatabaseKind() === 'sqlite') expect(conversation.last_message_preview).toBe('A19');
    } finally {
      unsubscribe();
    }
  });

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
