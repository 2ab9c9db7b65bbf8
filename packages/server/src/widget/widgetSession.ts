import type { WidgetSessionBody, WidgetSessionResponse } from '@kefu/shared';
import { findContact } from '../contacts/contactRepository.js';
import type { AppContext } from '../context.js';
import { presentConversationForContact } from '../conversations/conversationPresenter.js';
import { findLatestConversationOfContact } from '../conversations/conversationRepository.js';
import { isUniqueViolation } from '../conversations/messageCreator.js';
import { notFound } from '../http/appError.js';
import { parseSettings } from '../inboxes/inboxPresenter.js';
import { findInboxByWebsiteToken } from '../inboxes/inboxRepository.js';
import { countOnlineAgents } from '../realtime/presenceRepository.js';
import { recordVisitorDetails, resolveVisitorContact } from './visitorContact.js';
import { issueVisitorToken } from './visitorToken.js';

/** Starts or resumes a widget visitor: who they are, their latest conversation, and whether anyone is online. */
export async function widgetSessionStarter(ctx: AppContext, body: WidgetSessionBody): Promise<WidgetSessionResponse> {
  const inbox = await findInboxByWebsiteToken(ctx.db.kysely, body.websiteToken);
  if (!inbox) throw notFound('Website token');
  const now = ctx.clock.now();
  const resolve = () =>
    ctx.db.kysely.transaction().execute(async (trx) => {
      const id = await resolveVisitorContact(ctx, trx, inbox, body);
      await recordVisitorDetails(ctx, trx, inbox.account_id, id, {
        name: body.name,
        email: body.email,
        phone: body.phone,
      });
      return id;
    });
  // Two tabs of a new verified user race to create their contact; the loser finds the winner's on a retry.
  const contactId = await resolve().catch((error: unknown) => {
    if (isUniqueViolation(error)) return resolve();
    throw error;
  });
  const [contact, conversation, online] = await Promise.all([
    findContact(ctx.db.kysely, inbox.account_id, contactId),
    findLatestConversationOfContact(ctx.db.kysely, inbox.account_id, inbox.id, contactId),
    countOnlineAgents(ctx.db.kysely, inbox.account_id, now),
  ]);
  return {
    visitorToken: issueVisitorToken(ctx.config.secret, {
      accountId: inbox.account_id,
      inboxId: inbox.id,
      contactId,
      iat: now,
    }),
    contact: { id: contactId, name: contact!.name, verified: contact!.verified === 1 },
    inbox: { name: inbox.name, settings: parseSettings(inbox), agentsOnline: online > 0 },
    conversation: conversation ? presentConversationForContact(conversation) : null,
  };
}
