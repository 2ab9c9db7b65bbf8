import { randomBytes } from 'node:crypto';
import { type InboxView, type WidgetSettings, widgetSettings } from '@kefu/shared';
import { type AuditActor, recordAudit } from '../audit/auditRecorder.js';
import { assertBotSettingsUsable } from '../bot/botSettingsValidator.js';
import { assertCalendarUsable } from '../businessHours/inboxCalendar.js';
import type { AppContext } from '../context.js';
import { newId } from '../db/ids.js';
import type { Actor } from '../http/actor.js';
import { notFound } from '../http/appError.js';
import { forgetInboxSettings } from './cachedInboxSettings.js';
import { parseSettings, presentInbox } from './inboxPresenter.js';
import { findInbox, insertInbox, updateInbox } from './inboxRepository.js';
import { assertRoutingTeamsUsable } from './routingTeamsCheck.js';

export async function inboxCreator(
  ctx: AppContext,
  actor: AuditActor,
  body: { name: string; settings: Partial<WidgetSettings> },
): Promise<string> {
  const now = ctx.clock.now();
  const id = newId(now);
  const settings = widgetSettings.parse(body.settings);
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await assertCalendarUsable(trx, actor.accountId, settings.businessHours.calendarId);
    await assertBotSettingsUsable(trx, actor.accountId, settings.bot);
    await assertRoutingTeamsUsable(trx, actor.accountId, settings);
    await insertInbox(trx, {
      id,
      account_id: actor.accountId,
      name: body.name,
      channel: 'web_widget',
      website_token: randomBytes(18).toString('base64url'),
      hmac_secret: randomBytes(32).toString('hex'),
      settings: JSON.stringify(settings),
      created_at: now,
      updated_at: now,
    });
    await recordAudit(
      trx,
      actor,
      { action: 'inbox.created', target: { type: 'inbox', id }, details: { name: body.name } },
      now,
    );
  });
  return id;
}

export async function inboxUpdater(
  ctx: AppContext,
  actor: Actor,
  id: string,
  changes: { name?: string | undefined; settings?: Partial<WidgetSettings> | undefined },
): Promise<InboxView> {
  const now = ctx.clock.now();
  const view = await ctx.db.kysely.transaction().execute(async (trx) => {
    const before = await findInbox(trx, actor.accountId, id);
    if (!before) throw notFound('Inbox');
    const settings = changes.settings
      ? widgetSettings.parse({ ...parseSettings(before), ...changes.settings })
      : undefined;
    if (changes.settings?.businessHours) {
      await assertCalendarUsable(trx, actor.accountId, changes.settings.businessHours.calendarId);
    }
    if (changes.settings?.bot && settings) await assertBotSettingsUsable(trx, actor.accountId, settings.bot);
    if ((changes.settings?.routing || changes.settings?.teamChoice) && settings) {
      await assertRoutingTeamsUsable(trx, actor.accountId, settings);
    }
    await updateInbox(
      trx,
      actor.accountId,
      id,
      { ...(changes.name ? { name: changes.name } : {}), ...(settings ? { settings: JSON.stringify(settings) } : {}) },
      now,
    );
    await recordAudit(trx, actor, { action: 'inbox.updated', target: { type: 'inbox', id }, details: changes }, now);
    const after = await findInbox(trx, actor.accountId, id);
    return presentInbox(after!, ctx.config.publicUrl, actor.role);
  });
  forgetInboxSettings(id);
  return view;
}
