import { botHandles } from '../bot/botResponder.js';
import { botTakesArrival, botTakesReopened, startBotSession } from '../bot/botTakeover.js';
import { afterHoursReplier } from '../businessHours/afterHoursReplier.js';
import { lockContact } from '../contacts/contactRepository.js';
import type { AppContext } from '../context.js';
import { conversationOpener } from '../conversations/conversationOpener.js';
import type { ConversationMeta } from '../conversations/conversationPresenter.js';
import {
  findConversationWithContact,
  findLatestConversationOfContact,
} from '../conversations/conversationRepository.js';
import { ConversationResolved, type CreatedMessage, messageCreator } from '../conversations/messageCreator.js';
import { notFound } from '../http/appError.js';
import { routeArrival } from '../routing/conversationHooks.js';
import type { RouteOptions } from '../routing/conversationRouter.js';
import type { VisitorClaims } from './visitorToken.js';

export interface VisitorMessage {
  clientId: string | null;
  /** Null for the visitor's first message: their open conversation is continued or a new one opened. */
  conversationId: string | null;
  content: string;
  attachmentIds: string[];
  /** A message left for people (留言): the answer bot never takes it. */
  forPeople?: boolean;
}

/** A conversation the visitor may write to: their own, in the inbox their token names. */
export async function visitorConversation(ctx: AppContext, visitor: VisitorClaims, conversationId: string) {
  const conversation = await findConversationWithContact(ctx.db.kysely, visitor.accountId, conversationId);
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
  routing: RouteOptions = {},
): Promise<CreatedMessage> {
  const message = (conversationId: string, reopen: boolean) =>
    messageCreator(ctx, {
      accountId: visitor.accountId,
      conversationId,
      kind: 'incoming',
      // The name is the contact's as stored with the conversation (NewMessage.visitor).
      sender: { type: 'contact', id: visitor.contactId, name: null },
      content: input.content,
      attachmentIds: input.attachmentIds,
      clientId: input.clientId,
      visitor: { contactId: visitor.contactId, inboxId: visitor.inboxId, reopen },
    });
  let created: CreatedMessage;
  let arrived = { opened: false, reopened: false };
  if (input.conversationId) {
    // Usually the conversation is open: the message is checked and stored with one read of it.
    created = await message(input.conversationId, false).catch(async (error: unknown) => {
      if (!(error instanceof ConversationResolved)) throw error;
      // Resolved: the bot may take it back before the message reopens it.
      const named = await visitorConversation(ctx, visitor, input.conversationId!);
      if (named.status === 'resolved' && !input.forPeople) await botTakesReopened(ctx, named);
      arrived = { opened: false, reopened: named.status === 'resolved' };
      return message(named.id, true);
    });
  } else {
    const current = await currentOrNewConversation(ctx, visitor, meta, input.forPeople === true);
    arrived = { opened: current.opened, reopened: false };
    created = await message(current.id, true);
  }
  // The answer bot replies on its own (bot/); routing waits for its hand-off.
  if (botHandles(ctx, created)) return created;
  await afterHoursReplier(ctx, created);
  // A conversation that just opened, or that the customer reopened, looks for an agent (routing/).
  await routeArrival(ctx, created, arrived, routing);
  return created;
}

async function currentOrNewConversation(
  ctx: AppContext,
  visitor: VisitorClaims,
  meta: () => ConversationMeta,
  forPeople: boolean,
): Promise<{ id: string; opened: boolean }> {
  // Under a lock on the contact: two tabs sending their first message at once must not open two conversations.
  return ctx.db.kysely.transaction().execute(async (trx) => {
    await lockContact(trx, visitor.accountId, visitor.contactId);
    const latest = await findLatestConversationOfContact(trx, visitor.accountId, visitor.inboxId, visitor.contactId);
    if (latest && latest.status !== 'resolved') return { id: latest.id, opened: false };
    const id = await conversationOpener(ctx, trx, { ...visitor, meta: meta() });
    const now = ctx.clock.now();
    if (!forPeople && (await botTakesArrival(trx, visitor.accountId, visitor.inboxId, now))) {
      await startBotSession(trx, { accountId: visitor.accountId, inboxId: visitor.inboxId, conversationId: id }, now);
    }
    return { id, opened: true };
  });
}
