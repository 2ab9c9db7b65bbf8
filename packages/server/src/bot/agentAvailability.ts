import type { Executor } from '../db/transaction.js';
import { CHAT_ROLES } from '../presence/agentStateRepository.js';

/**
 * Agents taking chats now (presence online), as routing counts them: the bot's "human first" mode and its
 * hand-off message ask this, so both agree with whether routing can place the conversation.
 */
export async function countAgentsTakingChats(db: Executor, accountId: string): Promise<number> {
  const row = await db
    .selectFrom('agent_states')
    .innerJoin('users', 'users.id', 'agent_states.user_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('agent_states.account_id', '=', accountId)
    .where('agent_states.presence', '=', 'online')
    .where('users.status', '=', 'active')
    .where('users.role', 'in', [...CHAT_ROLES])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
