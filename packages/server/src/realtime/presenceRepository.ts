import type { Executor } from '../db/transaction.js';

/** A connection counts as online while its node keeps refreshing it. */
export const PRESENCE_STALE_MS = 60_000;

export async function insertAgentConnection(
  db: Executor,
  row: { id: string; account_id: string; user_id: string; node_id: string; connected_at: number; heartbeat_at: number },
): Promise<void> {
  await db.insertInto('agent_connections').values(row).execute();
}

export async function deleteAgentConnection(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('agent_connections').where('id', '=', id).execute();
}

export async function refreshAgentConnections(db: Executor, ids: string[], now: number): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('agent_connections').set({ heartbeat_at: now }).where('id', 'in', ids).execute();
}

export async function deleteStaleAgentConnections(db: Executor, now: number): Promise<void> {
  await db
    .deleteFrom('agent_connections')
    .where('heartbeat_at', '<', now - PRESENCE_STALE_MS)
    .execute();
}

/** Agents (not department members) with a live console connection. */
export async function countOnlineAgents(db: Executor, accountId: string, now: number): Promise<number> {
  const row = await db
    .selectFrom('agent_connections')
    .innerJoin('users', 'users.id', 'agent_connections.user_id')
    .select((eb) => eb.fn.count<number>('agent_connections.user_id').distinct().as('n'))
    .where('agent_connections.account_id', '=', accountId)
    .where('agent_connections.heartbeat_at', '>=', now - PRESENCE_STALE_MS)
    .where('users.status', '=', 'active')
    .where('users.role', 'in', ['admin', 'supervisor', 'agent'])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
