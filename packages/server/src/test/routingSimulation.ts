import type { RoutingSettings } from '@kefu/shared';
import { insertContact } from '../contacts/contactRepository.js';
import { conversationOpener } from '../conversations/conversationOpener.js';
import { conversationUpdater } from '../conversations/conversationUpdater.js';
import { storeMessage } from '../conversations/messageCreator.js';
import { newId } from '../db/ids.js';
import { conversationRouter } from '../routing/conversationRouter.js';
import type { RoutePlan } from '../routing/decision.js';
import { queuePublished } from '../routing/queueNotifier.js';
import { saveRoutingHints } from '../routing/routingHints.js';
import type { KitAgent, RoutingKit } from './routingKit.js';
import type { TestClock } from './testClock.js';

/**
 * A deterministic routing simulation through the real router (conversations/… open the chat as the widget path
 * does, routing/conversationRouter.ts places it) and the real conversation updater, with the test clock. Events (arrivals, chat ends, agents' shifts and breaks) are processed in time
 * order; after every one the invariants are checked against the database, and a violation throws at once naming
 * the event. The simulation test and the property tests share it.
 */

export interface SimAgent {
  name: string;
  limit: number;
  /** Minutes from the start during which the agent is online; between two shifts they are away (小休). */
  shifts: { from: number; to: number }[];
  /** Agents with the same group are equal: same team, limit and schedule (the load-spread check compares them). */
  group: string;
}

export interface SimArrival {
  /** Seconds from the start. */
  at: number;
  /** Index of the team the customer chooses in the widget, or null for none. */
  team: number | null;
  vip: boolean;
  /** A returning customer: the most recently served one who is not chatting now. */
  returning: boolean;
  /** The customer's owner (专属客服): [team index, agent index]. */
  owner: [number, number] | null;
  /** How long the chat lasts once an agent has it, in seconds. */
  duration: number;
}

export interface Scenario {
  teams: SimAgent[][];
  arrivals: SimArrival[];
  routing?: Partial<RoutingSettings>;
}

export interface SimulationResult {
  arrivals: number;
  /** Strategy-chosen chats per agent name. */
  strategyAssignments: Map<string, number>;
  /** Chats per agent name, whatever rule chose them. */
  assignments: Map<string, number>;
  /** Chats in progress, averaged over the time the agent was online, per agent name. */
  averageLoad: Map<string, number>;
  groups: Map<string, string[]>;
  returningChecked: number;
  vipChecked: number;
  maxQueueLength: number;
  queuedAtSomePoint: number;
}

type Event =
  | { at: number; order: number; kind: 'presence'; agent: KitAgent; status: 'online' | 'away' | 'offline' }
  | { at: number; order: number; kind: 'arrival'; index: number }
  | { at: number; order: number; kind: 'end'; conversationId: string };

type NewEvent = Event extends infer E ? (E extends Event ? Omit<E, 'order'> : never) : never;

export async function runSimulation(kit: RoutingKit, clock: TestClock, scenario: Scenario): Promise<SimulationResult> {
  const ctx = kit.ctx;
  const db = ctx.db.kysely;
  const start = clock.now();
  await kit.configure({ enabled: true, previousAgentHours: 24, ...scenario.routing });

  // ---- the workspace ----
  const agents: KitAgent[][] = [];
  const limitOf = new Map<string, number>();
  const groupOf = new Map<string, string>();
  const membersOf: string[][] = [];
  for (const team of scenario.teams) {
    const members: KitAgent[] = [];
    for (const spec of team) {
      const agent = await kit.agent(spec.name, { limit: spec.limit });
      limitOf.set(agent.id, spec.limit);
      groupOf.set(agent.id, spec.group);
      members.push(agent);
    }
    agents.push(members);
    membersOf.push(members.map((m) => m.id));
  }
  const teamIds: string[] = [];
  for (const [t, members] of agents.entries()) teamIds.push(await kit.team(`组${t + 1}`, members));
  await kit.configure({}, teamIds);
  const allAgents = agents.flat();

  // ---- the event queue ----
  let order = 0;
  const events: Event[] = [];
  const push = (event: NewEvent) => {
    events.push({ ...event, order: order++ } as Event);
  };
  for (const [t, team] of scenario.teams.entries()) {
    for (const [i, spec] of team.entries()) {
      const agent = agents[t]![i]!;
      spec.shifts.forEach((shift, s) => {
        push({ at: shift.from * 60, kind: 'presence', agent, status: 'online' });
        const last = s === spec.shifts.length - 1;
        push({ at: shift.to * 60, kind: 'presence', agent, status: last ? 'offline' : 'away' });
      });
    }
  }
  for (const [index, arrival] of scenario.arrivals.entries()) push({ at: arrival.at, kind: 'arrival', index });
  const nextEvent = () => {
    let best = 0;
    for (let i = 1; i < events.length; i++) {
      const a = events[i]!;
      const b = events[best]!;
      if (a.at < b.at || (a.at === b.at && a.order < b.order)) best = i;
    }
    return events.splice(best, 1)[0]!;
  };

  // ---- what the simulation knows ----
  const presence = new Map<string, string>(allAgents.map((a) => [a.id, 'offline']));
  const durationOf = new Map<string, number>();
  const scheduled = new Set<string>();
  /** Contacts not chatting now, with their last agent and when that chat ended, most recent last. */
  const served: { contactId: string; agentId: string }[] = [];
  const contactOf = new Map<string, string>();
  const result: SimulationResult = {
    arrivals: 0,
    strategyAssignments: new Map(),
    assignments: new Map(),
    averageLoad: new Map(),
    groups: new Map(),
    returningChecked: 0,
    vipChecked: 0,
    maxQueueLength: 0,
    queuedAtSomePoint: 0,
  };
  for (const a of allAgents)
    result.groups.set(groupOf.get(a.id)!, [...(result.groups.get(groupOf.get(a.id)!) ?? []), a.name]);
  const queuedEver = new Set<string>();
  /** Load × seconds and seconds online, per agent, integrated between events. */
  const loadSeconds = new Map<string, number>();
  const onlineSeconds = new Map<string, number>();
  let lastLoads = new Map<string, number>();
  let lastAt = 0;
  const integrate = (at: number) => {
    const dt = at - lastAt;
    if (dt <= 0) return;
    for (const agent of allAgents) {
      if (presence.get(agent.id) !== 'online') continue;
      onlineSeconds.set(agent.id, (onlineSeconds.get(agent.id) ?? 0) + dt);
      loadSeconds.set(agent.id, (loadSeconds.get(agent.id) ?? 0) + dt * (lastLoads.get(agent.id) ?? 0));
    }
    lastAt = at;
  };
  let queuedBefore = new Map<string, { team: string | null; priority: number }>();

  const justAssigned: string[] = [];
  const unsubscribe = ctx.bus.subscribe((event) => {
    if (event.type !== 'message.created' || event.accountId !== kit.accountId) return;
    if (event.message.activity?.includes('"routing.assigned"')) justAssigned.push(event.message.conversation_id);
  });
  const loads = async () => {
    const rows = await db
      .selectFrom('agent_states')
      .select(['user_id', 'active_chats', 'chat_limit'])
      .where('account_id', '=', kit.accountId)
      .execute();
    return new Map(rows.map((r) => [r.user_id, r]));
  };

  const check = async (what: string) => {
    await queuePublished();
    const [load, queued] = await Promise.all([
      loads(),
      db
        .selectFrom('conversation_routing')
        .select(['conversation_id', 'team_id', 'plan', 'priority'])
        .where('account_id', '=', kit.accountId)
        .where('state', '=', 'queued')
        .execute(),
    ]);
    lastLoads = new Map([...load.entries()].map(([id, row]) => [id, row.active_chats]));
    // 1. Nobody is past their limit.
    for (const agent of allAgents) {
      const row = load.get(agent.id);
      if (row && row.active_chats > row.chat_limit) {
        throw new Error(`${what}: ${agent.name} has ${row.active_chats} chats, limit ${row.chat_limit}`);
      }
    }
    // 2. Nobody waits while an agent who may serve them is online with a free seat.
    const hasRoom = (id: string) =>
      presence.get(id) === 'online' && (load.get(id)?.active_chats ?? 0) < limitOf.get(id)!;
    for (const q of queued) {
      queuedEver.add(q.conversation_id);
      const plan = JSON.parse(q.plan) as RoutePlan;
      const eligible = q.team_id === null ? allAgents.map((a) => a.id) : membersOf[teamIds.indexOf(q.team_id)]!;
      const free = [...eligible, ...plan.preferred.map((p) => p.agentId)].filter(hasRoom);
      if (free.length > 0) {
        const names = free.map((id) => allAgents.find((a) => a.id === id)!.name);
        throw new Error(`${what}: conversation ${q.conversation_id} waits while ${names.join(', ')} could take it`);
      }
    }
    result.maxQueueLength = Math.max(result.maxQueueLength, queued.length);
    // 3. Out of one queue, nobody ordinary was served while a VIP of that queue kept waiting.
    const queuedNow = new Map(queued.map((q) => [q.conversation_id, { team: q.team_id, priority: q.priority }]));
    const servedNow = [...queuedBefore.entries()].filter(([id, entry]) => !queuedNow.has(id) && entry.priority === 0);
    const outcomes =
      servedNow.length === 0
        ? new Map<string, { state: string; assignee_id: string | null }>()
        : new Map(
            (
              await db
                .selectFrom('conversation_routing')
                .select(['conversation_id', 'state', 'assignee_id'])
                .where(
                  'conversation_id',
                  'in',
                  servedNow.map(([id]) => id),
                )
                .execute()
            ).map((r) => [r.conversation_id, r]),
          );
    for (const [id, entry] of servedNow) {
      const routing = outcomes.get(id);
      if (routing?.state !== 'assigned') continue;
      const tookFromQueue =
        entry.team === null || membersOf[teamIds.indexOf(entry.team)]!.includes(routing.assignee_id!);
      if (!tookFromQueue) continue;
      result.vipChecked += 1;
      for (const [waiting, other] of queuedNow) {
        if (other.priority > 0 && other.team === entry.team && queuedBefore.has(waiting)) {
          throw new Error(`${what}: ${id} was served before VIP ${waiting}, who waited in the same queue`);
        }
      }
    }
    queuedBefore = queuedNow;
    // Chats that got an agent during the event (the bus told us) end after their duration.
    for (const id of justAssigned.splice(0)) {
      if (scheduled.has(id)) continue;
      scheduled.add(id);
      push({ at: (clock.now() - start) / 1000 + durationOf.get(id)!, kind: 'end', conversationId: id });
    }
  };

  while (events.length > 0) {
    const event = nextEvent();
    const target = start + event.at * 1000;
    if (target > clock.now()) clock.advance(target - clock.now());
    integrate(event.at);
    if (event.kind === 'presence') {
      presence.set(event.agent.id, event.status);
      await kit.presence(event.agent, event.status);
      await check(`${event.agent.name} ${event.status} at ${event.at}s`);
    } else if (event.kind === 'arrival') {
      const arrival = scenario.arrivals[event.index]!;
      result.arrivals += 1;
      let contactId: string;
      let previous: { agentId: string } | null = null;
      const returning = arrival.returning && served.length > 0 ? served.pop()! : null;
      if (returning) {
        contactId = returning.contactId;
        previous = returning;
      } else {
        contactId = newId(clock.now());
        await insertContact(db, {
          id: contactId,
          account_id: kit.accountId,
          name: `客户${event.index}`,
          email: null,
          phone: null,
          verified: 0,
          owner_id: arrival.owner ? agents[arrival.owner[0]]![arrival.owner[1]]!.id : null,
          tags: JSON.stringify(arrival.vip ? ['VIP'] : []),
          created_at: clock.now(),
          updated_at: clock.now(),
        });
        await saveRoutingHints(
          db,
          { accountId: kit.accountId, inboxId: kit.inbox.id, contactId },
          { teamId: arrival.team === null ? null : teamIds[arrival.team]!, agentId: null },
          null,
          clock.now(),
        );
      }
      const previousHadRoom =
        previous !== null &&
        presence.get(previous.agentId) === 'online' &&
        ((await loads()).get(previous.agentId)?.active_chats ?? 0) < limitOf.get(previous.agentId)!;
      // The customer's first message opens the conversation (one transaction, as the widget path stores it), then
      // the real router places it.
      const conversationId = await db.transaction().execute(async (trx) => {
        const id = await conversationOpener(ctx, trx, {
          accountId: kit.accountId,
          inboxId: kit.inbox.id,
          contactId,
          meta: { pageUrl: null, referrer: null, browser: null, os: null, ip: null, location: null },
        });
        await storeMessage(trx, clock.now(), {
          accountId: kit.accountId,
          conversationId: id,
          kind: 'incoming',
          sender: { type: 'contact', id: contactId, name: null },
          content: `咨询 ${event.index}`,
          attachmentIds: [],
        });
        return id;
      });
      contactOf.set(conversationId, contactId);
      durationOf.set(conversationId, arrival.duration);
      await conversationRouter(ctx, kit.accountId, conversationId);
      // 4. A returning customer reaches their previous agent when that agent has room.
      if (previousHadRoom) {
        result.returningChecked += 1;
        const assignee = await kit.assignee(conversationId);
        if (assignee !== previous!.agentId) {
          throw new Error(`arrival ${event.index}: returning customer got ${assignee}, not their previous agent`);
        }
      }
      await check(`arrival ${event.index} at ${event.at}s`);
    } else {
      const conversation = await kit.conversation(event.conversationId);
      const owner = allAgents.find((a) => a.id === conversation.assignee_id)!;
      await conversationUpdater(ctx, owner.actor, event.conversationId, { status: 'resolved' });
      served.push({ contactId: contactOf.get(event.conversationId)!, agentId: owner.id });
      await check(`end of ${event.conversationId} at ${event.at}s`);
    }
  }
  unsubscribe();
  // Who the strategy chose, at arrival or out of the queue, from the timeline.
  const decisions = await db
    .selectFrom('messages')
    .select(['conversation_id', 'activity'])
    .where('account_id', '=', kit.accountId)
    .where('kind', '=', 'activity')
    .where('internal', '=', 1)
    .execute();
  for (const row of decisions) {
    const activity = JSON.parse(row.activity!) as { code: string; params: { rule?: string; agentName?: string } };
    if (activity.code !== 'routing.assigned') continue;
    const name = activity.params.agentName!;
    result.assignments.set(name, (result.assignments.get(name) ?? 0) + 1);
    if (activity.params.rule === 'strategy') {
      result.strategyAssignments.set(name, (result.strategyAssignments.get(name) ?? 0) + 1);
    }
  }
  result.queuedAtSomePoint = queuedEver.size;
  for (const agent of allAgents) {
    const seconds = onlineSeconds.get(agent.id) ?? 0;
    result.averageLoad.set(agent.name, seconds === 0 ? 0 : (loadSeconds.get(agent.id) ?? 0) / seconds);
  }
  // Every counter agrees with the conversations it counts.
  const load = await loads();
  const real = await db
    .selectFrom('conversations')
    .select(['assignee_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('account_id', '=', kit.accountId)
    .where('status', '!=', 'resolved')
    .where('assignee_id', 'is not', null)
    .groupBy('assignee_id')
    .execute();
  const realCount = new Map(real.map((r) => [r.assignee_id, Number(r.n)]));
  for (const agent of allAgents) {
    if ((load.get(agent.id)?.active_chats ?? 0) !== (realCount.get(agent.id) ?? 0)) {
      throw new Error(
        `${agent.name}: counter ${load.get(agent.id)?.active_chats} but ${realCount.get(agent.id)} chats`,
      );
    }
  }
  return result;
}

/** A small seeded generator (mulberry32): the same seed gives the same scenario on every run and database. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
