import { sql } from 'kysely';
import type { Executor } from '../db/transaction.js';
import { ensureAgentState } from '../presence/agentStateRepository.js';

/**
 * The load counters routing decides on: `agent_states.active_chats` and `teams.active_chats` count the
 * conversations assigned and not resolved (through the team, for a team). Every change that moves a seat runs
 * in the transaction that changes the conversation, after the conversation row is locked, and takes agent rows
 * (then team rows) in id order, so concurrent transactions never deadlock on them.
 *
 * A seat is taken with a conditional increment (`active_chats < chat_limit`), so two nodes or two arrivals at
 * once can never push an agent or a team past the limit: the second increment matches no row and its
 * transaction rolls back. `recountAgent`/`recountTeam` repair a counter that drifted (a crash, a manual edit).
 */

/** How a seat is taken: by routing (limit and presence online), by a person (limit only), or forced (supervisor). */
export type SeatMode = 'route' | 'limit' | 'force';

export class SeatUnavailable extends Error {
  constructor(
    readonly holder: 'agent' | 'team',
    readonly id: string,
  ) {
    super(`no free seat with ${holder} ${id}`);
    this.name = 'SeatUnavailable';
  }
}

export interface Seat {
  assigneeId: string | null;
  teamId: string | null;
  status: string;
}

/** A conversation holds a seat while it is assigned and not resolved. */
export const holdsSeat = (seat: Seat) => seat.assigneeId !== null && seat.status !== 'resolved';

function deltas(before: Seat, after: Seat, key: 'assigneeId' | 'teamId'): [string, number][] {
  const map = new Map<string, number>();
  const from = holdsSeat(before) ? before[key] : null;
  const to = holdsSeat(after) ? after[key] : null;
  if (from) map.set(from, (map.get(from) ?? 0) - 1);
  if (to) map.set(to, (map.get(to) ?? 0) + 1);
  return [...map.entries()].filter(([, d]) => d !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Moves the seats of one conversation from `before` to `after`. Throws SeatUnavailable (the caller's
 * transaction must then roll back) when a seat is full. Returns whether a seat was freed (the queue may move).
 */
export async function moveSeat(
  trx: Executor,
  accountId: string,
  before: Seat,
  after: Seat,
  now: number,
  mode: SeatMode,
): Promise<{ freed: boolean; taken: string | null }> {
  let freed = false;
  let taken: string | null = null;
  for (const [userId, delta] of deltas(before, after, 'assigneeId')) {
    if (delta < 0) {
      await releaseAgentSeat(trx, userId, now);
      freed = true;
    } else {
      await takeAgentSeat(trx, accountId, userId, now, mode);
      taken = userId;
    }
  }
  for (const [teamId, delta] of deltas(before, after, 'teamId')) {
    if (delta < 0) {
      await trx
        .updateTable('teams')
        .set((eb) => ({
          active_chats: sql<number>`case when ${eb.ref('active_chats')} > 0 then ${eb.ref('active_chats')} - 1 else 0 end`,
        }))
        .where('id', '=', teamId)
        .execute();
      freed = true;
    } else {
      let q = trx
        .updateTable('teams')
        .set((eb) => ({ active_chats: eb('active_chats', '+', 1) }))
        .where('account_id', '=', accountId)
        .where('id', '=', teamId);
      if (mode !== 'force')
        q = q.where((eb) => eb.or([eb('chat_limit', 'is', null), eb('active_chats', '<', eb.ref('chat_limit'))]));
      const result = await q.executeTakeFirst();
      // A team deleted meanwhile holds no seats; only a full one refuses.
      if (Number(result.numUpdatedRows) === 0 && mode !== 'force') throw new SeatUnavailable('team', teamId);
    }
  }
  return { freed, taken };
}

async function takeAgentSeat(trx: Executor, accountId: string, userId: string, now: number, mode: SeatMode) {
  if (mode !== 'route') await ensureAgentState(trx, accountId, userId, now);
  let q = trx
    .updateTable('agent_states')
    .set((eb) => ({ active_chats: eb('active_chats', '+', 1), last_assigned_at: now, updated_at: now }))
    .where('account_id', '=', accountId)
    .where('user_id', '=', userId);
  if (mode !== 'force') q = q.whereRef('active_chats', '<', 'chat_limit');
  if (mode === 'route') q = q.where('presence', '=', 'online');
  const result = await q.executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new SeatUnavailable('agent', userId);
}

async function releaseAgentSeat(trx: Executor, userId: string, now: number) {
  await trx
    .updateTable('agent_states')
    .set((eb) => ({
      active_chats: sql<number>`case when ${eb.ref('active_chats')} > 0 then ${eb.ref('active_chats')} - 1 else 0 end`,
      last_released_at: now,
      updated_at: now,
    }))
    .where('user_id', '=', userId)
    .execute();
}

/**
 * Sets an agent's counter to their real count. The first statement locks the row, so on PostgreSQL every
 * transaction that moved one of their seats has committed (and is counted) or has yet to take the lock (and
 * will apply its own +1/-1 after this). Returns whether it was wrong.
 */
export async function recountAgent(trx: Executor, userId: string): Promise<boolean> {
  const locked = await trx
    .updateTable('agent_states')
    .set((eb) => ({ active_chats: eb.ref('active_chats') }))
    .where('user_id', '=', userId)
    .returning('active_chats')
    .executeTakeFirst();
  if (!locked) return false;
  const row = await trx
    .selectFrom('conversations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('assignee_id', '=', userId)
    .where('status', '!=', 'resolved')
    .executeTakeFirstOrThrow();
  const actual = Number(row.n);
  if (actual === locked.active_chats) return false;
  await trx.updateTable('agent_states').set({ active_chats: actual }).where('user_id', '=', userId).execute();
  return true;
}

/** The same for a team: chats in progress through it. */
export async function recountTeam(trx: Executor, teamId: string): Promise<boolean> {
  const locked = await trx
    .updateTable('teams')
    .set((eb) => ({ active_chats: eb.ref('active_chats') }))
    .where('id', '=', teamId)
    .returning('active_chats')
    .executeTakeFirst();
  if (!locked) return false;
  const row = await trx
    .selectFrom('conversations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('team_id', '=', teamId)
    .where('assignee_id', 'is not', null)
    .where('status', '!=', 'resolved')
    .executeTakeFirstOrThrow();
  const actual = Number(row.n);
  if (actual === locked.active_chats) return false;
  await trx.updateTable('teams').set({ active_chats: actual }).where('id', '=', teamId).execute();
  return true;
}

/** Teams whose counter differs from their real count. */
export async function teamsWithWrongCount(db: Executor, accountId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('teams')
    .select('id')
    .where('account_id', '=', accountId)
    .where(
      'active_chats',
      '!=',
      sql<number>`(select count(*) from conversations c where c.team_id = teams.id and c.assignee_id is not null and c.status <> 'resolved')`,
    )
    .execute();
  return rows.map((r) => r.id);
}
