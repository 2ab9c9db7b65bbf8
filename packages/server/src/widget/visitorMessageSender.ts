import { botHandles } from '../bot/botResponder.js';
import { botTakesArrival, botTakesReopened, startBotSession } from '../bot/botTakeover.js';
import { afterHoursReplier } from '../businessHours/afterHoursReplier.js';
import { findContact, lockContact } from '../contacts/contactRepository.js';
import type { AppContext } from '../context.js';
import { conversationOpener } from '../conversations/conversationOpener.js';
import type { ConversationMeta } from '../conversations/conversationPresenter.js';
import {
  findConversationWithContact,
  findLatestConversationOfContact,
} from '../conversations/conversationRepository.js';
import { type CreatedMessage, messageCreator } from '../conversations/messageCreator.js';
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
  const named = input.conversationId ? await visitorConversation(ctx, visitor, input.conversationId) : null;
  if (named?.status === 'resolved' && !input.forPeople) await botTakesReopened(ctx, named);
  const current = named ? null : await currentOrNewConversation(ctx, visitor, meta, input.forPeople === true);
  const conversationId = named?.id ?? current!.id;
  // The conversation named was read with its contact; only a first message reads the contact for its name.
  const contactName = named
    ? named.contact_name
    : ((await findContact(ctx.db.kysely, visitor.accountId, visitor.contactId))?.name ?? null);
  const created = await messageCreator(ctx, {
    accountId: visitor.accountId,
    conversationId,
    kind: 'incoming',
    sender: { type: 'contact', id: visitor.contactId, name: contactName },
    content: input.content,
    attachmentIds: input.attachmentIds,
    clientId: input.clientId,
  });
  // The answer bot replies on its own (bot/); routing waits for its hand-off.
  if (botHandles(ctx, created)) return created;
  await afterHoursReplier(ctx, created);
  // A conversation that just opened, or that the customer reopened, looks for an agent (routing/).
  await routeArrival(
    ctx,
    created,
    { opened: current?.opened ?? false, reopened: named?.status === 'resolved' },
    routing,
  );
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
