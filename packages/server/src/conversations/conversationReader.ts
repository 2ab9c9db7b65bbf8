import type { AppContext } from '../context.js';
import { notFound } from '../http/appError.js';
import { findConversationWithContact, lockConversation, updateConversation } from './conversationRepository.js';
import { countIncomingAfter } from './messageRepository.js';

/**
 * Marks the conversation read up to `seq` by agents or by its contact, and tells the other side (read
 * receipts). Reading never goes backwards; for agents, the unread count becomes the customer's messages
 * after the new read position, so reading an older seq leaves newer messages unread.
 */
export async function conversationReader(
  ctx: AppContext,
  who: { accountId: string; reader: 'agent' | 'contact' },
  conversationId: string,
  seq: number,
): Promise<void> {
  const db = ctx.db.kysely;
  const conversation = await findConversationWithContact(db, who.accountId, conversationId);
  if (!conversation) throw notFound('Conversation');
  const upTo = Math.min(seq, conversation.last_seq);
  if (who.reader === 'contact') {
    if (upTo <= conversation.contact_last_read_seq) return;
    await updateConversation(db, who.accountId, conversationId, { contact_last_read_seq: upTo });
    publishRead(ctx, who.accountId, conversationId, conversation.contact_id, 'contact', upTo);
    return;
  }
  if (upTo <= conversation.agent_last_read_seq) return;
  const readSeq = await db.transaction().execute(async (trx) => {
    // Under the row lock a message being stored meanwhile is either committed (and counted here) or not yet
    // numbered (and it will count itself as unread after us).
    const locked = await lockConversation(trx, who.accountId, conversationId);
    if (!locked) throw notFound('Conversation');
    const upToNow = Math.max(Math.min(seq, locked.last_seq), locked.agent_last_read_seq);
    const unread = await countIncomingAfter(trx, who.accountId, conversationId, upToNow);
    await updateConversation(trx, who.accountId, conversationId, {
      agent_last_read_seq: upToNow,
      unread_count: unread,
    });
    return upToNow;
  });
  publishRead(ctx, who.accountId, conversationId, conversation.contact_id, 'agent', readSeq);
  const after = await findConversationWithContact(db, who.accountId, conversationId);
  if (after) ctx.bus.publish({ type: 'conversation.updated', accountId: who.accountId, conversation: after });
}

function publishRead(
  ctx: AppContext,
  accountId: string,
  conversationId: string,
  contactId: string,
  reader: 'agent' | 'contact',
  seq: number,
) {
  ctx.bus.publish({ type: 'read', accountId, conversationId, contactId, reader, seq });
}
