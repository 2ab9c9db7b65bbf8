import type { RoutingSettings } from '@kefu/shared';
import type { AppContext } from '../context.js';
import { lockConversation } from '../conversations/conversationRepository.js';
import { publishAgentStatuses } from '../presence/agentStatusPublisher.js';
import type { RouteOutcome } from './conversationRouter.js';
import type { Choice, RoutePlan } from './decision.js';
import { queueStatusChanged, touchQueue } from './queueNotifier.js';
import {
  assignedActivity,
  pooledActivity,
  publishMessages,
  queuedActivity,
  storeActivity,
} from './routingActivities.js';
import { countAhead, findRouting, nameOfTeam, type RoutingRow, saveRouting } from './routingRepository.js';
import { moveSeat } from './seatLedger.js';

/** The conversation was assigned, resolved or taken meanwhile (by a person, another node, another drain). */
export class AlreadyHandled extends Error {
  constructor() {
    super('the conversation no longer waits for routing');
    this.name = 'AlreadyHandled';
  }
}

export interface Assignment {
  accountId: string;
  conversationId: string;
  plan: RoutePlan;
  settings: RoutingSettings;
  choice: Extract<Choice, { kind: 'agent' }>;
  /** Set when the conversation is taken out of the queue: it must still be queued. */
  fromQueue: { enqueuedAt: number | null } | null;
}

function routingRow(
  base: { accountId: string; conversationId: string; inboxId: string; contactId: string; plan: RoutePlan },
  now: number,
  fields: Partial<RoutingRow>,
): RoutingRow {
  return {
    conversation_id: base.conversationId,
    account_id: base.accountId,
    inbox_id: base.inboxId,
    contact_id: base.contactId,
    state: 'assigned',
    team_id: null,
    plan: JSON.stringify(base.plan),
    priority: base.plan.priority,
    enqueued_at: null,
    visitor_seen_at: null,
    assignee_id: null,
    rule: null,
    assigned_at: null,
    answered_at: null,
    first_assigned_at: null,
    first_reply_at: null,
    created_at: now,
    updated_at: now,
    ...fields,
  };
}

/**
 * Gives the conversation to the chosen agent in one transaction: the conversation row is locked and must still be
 * unassigned (and still queued, when it comes from the queue), then the agent's seat is taken with a conditional
 * increment (SeatUnavailable when another node filled it first: everything rolls back and the caller decides
 * again). The decision and its reasons land in the timeline as an agent-only activity.
 */
export async function assignConversation(ctx: AppContext, a: Assignment): Promise<void> {
  const now = ctx.clock.now();
  const { accountId, conversationId, choice } = a;
  const created = await ctx.db.kysely.transaction().execute(async (trx) => {
    // One conditional write locks the row and takes it: only a conversation still unassigned and open is taken.
    const row = await trx
      .updateTable('conversations')
      .set((eb) => ({
        assignee_id: choice.agentId,
        team_id: choice.teamId === null ? eb.ref('team_id') : eb.val(choice.teamId),
        updated_at: now,
      }))
      .where('account_id', '=', accountId)
      .where('id', '=', conversationId)
      .where('assignee_id', 'is', null)
      .where('status', '!=', 'resolved')
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new AlreadyHandled();
    const teamId = row.team_id;
    // It held no seat (unassigned): only the new agent's (and team's) seat is taken.
    await moveSeat(
      trx,
      accountId,
      { assigneeId: null, teamId, status: row.status },
      { assigneeId: choice.agentId, teamId, status: row.status },
      now,
      'route',
    );
    const enqueuedAt = a.fromQueue?.enqueuedAt ?? null;
    const fields = {
      state: 'assigned',
      team_id: teamId,
      enqueued_at: enqueuedAt,
      assignee_id: choice.agentId,
      rule: choice.rule,
      assigned_at: now,
      answered_at: null,
      updated_at: now,
    };
    if (a.fromQueue) {
      // Still queued, or another drain (another node) has served it: then nothing of this stays.
      const taken = await trx
        .updateTable('conversation_routing')
        .set((eb) => ({ ...fields, first_assigned_at: eb.fn.coalesce('first_assigned_at', eb.val(now)) }))
        .where('conversation_id', '=', conversationId)
        .where('state', '=', 'queued')
        .executeTakeFirst();
      if (Number(taken.numUpdatedRows) === 0) throw new AlreadyHandled();
    } else {
      await saveRouting(
        trx,
        routingRow({ ...a, inboxId: row.inbox_id, contactId: row.contact_id }, now, {
          ...fields,
          first_assigned_at: now,
        }),
      );
    }
    const agent = await trx
      .selectFrom('users')
      .innerJoin('agent_states', 'agent_states.user_id', 'users.id')
      .select((eb) => [
        'users.name',
        'agent_states.active_chats',
        'agent_states.chat_limit',
        eb.selectFrom('teams').select('teams.name').where('teams.id', '=', teamId).as('team_name'),
      ])
      .where('users.id', '=', choice.agentId)
      .executeTakeFirstOrThrow();
    const agentName = agent.name;
    const teamName = agent.team_name ?? null;
    const load = agent;
    const activity = assignedActivity({
      rule: choice.rule,
      strategy: a.settings.strategy,
      agentId: choice.agentId,
      agentName,
      teamId,
      teamName,
      teamRule: choice.teamRule,
      load: load ? { activeChats: load.active_chats, chatLimit: load.chat_limit } : null,
      waitedSeconds: enqueuedAt === null ? null : Math.round((now - enqueuedAt) / 1000),
    });
    return { message: await storeActivity(trx, now, accountId, conversationId, activity), agentName, row };
  });
  publishMessages(ctx, accountId, [created.message]);
  await publishAgentStatuses(ctx, accountId, [choice.agentId]);
  if (a.fromQueue) {
    queueStatusChanged(ctx, accountId, {
      conversationId,
      contactId: created.row.contact_id,
      inboxId: created.row.inbox_id,
      status: 'assigned',
      agentName: created.agentName,
    });
    touchQueue(ctx, accountId);
  }
}

export interface Parking {
  accountId: string;
  conversationId: string;
  plan: RoutePlan;
  settings: RoutingSettings;
  choice: Extract<Choice, { kind: 'wait' }>;
  where: 'queue' | 'pool';
  /** No timeline entry (routing off: the pool is simply where chats wait). */
  silent: boolean;
}

/**
 * The conversation waits: in the queue (served in priority, then arrival order, as agents free up) or in the pool
 * (agents pick it themselves). A conversation already queued keeps its place.
 */
export async function parkConversation(ctx: AppContext, p: Parking): Promise<void> {
  const now = ctx.clock.now();
  const { accountId, conversationId } = p;
  const created = await ctx.db.kysely.transaction().execute(async (trx) => {
    const row = await lockConversation(trx, accountId, conversationId);
    if (!row || row.assignee_id !== null || row.status === 'resolved') throw new AlreadyHandled();
    const existing = await findRouting(trx, accountId, conversationId);
    const queued = p.where === 'queue';
    const enqueuedAt = queued ? (existing?.state === 'queued' ? (existing.enqueued_at ?? now) : now) : null;
    // It waits for the team it was found to wait for: a fallback (the chosen team had nobody signed in) holds, so
    // the queue it is told its place in is the queue that serves it.
    const plan: RoutePlan = {
      ...p.plan,
      team: p.choice.teamId === null ? null : { id: p.choice.teamId, rule: p.choice.teamRule ?? 'default_team' },
    };
    await saveRouting(
      trx,
      routingRow({ ...p, plan, inboxId: row.inbox_id, contactId: row.contact_id }, now, {
        state: queued ? 'queued' : 'pool',
        team_id: p.choice.teamId,
        enqueued_at: enqueuedAt,
        visitor_seen_at: now,
        // The last agent stays known: a reopened chat goes back to them first.
        assignee_id: existing?.assignee_id ?? null,
      }),
    );
    if (p.silent) return null;
    const teamName = await nameOfTeam(trx, p.choice.teamId);
    const activity = queued
      ? queuedActivity({
          teamId: p.choice.teamId,
          teamName,
          teamRule: p.choice.teamRule,
          priority: p.plan.priority,
          position:
            1 +
            (await countAhead(trx, accountId, {
              conversationId,
              teamId: p.choice.teamId,
              priority: p.plan.priority,
              enqueuedAt: enqueuedAt!,
            })),
        })
      : pooledActivity({ teamId: p.choice.teamId, teamName, teamRule: p.choice.teamRule, reason: 'all_full' });
    return storeActivity(trx, now, accountId, conversationId, activity);
  });
  if (created) publishMessages(ctx, accountId, [created]);
  if (p.where === 'queue') touchQueue(ctx, accountId);
}

/** After a drain: the timeline learns the arrival is queued, if it still is; otherwise what became of it. */
export async function recordStillQueued(
  ctx: AppContext,
  accountId: string,
  conversationId: string,
): Promise<RouteOutcome> {
  const now = ctx.clock.now();
  const created = await ctx.db.kysely.transaction().execute(async (trx) => {
    const routing = await findRouting(trx, accountId, conversationId);
    if (routing?.state !== 'queued') return routing ?? null;
    const teamName = await nameOfTeam(trx, routing.team_id);
    const plan = JSON.parse(routing.plan) as RoutePlan;
    const position =
      1 +
      (await countAhead(trx, accountId, {
        conversationId,
        teamId: routing.team_id,
        priority: routing.priority,
        enqueuedAt: routing.enqueued_at ?? now,
      }));
    const activity = queuedActivity({
      teamId: routing.team_id,
      teamName,
      teamRule: plan.team?.rule ?? null,
      priority: routing.priority,
      position,
    });
    return { message: await storeActivity(trx, now, accountId, conversationId, activity) };
  });
  if (created && 'message' in created) {
    publishMessages(ctx, accountId, [created.message]);
    return { kind: 'queued' };
  }
  if (created?.state === 'assigned' && created.assignee_id) return { kind: 'assigned', agentId: created.assignee_id };
  return created?.state === 'pool' ? { kind: 'pool' } : { kind: 'skipped' };
}
