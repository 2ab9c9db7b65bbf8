import type { ContactRoutingView } from '@kefu/shared';
import { recordAudit } from '../audit/auditRecorder.js';
import type { AppContext } from '../context.js';
import type { Executor } from '../db/transaction.js';
import type { Actor } from '../http/actor.js';
import { AppError, notFound } from '../http/appError.js';
import { chatAgent } from './conversationTransferrer.js';

export async function loadContactRouting(
  db: Executor,
  accountId: string,
  contactId: string,
): Promise<ContactRoutingView> {
  const row = await db
    .selectFrom('contacts')
    .select(['id', 'owner_id', 'tags'])
    .where('account_id', '=', accountId)
    .where('id', '=', contactId)
    .executeTakeFirst();
  if (!row) throw notFound('Contact');
  return { contactId: row.id, ownerId: row.owner_id, tags: JSON.parse(row.tags) as string[] };
}

/**
 * A supervisor assigns a customer to an owner (专属客服, preferred by routing) and tags them (VIP goes ahead in the
 * queue). The owner must be an active agent of the workspace. Audited: it decides who serves the customer.
 */
export async function contactRoutingUpdater(
  ctx: AppContext,
  actor: Actor,
  contactId: string,
  changes: { ownerId?: string | null | undefined; tags?: string[] | undefined },
): Promise<ContactRoutingView> {
  const db = ctx.db.kysely;
  const now = ctx.clock.now();
  if (changes.ownerId && !(await chatAgent(db, actor.accountId, changes.ownerId))) {
    throw new AppError('VALIDATION_FAILED', 'The owner must be an active agent of this workspace', [
      { field: 'body.ownerId', issue: 'is not an active agent of this workspace' },
    ]);
  }
  await db.transaction().execute(async (trx) => {
    const before = await loadContactRouting(trx, actor.accountId, contactId);
    const tags = changes.tags === undefined ? undefined : [...new Set(changes.tags)];
    await trx
      .updateTable('contacts')
      .set({
        ...(changes.ownerId !== undefined ? { owner_id: changes.ownerId } : {}),
        ...(tags !== undefined ? { tags: JSON.stringify(tags) } : {}),
        updated_at: now,
      })
      .where('account_id', '=', actor.accountId)
      .where('id', '=', contactId)
      .execute();
    await recordAudit(
      trx,
      actor,
      {
        action: 'contact.routing_changed',
        target: { type: 'contact', id: contactId },
        details: {
          ...(changes.ownerId !== undefined ? { ownerId: { from: before.ownerId, to: changes.ownerId } } : {}),
          ...(tags !== undefined ? { tags: { from: before.tags, to: tags } } : {}),
        },
      },
      now,
    );
  });
  return loadContactRouting(db, actor.accountId, contactId);
}
