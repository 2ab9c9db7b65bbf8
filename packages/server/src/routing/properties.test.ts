import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { RoutingKit } from '../test/routingKit.js';
import { runSimulation, type Scenario, type SimAgent, type SimArrival } from '../test/routingSimulation.js';
import { createTestApp, type TestApp } from '../test/testApp.js';
import { testDatabaseKind } from '../test/testDatabase.js';

/**
 * Property-based: small workspaces and random arrivals (VIPs, returning customers, owners, team choices, chat
 * lengths) in random orders, through the real router. The simulation engine checks the invariants after every
 * event (no agent past their limit, nobody waiting while an eligible agent has room, VIPs first in their queue,
 * returning customers with their previous agent when it has room, counters equal to real counts) and throws on
 * the first violation, which fast-check then shrinks.
 */
const agentArb = fc.record({
  limit: fc.integer({ min: 1, max: 3 }),
  /** Online from `start` to `end` minutes, with an optional break. */
  start: fc.integer({ min: 0, max: 10 }),
  length: fc.integer({ min: 10, max: 40 }),
  breakAt: fc.option(fc.integer({ min: 2, max: 8 }), { nil: null }),
});

const scenarioArb = fc
  .record({
    teams: fc.array(fc.array(agentArb, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }),
    arrivals: fc.array(
      fc.record({
        team: fc.option(fc.nat(2), { nil: null }),
        vip: fc.boolean(),
        returning: fc.boolean(),
        owner: fc.option(fc.tuple(fc.nat(2), fc.nat(2)), { nil: null }),
        duration: fc.integer({ min: 60, max: 1200 }),
      }),
      { minLength: 5, maxLength: 30 },
    ),
    gap: fc.integer({ min: 5, max: 60 }),
  })
  .chain((s) =>
    fc.record({
      base: fc.constant(s),
      order: fc.shuffledSubarray(
        s.arrivals.map((_, i) => i),
        { minLength: s.arrivals.length },
      ),
    }),
  )
  .map(({ base, order }): Scenario => {
    const teams: SimAgent[][] = base.teams.map((team, t) =>
      team.map((a, i) => {
        const end = a.start + a.length;
        const shifts =
          a.breakAt === null
            ? [{ from: a.start, to: end }]
            : [
                { from: a.start, to: a.start + a.breakAt },
                { from: a.start + a.breakAt + 2, to: end },
              ];
        return { name: `${t}-${i}`, limit: a.limit, shifts, group: `${t}-${i}` };
      }),
    );
    const arrivals: SimArrival[] = order.map((index, position) => {
      const a = base.arrivals[index]!;
      const team = a.team !== null && a.team < teams.length ? a.team : null;
      const owner =
        a.owner !== null && a.owner[0] < teams.length && a.owner[1] < teams[a.owner[0]]!.length ? a.owner : null;
      return { ...a, team, owner, at: 30 + position * base.gap };
    });
    return { teams, arrivals };
  });

describe(`routing properties over random arrival orders (${testDatabaseKind()})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('every invariant holds for any workspace and any order of arrivals', { timeout: 120_000 }, async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (scenario) => {
        run += 1;
        const kit = await RoutingKit.create(t.ctx, `property-${run}`);
        await runSimulation(kit, t.clock, scenario);
      }),
      {
        numRuns: Number(process.env.ROUTING_PROPERTY_RUNS ?? 15),
        seed: Number(process.env.ROUTING_PROPERTY_SEED ?? 4242),
        endOnFailure: true,
      },
    );
  });
});
