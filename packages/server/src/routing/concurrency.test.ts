import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversationOpener } from '../conversations/conversationOpener.js';
import { conversationUpdater } from '../conversations/conversationUpdater.js';
import { storeMessage } from '../conversations/messageCreator.js';
import { type KitAgent, RoutingKit } from '../test/routingKit.js';
import { createTestApp, type TestApp } from '../test/testApp.js';
import { testDatabaseKind } from '../test/testDatabase.js';
import { conversationRouter } from './conversationRouter.js';

/**
 * Routing under concurrency. On PostgreSQL the routers below run truly at once on separate pooled connections (as
 * two nodes would); on SQLite writers take turns anyway, and the same assertions hold.
 */
describe(`routing under concurrency (${testDatabaseKind()})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  /** Conversations opened with their first message, not yet routed (as if many arrived in the same instant). */
  async function unrouted(kit: RoutingKit, count: number, label: string): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const visitor = await kit.visitor();
      const id = await t.ctx.db.kysely.transaction().execute(async (trx) => {
        const conversationId = await conversationOpener(t.ctx, trx, {
          accountId: kit.accountId,
          inboxId: kit.inbox.id,
          contactId: visitor.contactId,
          meta: { pageUrl: null, referrer: null, browser: null, os: null, ip: null, location: null },
        });
        await storeMessage(trx, t.clock.now(), {
          accountId: kit.accountId,
          conversationId,
          kind: 'incoming',
          sender: { type: 'contact', id: visitor.contactId, name: null },
          content: `${label} ${i}`,
          attachmentIds: [],
        });
        return conversationId;
      });
      ids.push(id);
    }
    return ids;
  }

  async function realCounts(kit: RoutingKit, agents: KitAgent[]) {
    const rows = await t.ctx.db.kysely
      .selectFrom('conversations')
      .select(['assignee_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('account_id', '=', kit.accountId)
      .where('status', '!=', 'resolved')
      .where('assignee_id', 'is not', null)
      .groupBy('assignee_id')
      .execute();
    const counts = new Map(rows.map((r) => [r.assignee_id, Number(r.n)]));
    return agents.map((a) => counts.get(a.id) ?? 0);
  }

  async function assignedEntries(conversationIds: string[]) {
    const rows = await t.ctx.db.kysely
      .selectFrom('messages')
      .select(['conversation_id', 'activity'])
      .where('conversation_id', 'in', conversationIds)
      .where('kind', '=', 'activity')
      .execute();
    return rows.filter((r) => r.activity?.includes('"routing.assigned"'));
  }

  it('twenty arrivals at once never push an agent past the limit, and every free seat is used', async () => {
    const kit = await RoutingKit.create(t.ctx, 'burst');
    const agents = [
      await kit.agent('甲', { limit: 2, presence: 'online' }),
      await kit.agent('乙', { limit: 2, presence: 'online' }),
      await kit.agent('丙', { limit: 3, presence: 'online' }),
    ];
    const ids = await unrouted(kit, 20, 'burst');
    const outcomes = await Promise.all(ids.map((id) => conversationRouter(t.ctx, kit.accountId, id)));
    expect(await realCounts(kit, agents)).toEqual([2, 2, 3]);
    expect(await Promise.all(agents.map((a) => kit.load(a)))).toEqual([2, 2, 3]);
    const assigned = await assignedEntries(ids);
    expect(assigned).toHaveLength(7);
    expect(new Set(assigned.map((r) => r.conversation_id)).size).toBe(7);
    const states = await Promise.all(ids.map(async (id) => (await kit.routing(id))!.state));
    expect(states.filter((s) => s === 'assigned')).toHaveLength(7);
    expect(states.filter((s) => s === 'queued')).toHaveLength(13);
    expect(outcomes.filter((o) => o.kind === 'assigned' || o.kind === 'queued')).toHaveLength(20);
  });

  it('one conversation routed ten times at once is assigned once', async () => {
    const kit = await RoutingKit.create(t.ctx, 'same');
    const agents = [await kit.agent('甲', { presence: 'online' }), await kit.agent('乙', { presence: 'online' })];
    const [id] = await unrouted(kit, 1, 'same');
    await Promise.all(Array.from({ length: 10 }, () => conversationRouter(t.ctx, kit.accountId, id!)));
    expect(await assignedEntries([id!])).toHaveLength(1);
    expect((await realCounts(kit, agents)).reduce((a, b) => a + b)).toBe(1);
    expect((await Promise.all(agents.map((a) => kit.load(a)))).reduce((a, b) => a + b)).toBe(1);
  });

  it('resolves, arrivals and manual assignments interleaved keep every counter equal to the real count, within limits', async () => {
    const kit = await RoutingKit.create(t.ctx, 'mixed');
    const agents = [
      await kit.agent('甲', { limit: 3, presence: 'online' }),
      await kit.agent('乙', { limit: 3, presence: 'online' }),
    ];
    const first = await unrouted(kit, 6, 'first');
    await Promise.all(first.map((id) => conversationRouter(t.ctx, kit.accountId, id)));
    expect(await realCounts(kit, agents)).toEqual([3, 3]);
    const more = await unrouted(kit, 10, 'more');
    const pool = await unrouted(kit, 4, 'pool');
    // At once: the first six are resolved by their agents, ten arrive, and agents take four from the pool by hand.
    await Promise.all([
      ...first.map(async (id) => {
        const assignee = await kit.assignee(id);
        const owner = agents.find((a) => a.id === assignee)!;
        await kit.resolve(owner, id);
      }),
      ...more.map((id) => conversationRouter(t.ctx, kit.accountId, id)),
      ...pool.map((id, i) =>
        conversationUpdater(t.ctx, agents[i % 2]!.actor, id, { assigneeId: agents[i % 2]!.id }).catch(
          (error: { code?: string }) => {
            // A full agent cannot pick: that is the limit doing its job.
            if (error.code !== 'CONFLICT') throw error;
          },
        ),
      ),
    ]);
    const real = await realCounts(kit, agents);
    expect(await Promise.all(agents.map((a) => kit.load(a)))).toEqual(real);
    for (const n of real) expect(n).toBeLessThanOrEqual(3);
    // Every seat freed was filled again: both agents are full, and the rest wait.
    expect(real).toEqual([3, 3]);
  });
});
