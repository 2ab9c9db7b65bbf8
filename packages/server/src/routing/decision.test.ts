import { ROUTING_STRATEGIES, type RoutingSettings, routingSettings } from '@kefu/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AgentLoad,
  type ConversationFacts,
  chooseAgent,
  comparator,
  planRoute,
  type RoutePlan,
  type RoutingSnapshot,
} from './decision.js';

/** The pure decision: examples, then properties over random snapshots and plans (fast-check). */

/** The defaults with some fields replaced (short team ids here, so not through the schema's uuid check). */
const settings = (overrides: Partial<RoutingSettings> = {}): RoutingSettings => ({
  ...routingSettings.parse({ enabled: true }),
  ...overrides,
});

const noFacts: ConversationFacts = {
  designatedAgentId: null,
  designatedTeamId: null,
  chosenTeamId: null,
  previousAgent: null,
  ownerId: null,
  contactTags: [],
  labels: [],
  locale: null,
  pageUrl: null,
};

function snapshot(
  agents: (Partial<AgentLoad> & { id: string })[],
  teams: { id: string; memberIds: string[]; chatLimit?: number | null; activeChats?: number }[] = [],
  signedInOnly: string[] = [],
): RoutingSnapshot {
  const available = new Map(
    agents.map((a) => [a.id, { activeChats: 0, chatLimit: 10, lastAssignedAt: 0, idleSince: 0, ...a }]),
  );
  return {
    available,
    signedIn: new Set([...available.keys(), ...signedInOnly]),
    teams: new Map(teams.map((t) => [t.id, { chatLimit: null, activeChats: 0, ...t }])),
  };
}

const NOW = 1_000_000_000;

describe('planRoute', () => {
  it('orders agent preferences as the rules are ordered, and a team rule narrows the rules after it', () => {
    const facts: ConversationFacts = {
      ...noFacts,
      designatedAgentId: 'd',
      previousAgent: { id: 'p', at: NOW - 3_600_000 },
      ownerId: 'o',
      chosenTeamId: 'T',
    };
    const plan = planRoute(facts, settings({ rules: ['owner', 'skill', 'previous_agent', 'designated'] }), NOW);
    expect(plan.preferred).toEqual([
      { agentId: 'o', rule: 'owner', withinTeamId: null },
      { agentId: 'p', rule: 'previous_agent', withinTeamId: 'T' },
      { agentId: 'd', rule: 'designated_agent', withinTeamId: 'T' },
    ]);
    expect(plan.team).toEqual({ id: 'T', rule: 'widget_team' });
    // A rule left out of the order does nothing.
    expect(planRoute(facts, settings({ rules: ['skill'] }), NOW).preferred).toEqual([]);
  });

  it('the previous agent counts only within the window; VIP tags and complaint labels give priority', () => {
    const old = planRoute({ ...noFacts, previousAgent: { id: 'p', at: NOW - 49 * 3_600_000 } }, settings(), NOW);
    expect(old.preferred).toEqual([]);
    expect(planRoute({ ...noFacts, contactTags: ['VIP'] }, settings(), NOW).priority).toBe(1);
    expect(planRoute({ ...noFacts, labels: ['投诉'] }, settings(), NOW).priority).toBe(1);
    expect(planRoute({ ...noFacts, contactTags: ['老客户'] }, settings(), NOW).priority).toBe(0);
  });

  it('skill rules in order: the widget choice first, then page address, language and tag; else the default team', () => {
    const s = settings({
      skillRules: [
        { match: 'page_url', value: '/refund', teamId: 'R' },
        { match: 'language', value: 'en', teamId: 'E' },
        { match: 'contact_tag', value: 'VIP', teamId: 'V' },
      ],
      defaultTeamId: 'D',
    });
    const teamOf = (facts: Partial<ConversationFacts>) => planRoute({ ...noFacts, ...facts }, s, NOW).team;
    expect(teamOf({ chosenTeamId: 'C', pageUrl: 'https://x/refund' })).toEqual({ id: 'C', rule: 'widget_team' });
    expect(teamOf({ pageUrl: 'https://x/refund?id=1', locale: 'en' })).toEqual({ id: 'R', rule: 'page_url' });
    expect(teamOf({ locale: 'EN-us' })).toEqual({ id: 'E', rule: 'language' });
    expect(teamOf({ contactTags: ['VIP'] })).toEqual({ id: 'V', rule: 'contact_tag' });
    expect(teamOf({})).toEqual({ id: 'D', rule: 'default_team' });
  });
});

describe('chooseAgent', () => {
  const plan = (p: Partial<RoutePlan> = {}): RoutePlan => ({
    preferred: [],
    team: null,
    excluded: [],
    priority: 0,
    ...p,
  });

  it('a preferred agent without room, or excluded, is passed over', () => {
    const snap = snapshot([{ id: 'a', activeChats: 10 }, { id: 'b' }, { id: 'c' }]);
    const choice = chooseAgent(
      plan({
        preferred: [
          { agentId: 'a', rule: 'previous_agent', withinTeamId: null },
          { agentId: 'b', rule: 'owner', withinTeamId: null },
        ],
        excluded: ['b'],
      }),
      snap,
      settings(),
      NOW,
      null,
    );
    expect(choice).toMatchObject({ kind: 'agent', agentId: 'c', rule: 'strategy' });
  });

  it('a team full by its own limit waits even if members have room; the backup team joins after the wait', () => {
    const snap = snapshot(
      [{ id: 'a' }, { id: 'b' }],
      [
        { id: 'T', memberIds: ['a'], chatLimit: 3, activeChats: 3 },
        { id: 'B', memberIds: ['b'] },
      ],
    );
    const s = settings({ overflowTeamId: 'B', overflowAfterSeconds: 60 });
    const p = plan({ team: { id: 'T', rule: 'widget_team' } });
    expect(chooseAgent(p, snap, s, NOW, NOW - 59_000)).toEqual({ kind: 'wait', teamId: 'T', teamRule: 'widget_team' });
    expect(chooseAgent(p, snap, s, NOW, NOW - 60_000)).toMatchObject({
      kind: 'agent',
      agentId: 'b',
      teamId: 'B',
      rule: 'overflow',
    });
  });

  it('the comparators order by saturation, chats, rotation or idle time, and always end on the id', () => {
    const a: AgentLoad = { id: 'a', activeChats: 2, chatLimit: 4, lastAssignedAt: 5, idleSince: 5 };
    const b: AgentLoad = { id: 'b', activeChats: 3, chatLimit: 10, lastAssignedAt: 3, idleSince: 7 };
    expect(comparator('lowest_saturation')(b, a)).toBe(true);
    expect(comparator('fewest_chats')(a, b)).toBe(true);
    expect(comparator('round_robin')(b, a)).toBe(true);
    expect(comparator('longest_idle')(a, b)).toBe(true);
    const twin = { ...a, id: 'z' };
    for (const strategy of ROUTING_STRATEGIES) {
      expect(comparator(strategy)(a, twin)).toBe(true);
      expect(comparator(strategy)(twin, a)).toBe(false);
    }
  });
});

// ---- properties ----

const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
const agentArb = fc.record({
  id: fc.constantFrom(...ids),
  activeChats: fc.integer({ min: 0, max: 6 }),
  chatLimit: fc.integer({ min: 1, max: 6 }),
  lastAssignedAt: fc.integer({ min: 0, max: 100 }),
  idleSince: fc.integer({ min: 0, max: 100 }),
});
const snapshotArb = fc
  .record({
    agents: fc.uniqueArray(agentArb, { selector: (a) => a.id, maxLength: 6 }),
    teams: fc.array(
      fc.record({
        id: fc.constantFrom('T1', 'T2', 'T3'),
        memberIds: fc.subarray(ids),
        chatLimit: fc.option(fc.integer({ min: 1, max: 12 }), { nil: null }),
        activeChats: fc.integer({ min: 0, max: 12 }),
      }),
      { maxLength: 3 },
    ),
    signedInOnly: fc.subarray(ids),
  })
  .map(({ agents, teams, signedInOnly }) =>
    snapshot(
      agents,
      teams.filter((t, i) => teams.findIndex((u) => u.id === t.id) === i),
      signedInOnly,
    ),
  );
const planArb = fc.record({
  preferred: fc.array(
    fc.record({
      agentId: fc.constantFrom(...ids),
      rule: fc.constantFrom('designated_agent' as const, 'previous_agent' as const, 'owner' as const),
      withinTeamId: fc.option(fc.constantFrom('T1', 'T2', 'T3'), { nil: null }),
    }),
    { maxLength: 3 },
  ),
  team: fc.option(fc.record({ id: fc.constantFrom('T1', 'T2', 'T3'), rule: fc.constant('widget_team' as const) }), {
    nil: null,
  }),
  excluded: fc.subarray(ids),
  priority: fc.constantFrom(0 as const, 1 as const),
});
const settingsArb = fc
  .record({
    strategy: fc.constantFrom(...ROUTING_STRATEGIES),
    overflowTeamId: fc.option(fc.constantFrom('T1', 'T2', 'T3'), { nil: null }),
  })
  .map((s) => settings({ ...s, overflowAfterSeconds: 60 }));

describe('chooseAgent properties (fast-check)', () => {
  const hasRoom = (snap: RoutingSnapshot, id: string) => {
    const a = snap.available.get(id);
    return a !== undefined && a.activeChats < a.chatLimit;
  };

  it('never chooses an agent without a free seat, an excluded agent, or a team over its limit', () => {
    fc.assert(
      fc.property(snapshotArb, planArb, settingsArb, fc.boolean(), (snap, plan, s, waited) => {
        const choice = chooseAgent(plan, snap, s, NOW, waited ? NOW - 60_000 : null);
        if (choice.kind === 'wait') return;
        expect(hasRoom(snap, choice.agentId)).toBe(true);
        expect(plan.excluded).not.toContain(choice.agentId);
        if (choice.teamId !== null) {
          const team = snap.teams.get(choice.teamId)!;
          expect(team.memberIds).toContain(choice.agentId);
          expect(team.chatLimit === null || team.activeChats < team.chatLimit).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('waits only when no eligible agent has room; the strategy takes one nobody eligible beats', () => {
    fc.assert(
      fc.property(snapshotArb, planArb, settingsArb, (snap, plan, s) => {
        const choice = chooseAgent({ ...plan, preferred: [] }, snap, s, NOW, null);
        // Who may serve it: the (servable) team's members, or everyone when it has none.
        const team = choice.teamId !== null ? snap.teams.get(choice.teamId) : undefined;
        const teamRoom = !team || team.chatLimit === null || team.activeChats < team.chatLimit;
        const pool = team ? team.memberIds : [...snap.available.keys()];
        const eligible = teamRoom ? pool.filter((id) => hasRoom(snap, id) && !plan.excluded.includes(id)) : [];
        if (choice.kind === 'wait') {
          expect(eligible).toEqual([]);
          return;
        }
        const better = comparator(s.strategy);
        const chosen = snap.available.get(choice.agentId)!;
        for (const id of eligible) expect(better(snap.available.get(id)!, chosen)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('a preferred agent who can take it now always gets it, the first such in the plan', () => {
    fc.assert(
      fc.property(snapshotArb, planArb, settingsArb, (snap, plan, s) => {
        const choice = chooseAgent(plan, snap, s, NOW, null);
        const takes = plan.preferred.find((p) => {
          if (!hasRoom(snap, p.agentId) || plan.excluded.includes(p.agentId)) return false;
          if (p.withinTeamId === null) return true;
          const team = snap.teams.get(p.withinTeamId);
          return team?.memberIds.includes(p.agentId) && (team.chatLimit === null || team.activeChats < team.chatLimit);
        });
        if (takes) expect(choice).toMatchObject({ kind: 'agent', agentId: takes.agentId, rule: takes.rule });
      }),
      { numRuns: 2000 },
    );
  });
});
