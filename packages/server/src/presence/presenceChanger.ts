import type { AgentStatusView, PresenceStatus } from '@kefu/shared';
import type { AppContext } from '../context.js';
import type { Actor } from '../http/actor.js';
import { drainQueues } from '../routing/queueDrainer.js';
import { ensureAgentState, setPresence, setPresenceChoice } from './agentStateRepository.js';
import { loadAgentStatuses, publishAgentStatuses } from './agentStatusPublisher.js';

/**
 * The agent sets their own status. It is also what their next connection restores, so a page reload (or a
 * network blip shorter than the grace period) never changes it. Going online lets the queue move.
 */
export async function presenceChanger(ctx: AppContext, actor: Actor, status: PresenceStatus): Promise<AgentStatusView> {
  const db = ctx.db.kysely;
  const now = ctx.clock.now();
  await ensureAgentState(db, actor.accountId, actor.userId, now);
  const changed = await db.transaction().execute(async (trx) => {
    const moved = await setPresence(trx, actor.accountId, actor.userId, status, now, { choice: status });
    if (!moved) await setPresenceChoice(trx, actor.userId, status, now);
    return moved;
  });
  if (changed) {
    await publishAgentStatuses(ctx, actor.accountId, [actor.userId]);
    if (status === 'online') await drainQueues(ctx, actor.accountId);
  }
  const [view] = await loadAgentStatuses(ctx, actor.accountId, [actor.userId]);
  const { role: _role, ...agent } = view!;
  return agent;
}
