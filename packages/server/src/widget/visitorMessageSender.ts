import { findContact, lockContact } from '../contacts/contactRepository.js';
import type { AppContext } from '../context.js';
import { conversationOpener } from '../conversations/conversationOpener.js';
import type { ConversationMeta } from '../conversations/conversationPresenter.js';
import { findConversation, findLatestConversationOfContact } from '../conversations/conversationRepository.js';
import { type CreatedMessage, messageCreator } from '../conversations/messageCreator.js';
import { notFound } from '../http/appError.js';
import type { VisitorClaims } from './visitorToken.js';

export interface VisitorMessage {
  clientId: string | null;
  /** Null for the visitor's first message: their open conversation is continued or a new one opened. */
  conversationId: string | null;
  content: string;
  attachmentIds: string[];
}

/** A conversation the visitor may write to: their own, in the inbox their token names. */
export async function visitorConversation(ctx: AppContext, visitor: VisitorClaims, conversationId: string) {
  const conversation = await findConversation(ctx.db.kysely, visitor.accountId, conversationId);
  if (!conversation || conversation.contact_id !== visitor.contactId || conversation.inbox_id !== visitor.inboxId) {
    throw notFound('Conversation');
  }
  return conversation;
}

export async function visitorMessageSender(
  ctx: AppContext,
  visitor: VisitorClaims,
  input: VisitorMessage,
  meta: () => ConversationMeta,
): Promise<CreatedMessage> {
  const conversationId = input.conversationId
    ? (await visitorConversation(ctx, visitor, input.conversationId)).id
    : await currentOrNewConversation(ctx, visitor, meta);
  const contact = await findContact(ctx.db.kysely, visitor.accountId, visitor.contactId);
  return messageCreator(ctx, {
    accountId: visitor.accountId,
    conversationId,
    kind: 'incoming',
    sender: { type: 'contact', id: visitor.contactId, name: contact?.name ?? null },
    content: input.content,
    attachmentIds: input.attachmentIds,
    clientId: input.clientId,
  });
}

async function currentOrNewConversation(
  ctx: AppContext,
  visitor: VisitorClaims,
  meta: () => ConversationMeta,
): Promise<string> {
  // Under a lock on the contact: two tabs sending their first message at once must not open two conversations.
  return ctx.db.kysely.transaction().execute(async (trx) => {
    await lockContact(trx, visitor.accountId, visitor.contactId);
    const latest = await findLatestConversationOfContact(trx, visitor.accountId, visitor.inboxId, visitor.contactId);
    if (latest && latest.status !== 'resolved') return latest.id;
    return conversationOpener(ctx, trx, { ...visitor, meta: meta() });
  });
}
