import type { AppContext } from '../context.js';
import { drainQueues } from '../routing/queueDrainer.js';
import {
  clearDisconnected,
  ensureAgentState,
  findAgentState,
  hasLiveConnection,
  listGraceExpired,
  markDisconnected,
  setPresence,
  startGraceForUnconnected,
} from './agentStateRepository.js';
import { publishAgentStatuses } from './agentStatusPublisher.js';

/**
 * Presence the system sets: an agent whose console connects comes back with the status they chose; one whose last
 * connection goes away turns offline only after a grace period, so a page reload or a short network loss changes
 * nothing anyone sees.
 */
export async function agentConnected(ctx: AppContext, accountId: string, userId: string): Promise<void> {
  const db = ctx.db.kysely;
  const now = ctx.clock.now();
  await ensureAgentState(db, accountId, userId, now);
  await clearDisconnected(db, userId, now);
  const state = await findAgentState(db, accountId, userId);
  if (state?.presence !== 'offline' || state.presence_choice === 'offline') return;
  const back = await setPresence(db, accountId, userId, state.presence_choice, now, {
    onlyIf: { presence: 'offline' },
  });
  if (!back) return;
  await publishAgentStatuses(ctx, accountId, [userId]);
  if (state.presence_choice === 'online') await drainQueues(ctx, accountId);
}

/** Called after a connection's row is gone: if it was the agent's last, the grace period starts. */
export async function agentDisconnected(ctx: AppContext, userId: string): Promise<void> {
  const now = ctx.clock.now();
  if (await hasLiveConnection(ctx.db.kysely, userId, now)) return;
  await markDisconnected(ctx.db.kysely, userId, now);
}

/**
 * Turns offline the agents whose grace period has passed with no connection back. Each change is conditional on
 * the grace it saw, so nodes sweeping at once change an agent once. Agents shown present with no live connection
 * and no grace running (their node died) start one now.
 */
export async function sweepPresence(ctx: AppContext, graceMs: number): Promise<void> {
  const db = ctx.db.kysely;
  const now = ctx.clock.now();
  await startGraceForUnconnected(db, now);
  for (const row of await listGraceExpired(db, now - graceMs)) {
    if (await hasLiveConnection(db, row.user_id, now)) {
      await clearDisconnected(db, row.user_id, now);
      continue;
    }
    const gone = await setPresence(db, row.account_id, row.user_id, 'offline', now, {
      onlyIf: { disconnectedAt: row.disconnected_at! },
    });
    if (gone) await publishAgentStatuses(ctx, row.account_id, [row.user_id]);
  }
}
