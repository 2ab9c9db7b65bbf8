import type { WidgetSessionBody, WidgetSessionResponse } from '@kefu/shared';
import { botModeTakes } from '../bot/botTakeover.js';
import { inboxHoursState } from '../businessHours/inboxCalendar.js';
import { findContact } from '../contacts/contactRepository.js';
import type { AppContext } from '../context.js';
import { presentConversationForContact } from '../conversations/conversationPresenter.js';
import { findLatestConversationOfContact } from '../conversations/conversationRepository.js';
import { isUniqueViolation } from '../conversations/messageCreator.js';
import { notFound } from '../http/appError.js';
import { parseSettings } from '../inboxes/inboxPresenter.js';
import { findInboxByWebsiteToken } from '../inboxes/inboxRepository.js';
import { countAvailableAgents } from '../presence/agentStateRepository.js';
import { saveRoutingHints, validRoutingHints } from '../routing/routingHints.js';
import { recordVisitorDetails, resolveVisitorContact } from './visitorContact.js';
import { issueVisitorToken } from './visitorToken.js';

/** Starts or resumes a widget visitor: who they are, their latest conversation, and whether anyone is online. */
export async function widgetSessionStarter(ctx: AppContext, body: WidgetSessionBody): Promise<WidgetSessionResponse> {
  const inbox = await findInboxByWebsiteToken(ctx.db.kysely, body.websiteToken);
  if (!inbox) throw notFound('Website token');
  const now = ctx.clock.now();
  const hints = await validRoutingHints(ctx.db.kysely, inbox.account_id, body);
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
  await saveRoutingHints(
    ctx.db.kysely,
    { accountId: inbox.account_id, inboxId: inbox.id, contactId },
    hints,
    body.locale ?? null,
    now,
  );
  const settings = parseSettings(inbox);
  const [contact, conversation, online, hours, botAvailable] = await Promise.all([
    findContact(ctx.db.kysely, inbox.account_id, contactId),
    findLatestConversationOfContact(ctx.db.kysely, inbox.account_id, inbox.id, contactId),
    countAvailableAgents(ctx.db.kysely, inbox.account_id, now),
    inboxHoursState(ctx.db.kysely, inbox.account_id, settings, now),
    botModeTakes(ctx.db.kysely, inbox.account_id, settings, now),
  ]);
  return {
    visitorToken: issueVisitorToken(ctx.config.secret, {
      accountId: inbox.account_id,
      inboxId: inbox.id,
      contactId,
      iat: now,
      pageUrl: body.pageUrl,
      referrer: body.referrer,
    }),
    contact: { id: contactId, name: contact!.name, verified: contact!.verified === 1 },
    inbox: {
      name: inbox.name,
      settings,
      agentsOnline: online > 0,
      open: hours.open,
      nextOpenAt: hours.nextOpenAt === null ? null : new Date(hours.nextOpenAt).toISOString(),
      botAvailable,
    },
    conversation: conversation ? presentConversationForContact(conversation) : null,
  };
}
