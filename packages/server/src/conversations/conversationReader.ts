import type { AppContext } from '../context.js';
import { notFound } from '../http/appError.js';
import { findConversationWithContact, updateConversation } from './conversationRepository.js';

/**
 * Marks the conversation read up to `seq` by agents (clears the unread count) or by its contact, and
 * tells the other side (read receipts).
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
  if (who.reader === 'agent') {
    if (upTo <= conversation.agent_last_read_seq && conversation.unread_count === 0) return;
    await updateConversation(db, who.accountId, conversationId, {
      agent_last_read_seq: Math.max(upTo, conversation.agent_last_read_seq),
      unread_count: 0,
    });
  } else {
    if (upTo <= conversation.contact_last_read_seq) return;
    await updateConversation(db, who.accountId, conversationId, { contact_last_read_seq: upTo });
  }
  ctx.bus.publish({
    type: 'read',
    accountId: who.accountId,
    conversationId,
    contactId: conversation.contact_id,
    reader: who.reader,
    seq: upTo,
  });
  if (who.reader === 'agent') {
    const after = await findConversationWithContact(db, who.accountId, conversationId);
    ctx.bus.publish({ type: 'conversation.updated', accountId: who.accountId, conversation: after! });
  }
}
