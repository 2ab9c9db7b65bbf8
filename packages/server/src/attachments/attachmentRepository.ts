import type { AttachmentsTable } from '../db/schema.js';
import type { Executor } from '../db/transaction.js';

export type AttachmentRow = AttachmentsTable;
export type AttachmentMeta = Omit<AttachmentRow, 'data'>;

export async function insertAttachment(db: Executor, row: AttachmentRow): Promise<void> {
  await db.insertInto('attachments').values(row).execute();
}

export function findAttachment(db: Executor, id: string): Promise<AttachmentRow | undefined> {
  return db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Uploads the given uploader made and has not yet used in another conversation. */
export function findUsableAttachments(
  db: Executor,
  accountId: string,
  uploader: { type: string; id: string },
  ids: string[],
): Promise<AttachmentMeta[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('attachments')
    .select([
      'id',
      'account_id',
      'uploader_type',
      'uploader_id',
      'conversation_id',
      'file_name',
      'content_type',
      'size',
      'created_at',
    ])
    .where('account_id', '=', accountId)
    .where('uploader_type', '=', uploader.type)
    .where('uploader_id', '=', uploader.id)
    .where('id', 'in', ids)
    .execute();
}

/**
 * Binds uploads to the conversation a message uses them in; returns how many it bound. Fewer than asked means
 * some were deleted meanwhile (the clean-up of old unattached uploads), and the message must not be stored.
 */
export async function bindAttachments(db: Executor, ids: string[], conversationId: string): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await db
    .updateTable('attachments')
    .set({ conversation_id: conversationId })
    .where('id', 'in', ids)
    .where((eb) => eb.or([eb('conversation_id', 'is', null), eb('conversation_id', '=', conversationId)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Deletes up to `batch` uploads no message used that were made before `cutoff`. The delete checks again that
 * each is unattached: a message binding one meanwhile keeps it. `found` tells whether more may be left.
 */
export async function deleteUnattachedAttachments(
  db: Executor,
  cutoff: number,
  batch: number,
): Promise<{ found: number; deleted: number }> {
  const rows = await db
    .selectFrom('attachments')
    .select('id')
    .where('conversation_id', 'is', null)
    .where('created_at', '<', cutoff)
    .limit(batch)
    .execute();
  if (rows.length === 0) return { found: 0, deleted: 0 };
  const result = await db
    .deleteFrom('attachments')
    .where(
      'id',
      'in',
      rows.map((r) => r.id),
    )
    .where('conversation_id', 'is', null)
    .executeTakeFirst();
  return { found: rows.length, deleted: Number(result.numDeletedRows) };
}
