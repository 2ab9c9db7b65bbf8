import type { AppContext } from '../context.js';
import { newId } from '../db/ids.js';
import type { MessageFlagRow } from './flagRepository.js';
import { matcherFor } from './matcherCache.js';

export interface CustomerMessage {
  id: string;
  account_id: string;
  conversation_id: string;
  content: string;
}

/**
 * The flags customers' messages with sensitive words raise for supervisors. The search indexer asks for them
 * over the messages it indexes and stores them with the index, so the customer's send path does no extra
 * work. Call it outside a transaction: the matcher may have to be loaded.
 */
export async function customerMessageFlags(ctx: AppContext, messages: CustomerMessage[]): Promise<MessageFlagRow[]> {
  const now = ctx.clock.now();
  const flags: MessageFlagRow[] = [];
  for (const message of messages) {
    if (!message.content) continue;
    const matches = (await matcherFor(ctx, message.account_id)).find(message.content);
    if (matches.length === 0) continue;
    flags.push({
      id: newId(now),
      account_id: message.account_id,
      conversation_id: message.conversation_id,
      message_id: message.id,
      source: 'customer',
      matches: JSON.stringify(matches),
      created_at: now,
    });
  }
  return flags;
}
