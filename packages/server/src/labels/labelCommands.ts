import type { CreateLabelBody, LabelView, UpdateLabelBody } from '@kefu/shared';
import { recordAudit } from '../audit/auditRecorder.js';
import type { AppContext } from '../context.js';
import { findConversationWithContact } from '../conversations/conversationRepository.js';
import { newId } from '../db/ids.js';
import type { Executor } from '../db/transaction.js';
import type { Actor } from '../http/actor.js';
import { AppError, notFound } from '../http/appError.js';
import { presentLabel } from './labelPresenter.js';
import {
  conversationsWithLabel,
  deleteLabel,
  findLabel,
  findLabelByName,
  insertLabel,
  setConversationLabels,
  updateLabel,
} from './labelRepository.js';

async function assertNameFree(db: Executor, accountId: string, name: string, exceptId?: string) {
  const existing = await findLabelByName(db, accountId, name);
  if (existing && existing.id !== exceptId) {
    throw new AppError('CONFLICT', 'A label with this name already exists', [
      { field: 'body.name', issue: 'is already in use' },
    ]);
  }
}

export async function labelCreator(ctx: AppContext, actor: Actor, body: CreateLabelBody): Promise<LabelView> {
  const now = ctx.clock.now();
  const row = {
    id: newId(now),
    account_id: actor.accountId,
    name: body.name,
    color: body.color,
    description: body.description,
    created_at: now,
    updated_at: now,
  };
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await assertNameFree(trx, actor.accountId, body.name);
    await insertLabel(trx, row);
    await recordAudit(
      trx,
      actor,
      { action: 'label.created', target: { type: 'label', id: row.id }, details: { name: row.name, color: row.color } },
      now,
    );
  });
  return presentLabel(row);
}

/**
 * Renaming a label renames it on every conversation that carries it, and deleting one takes it off them, in
 * the same transaction; the consoles hear of each changed conversation after the commit.
 */
export async function labelUpdater(
  ctx: AppContext,
  actor: Actor,
  id: string,
  changes: UpdateLabelBody,
): Promise<{ label: LabelView; conversationsUpdated: number }> {
  const now = ctx.clock.now();
  const { label, touched } = await ctx.db.kysely.transaction().execute(async (trx) => {
    const before = await findLabel(trx, actor.accountId, id);
    if (!before) throw notFound('Label');
    const renamed = changes.name !== undefined && changes.name !== before.name;
    if (renamed) await assertNameFree(trx, actor.accountId, changes.name!, id);
    await updateLabel(trx, actor.accountId, id, changes, now);
    const touched = renamed ? await rewriteConversations(trx, actor.accountId, before.name, changes.name!, now) : [];
    await recordAudit(
      trx,
      actor,
      {
        action: 'label.updated',
        target: { type: 'label', id },
        details: { before: { name: before.name, color: before.color }, changes, conversationsUpdated: touched.length },
      },
      now,
    );
    return { label: (await findLabel(trx, actor.accountId, id))!, touched };
  });
  await announce(ctx, actor.accountId, touched);
  return { label: presentLabel(label), conversationsUpdated: touched.length };
}

export async function labelDeleter(
  ctx: AppContext,
  actor: Actor,
  id: string,
): Promise<{ label: null; conversationsUpdated: number }> {
  const now = ctx.clock.now();
  const touched = await ctx.db.kysely.transaction().execute(async (trx) => {
    const before = await findLabel(trx, actor.accountId, id);
    if (!before) throw notFound('Label');
    await deleteLabel(trx, actor.accountId, id);
    const touched = await rewriteConversations(trx, actor.accountId, before.name, null, now);
    await recordAudit(
      trx,
      actor,
      {
        action: 'label.deleted',
        target: { type: 'label', id },
        details: { name: before.name, conversationsUpdated: touched.length },
      },
      now,
    );
    return touched;
  });
  await announce(ctx, actor.accountId, touched);
  return { label: null, conversationsUpdated: touched.length };
}

/** Renames (or with `to` null removes) a label on every conversation carrying it; returns their ids. */
async function rewriteConversations(
  trx: Executor,
  accountId: string,
  from: string,
  to: string | null,
  now: number,
): Promise<string[]> {
  const touched: string[] = [];
  for (const conversation of await conversationsWithLabel(trx, accountId, from)) {
    const labels = JSON.parse(conversation.labels) as string[];
    if (!labels.includes(from)) continue;
    const next = [...new Set(labels.flatMap((label) => (label !== from ? [label] : to === null ? [] : [to])))];
    await setConversationLabels(trx, accountId, conversation.id, next, now);
    touched.push(conversation.id);
  }
  return touched;
}

async function announce(ctx: AppContext, accountId: string, conversationIds: string[]) {
  for (const conversationId of conversationIds) {
    const conversation = await findConversationWithContact(ctx.db.kysely, accountId, conversationId);
    if (conversation) ctx.bus.publish({ type: 'conversation.updated', accountId, conversation });
  }
}
