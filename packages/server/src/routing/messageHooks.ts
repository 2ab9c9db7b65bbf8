import type { ConversationRow } from '../conversations/conversationRepository.js';
import type { MessageRow } from '../conversations/messageRepository.js';
import type { Executor } from '../db/transaction.js';
import { recordAgentReply } from './routingRepository.js';
import { routingSettingsOf } from './routingSettings.js';
import { moveSeat } from './seatLedger.js';

/**
 * What routing does when a message is stored, inside the message's transaction (the conversation row is locked):
 *
 * - a reply by a person marks the assignee as having answered (auto-transfer stops watching) and, the first time,
 *   the conversation's first reply (the service level);
 * - a customer writing to a resolved conversation reopens it. With routing on it is unassigned and routed again
 *   after the commit (the previous agent gets it back if they can take it now); with routing off it stays with
 *   its agent, whose seat it takes again.
 *
 * Returns changes to the conversation row on top of the message's own.
 */
export async function routingOnMessage(
  trx: Executor,
  before: ConversationRow,
  message: MessageRow,
): Promise<{ assignee_id?: null }> {
  if (message.kind === 'outgoing' && message.sender_type === 'user') {
    await recordAgentReply(trx, message.conversation_id, message.created_at);
    return {};
  }
  if (message.kind !== 'incoming' || before.status !== 'resolved' || before.assignee_id === null) return {};
  const settings = await routingSettingsOf(trx, before.account_id, before.inbox_id);
  if (settings?.enabled) return { assignee_id: null };
  const seat = { assigneeId: before.assignee_id, teamId: before.team_id };
  await moveSeat(
    trx,
    before.account_id,
    { ...seat, status: 'resolved' },
    { ...seat, status: 'open' },
    message.created_at,
    'force',
  );
  return {};
}
