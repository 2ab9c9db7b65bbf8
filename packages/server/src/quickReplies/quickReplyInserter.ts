import type { InsertQuickReplyResponse } from '@kefu/shared';
import type { AppContext } from '../context.js';
import type { Actor } from '../http/actor.js';
import { notFound } from '../http/appError.js';
import { pictureAsUpload } from './quickReplyPicture.js';
import { visibilityOf } from './quickReplyPolicy.js';
import { findQuickReplyPicture, findVisibleQuickReply, recordQuickReplyUse } from './quickReplyRepository.js';

/**
 * An agent inserts a quick reply into the composer: the insertion counts towards the reply's ranking, and
 * its picture, if any, becomes a fresh upload of the agent's, ready to go with the message. The console
 * fills in the variables itself, at once, from the conversation it shows.
 */
export async function quickReplyInserter(ctx: AppContext, actor: Actor, id: string): Promise<InsertQuickReplyResponse> {
  const now = ctx.clock.now();
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const reply = await findVisibleQuickReply(trx, actor.accountId, await visibilityOf(trx, actor), id);
    if (!reply) throw notFound('Quick reply');
    await recordQuickReplyUse(trx, actor.accountId, id, actor.userId, now);
    const picture = await findQuickReplyPicture(trx, actor.accountId, id);
    return { attachment: picture ? await pictureAsUpload(ctx, trx, actor, picture, now) : null };
  });
}
