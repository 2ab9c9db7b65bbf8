import type { AppContext } from '../context.js';
import { agentsWithWrongCount } from '../presence/agentStateRepository.js';
import { publishAgentStatuses } from '../presence/agentStatusPublisher.js';
import { drainQueues } from './queueDrainer.js';
import { recountAgent, recountTeam, teamsWithWrongCount } from './seatLedger.js';

/**
 * Sets every load counter of the account that drifted from the conversations it counts (after a crash between
 * writes no transaction could have left, a manual database edit, a deleted inbox), then lets the queue move.
 */
export async function counterRepairer(
  ctx: AppContext,
  accountId: string,
): Promise<{ agentsCorrected: number; teamsCorrected: number; assigned: number }> {
  const db = ctx.db.kysely;
  const agents: string[] = [];
  for (const userId of await agentsWithWrongCount(db, accountId)) {
    if (await db.transaction().execute((trx) => recountAgent(trx, userId))) agents.push(userId);
  }
  let teamsCorrected = 0;
  for (const teamId of await teamsWithWrongCount(db, accountId)) {
    if (await db.transaction().execute((trx) => recountTeam(trx, teamId))) teamsCorrected += 1;
  }
  await publishAgentStatuses(ctx, accountId, agents);
  const assigned = await drainQueues(ctx, accountId);
  return { agentsCorrected: agents.length, teamsCorrected, assigned };
}
