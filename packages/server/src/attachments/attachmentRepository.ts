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

export async function bindAttachments(db: Executor, ids: string[], conversationId: string): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('attachments').set({ conversation_id: conversationId }).where('id', 'in', ids).execute();
}
