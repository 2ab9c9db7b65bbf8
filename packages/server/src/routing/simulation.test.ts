import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RoutingKit } from '../test/routingKit.js';
import { runSimulation } from '../test/routingSimulation.js';
import { simulationScenario } from '../test/simulationScenario.js';
import { createTestApp, type TestApp } from '../test/testApp.js';
import { testDatabaseKind } from '../test/testDatabase.js';

/** The test database's pool size (test/testDatabase.ts). */
const POOL_SIZE = 5;

/**
 * On PostgreSQL, the simulation's ~12,000 commits would each wait for the disk (2–3 ms here): a test database
 * needs no durability, so this run's connections commit without waiting (`synchronous_commit = off`, which
 * changes nothing about isolation or locking). All of the pool's connections are held at once, so each gets it.
 */
async function withoutWaitingForDisk(t: TestApp): Promise<void> {
  if (testDatabaseKind() !== 'postgres') return;
  let release!: () => void;
  const allHeld = new Promise<void>((resolve) => {
    release = resolve;
  });
  let held = 0;
  await Promise.all(
    Array.from({ length: POOL_SIZE }, () =>
      t.ctx.db.kysely.transaction().execute(async (trx) => {
        await sql`set synchronous_commit = off`.execute(trx);
        held += 1;
        if (held === POOL_SIZE) release();
        await allHeld;
      }),
    ),
  );
}

describe(`routing simulation (${testDatabaseKind()})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await withoutWaitingForDisk(t);
  });
  afterAll(() => t.close());

  // 6–20 s on SQLite and about 50 s on PostgreSQL on this 2-core machine (docs/PERFORMANCE.md); the timeout leaves
  // room for a machine busy with other work.
  it('2,000 arrivals, 50 agents in 5 teams: every invariant holds after every event', {
    timeout: 300_000,
  }, async () => {
    const kit = await RoutingKit.create(t.ctx, 'simulation');
    const result = await runSimulation(kit, t.clock, simulationScenario(20260302));
    expect(result.arrivals).toBe(2000);
    // The scenario does exercise what it claims: queues formed, VIPs overtook, returning customers were checked.
    expect(result.queuedAtSomePoint).toBeGreaterThan(50);
    expect(result.vipChecked).toBeGreaterThan(50);
    expect(result.returningChecked).toBeGreaterThan(100);
    // Spread among equal agents (same team, limit and schedule): their chats in progress, averaged over the time
    // they were online, differ by at most 0.25 (the strategy's doing); the number of chats each handled differs by
    // at most a fifth of the group's mean (chat lengths are random, so an agent whose chats end sooner takes more).
    for (const names of result.groups.values()) {
      if (names.length < 2) continue;
      const averages = names.map((n) => result.averageLoad.get(n)!);
      const counts = names.map((n) => result.assignments.get(n) ?? 0);
      const mean = counts.reduce((a, b) => a + b, 0) / counts.length;
      const group = JSON.stringify({ names, averages, counts });
      expect(Math.max(...averages) - Math.min(...averages), group).toBeLessThanOrEqual(0.25);
      expect(Math.max(...counts) - Math.min(...counts), group).toBeLessThanOrEqual(Math.max(3, mean / 5));
    }
  });
});
