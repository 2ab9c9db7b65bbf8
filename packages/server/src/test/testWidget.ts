import type { AppContext } from '../context.js';
import { inboxCreator } from '../inboxes/inboxCommands.js';
import { findInbox } from '../inboxes/inboxRepository.js';
import { widgetSessionStarter } from '../widget/widgetSession.js';

export async function createTestInbox(ctx: AppContext, accountId: string, name = '官网在线客服') {
  const id = await inboxCreator(ctx, { accountId, userId: null, name: 'test', ip: null }, { name, settings: {} });
  return (await findInbox(ctx.db.kysely, accountId, id))!;
}

/** A widget visitor of a new inbox in the account: returns the visitor token. */
export async function startVisitor(ctx: AppContext, accountId: string): Promise<string> {
  const inbox = await createTestInbox(ctx, accountId);
  const session = await widgetSessionStarter(ctx, { websiteToken: inbox.website_token });
  return session.visitorToken;
}
