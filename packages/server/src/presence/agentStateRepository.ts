import { ROUTING_LIMITS } from '@kefu/shared';
import { sql } from 'kysely';
import type { AgentStatesTable } from '../db/schema.js';
import type { Executor } from '../db/transaction.js';
import { PRESENCE_STALE_MS } from '../realtime/presenceRepository.js';

export type AgentStateRow = AgentStatesTable;

/** Roles that take chats; department members never do. */
export const CHAT_ROLES = ['admin', 'supervisor', 'agent'] as const;

/** The row every agent gets on first use: offline, choosing online, with the default limit. */
export async function ensureAgentState(db: Executor, accountId: string, userId: string, now: number): Promise<void> {
  await db
    .insertInto('agent_states')
    .values({
      user_id: userId,
      account_id: accountId,
      presence: 'offline',
      presence_choice: 'online',
      presence_since: null,
      disconnected_at: null,
      chat_limit: ROUTING_LIMITS.defaultChatLimit,
      active_chats: 0,
      last_assigned_at: 0,
      last_released_at: 0,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('user_id').doNothing())
    .execute();
}

export function findAgentState(db: Executor, accountId: string, userId: string): Promise<AgentStateRow | undefined> {
  return db
    .selectFrom('agent_states')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

/**
 * Chat staff of the account with their state and teams (a user without a state row shows as offline with the
 * default limit). Asked by id: whoever they are now (invited or disabled too); listed: the active ones.
 */
export async function listAgentStatuses(db: Executor, accountId: string, userIds?: string[]) {
  let q = db
    .selectFrom('users')
    .leftJoin('agent_states', 'agent_states.user_id', 'users.id')
    .leftJoin('team_members', 'team_members.user_id', 'users.id')
    .select([
      'users.id as id',
      'users.name as name',
      'users.role as role',
      'agent_states.presence as presence',
      'agent_states.presence_since as presence_since',
      'agent_states.chat_limit as chat_limit',
      'agent_states.active_chats as active_chats',
      'team_members.team_id as team_id',
    ])
    .where('users.account_id', '=', accountId)
    .where('users.role', 'in', [...CHAT_ROLES]);
  q = userIds ? q.where('users.id', 'in', userIds.length > 0 ? userIds : ['']) : q.where('users.status', '=', 'active');
  const rows = await q.orderBy('users.name').orderBy('users.id').orderBy('team_members.team_id').execute();
  const byUser = new Map<string, (typeof rows)[number] & { teamIds: string[] }>();
  for (const row of rows) {
    const entry = byUser.get(row.id) ?? { ...row, teamIds: [] };
    if (row.team_id) entry.teamIds.push(row.team_id);
    byUser.set(row.id, entry);
  }
  return [...byUser.values()];
}
export type AgentStatusRow = Awaited<ReturnType<typeof listAgentStatuses>>[number];

/** Sets presence and, when the agent chose it, the choice; returns whether the presence changed. */
export async function setPresence(
  db: Executor,
  accountId: string,
  userId: string,
  presence: string,
  now: number,
  options: { choice?: string; onlyIf?: { presence?: string; disconnectedAt?: number } } = {},
): Promise<boolean> {
  let q = db
    .updateTable('agent_states')
    .set({
      presence,
      presence_since: now,
      disconnected_at: null,
      updated_at: now,
      ...(options.choice ? { presence_choice: options.choice } : {}),
    })
    .where('account_id', '=', accountId)
    .where('user_id', '=', userId)
    .where('presence', '!=', presence);
  if (options.onlyIf?.presence) q = q.where('presence', '=', options.onlyIf.presence);
  if (options.onlyIf?.disconnectedAt !== undefined) q = q.where('disconnected_at', '=', options.onlyIf.disconnectedAt);
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function setPresenceChoice(db: Executor, userId: string, choice: string, now: number): Promise<void> {
  await db
    .updateTable('agent_states')
    .set({ presence_choice: choice, disconnected_at: null, updated_at: now })
    .where('user_id', '=', userId)
    .execute();
}

/** Back within the grace period: the countdown to offline stops. */
export async function clearDisconnected(db: Executor, userId: string, now: number): Promise<void> {
  await db
    .updateTable('agent_states')
    .set({ disconnected_at: null, updated_at: now })
    .where('user_id', '=', userId)
    .where('disconnected_at', 'is not', null)
    .execute();
}

export async function hasLiveConnection(db: Executor, userId: string, now: number): Promise<boolean> {
  const row = await db
    .selectFrom('agent_connections')
    .select('id')
    .where('user_id', '=', userId)
    .where('heartbeat_at', '>=', now - PRESENCE_STALE_MS)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The agent's last connection went away: the grace period starts (unless it already runs or they are offline). */
export async function markDisconnected(db: Executor, userId: string, now: number): Promise<void> {
  await db
    .updateTable('agent_states')
    .set({ disconnected_at: now, updated_at: now })
    .where('user_id', '=', userId)
    .where('disconnected_at', 'is', null)
    .where('presence', '!=', 'offline')
    .execute();
}

/**
 * Agents shown present without a live connection whose grace period has not started (their node died, or the
 * close was missed): it starts now.
 */
export async function startGraceForUnconnected(db: Executor, now: number): Promise<void> {
  await db
    .updateTable('agent_states')
    .set({ disconnected_at: now, updated_at: now })
    .where('presence', '!=', 'offline')
    .where('disconnected_at', 'is', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('agent_connections')
            .select('agent_connections.id')
            .whereRef('agent_connections.user_id', '=', 'agent_states.user_id')
            .where('agent_connections.heartbeat_at', '>=', now - PRESENCE_STALE_MS),
        ),
      ),
    )
    .execute();
}

export function listGraceExpired(db: Executor, cutoff: number) {
  return db
    .selectFrom('agent_states')
    .select(['user_id', 'account_id', 'disconnected_at'])
    .where('presence', '!=', 'offline')
    .where('disconnected_at', '<=', cutoff)
    .execute();
}

export async function setChatLimit(db: Executor, userId: string, chatLimit: number, now: number): Promise<void> {
  await db
    .updateTable('agent_states')
    .set({ chat_limit: chatLimit, updated_at: now })
    .where('user_id', '=', userId)
    .execute();
}

/**
 * Agents (taking chats or not) whose console is connected and whose presence is online: whether the widget
 * offers a chat or the leave-a-message form.
 */
export async function countAvailableAgents(db: Executor, accountId: string, now: number): Promise<number> {
  const row = await db
    .selectFrom('agent_states')
    .innerJoin('users', 'users.id', 'agent_states.user_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('agent_states.account_id', '=', accountId)
    .where('agent_states.presence', '=', 'online')
    .where('users.status', '=', 'active')
    .where('users.role', 'in', [...CHAT_ROLES])
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('agent_connections')
          .select('agent_connections.id')
          .whereRef('agent_connections.user_id', '=', 'agent_states.user_id')
          .where('agent_connections.heartbeat_at', '>=', now - PRESENCE_STALE_MS),
      ),
    )
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Counter drift: agents whose `active_chats` differs from their conversations assigned and not resolved. */
export async function agentsWithWrongCount(db: Executor, accountId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('agent_states')
    .select('user_id')
    .where('account_id', '=', accountId)
    .where(
      'active_chats',
      '!=',
      sql<number>`(select count(*) from conversations c where c.assignee_id = agent_states.user_id and c.status <> 'resolved')`,
    )
    .execute();
  return rows.map((r) => r.user_id);
}
