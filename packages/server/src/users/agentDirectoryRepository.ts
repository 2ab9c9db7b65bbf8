import type { Executor } from '../db/transaction.js';
import { PRESENCE_STALE_MS } from '../realtime/presenceRepository.js';

/** Active users who can take conversations (everyone but department members), by name. */
export function listDirectoryUsers(db: Executor, accountId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'name', 'role'])
    .where('account_id', '=', accountId)
    .where('status', '=', 'active')
    .where('role', '!=', 'department')
    .orderBy('name')
    .orderBy('id')
    .execute();
}

/** Users of the account with a live console connection. */
export async function onlineUserIds(db: Executor, accountId: string, now: number): Promise<Set<string>> {
  const rows = await db
    .selectFrom('agent_connections')
    .select('user_id')
    .distinct()
    .where('account_id', '=', accountId)
    .where('heartbeat_at', '>=', now - PRESENCE_STALE_MS)
    .execute();
  return new Set(rows.map((r) => r.user_id));
}
