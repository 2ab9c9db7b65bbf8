import type { StoredAttachment } from '../attachments/attachmentPresenter.js';
import type { TicketCommentsTable, TicketFilesTable } from '../db/schema.js';
import type { Executor } from '../db/transaction.js';

export type CommentRow = TicketCommentsTable;
export type TicketFileRow = TicketFilesTable;
export type TicketFileMeta = Omit<TicketFileRow, 'data'>;

export async function insertComment(db: Executor, row: CommentRow): Promise<void> {
  await db.insertInto('ticket_comments').values(row).execute();
}

/** Oldest first after the cursor (a comment id), as a thread reads. */
export function listComments(
  db: Executor,
  ticketId: string,
  page: { cursor?: string | undefined; limit: number; taskId?: string | undefined; kinds?: string[] | undefined },
): Promise<CommentRow[]> {
  let q = db.selectFrom('ticket_comments').selectAll().where('ticket_id', '=', ticketId);
  if (page.cursor) q = q.where('id', '>', page.cursor);
  if (page.taskId) q = q.where('task_id', '=', page.taskId);
  if (page.kinds) q = q.where('kind', 'in', page.kinds);
  return q.orderBy('id').limit(page.limit).execute();
}

/** Ids of the files attached to the replies in these tasks' threads. */
export async function taskReplyFileIds(db: Executor, ticketId: string, taskIds: string[]): Promise<Set<string>> {
  if (taskIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('ticket_comments')
    .select('files')
    .where('ticket_id', '=', ticketId)
    .where('kind', '=', 'task')
    .where('task_id', 'in', taskIds)
    .where('files', '!=', '[]')
    .execute();
  return new Set(rows.flatMap((r) => JSON.parse(r.files) as string[]));
}

/** The attachments public replies carried into the chat, by message id (StoredAttachment JSON). */
export async function replyMessageAttachments(
  db: Executor,
  accountId: string,
  messageIds: string[],
): Promise<Map<string, StoredAttachment[]>> {
  if (messageIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('messages')
    .select(['id', 'attachments'])
    .where('account_id', '=', accountId)
    .where('id', 'in', messageIds)
    .where('attachments', '!=', '[]')
    .execute();
  return new Map(rows.map((r) => [r.id, JSON.parse(r.attachments) as StoredAttachment[]]));
}

export async function insertTicketFile(db: Executor, row: TicketFileRow): Promise<void> {
  await db.insertInto('ticket_files').values(row).execute();
}

const META_COLUMNS = [
  'id',
  'account_id',
  'ticket_id',
  'file_name',
  'content_type',
  'size',
  'uploader_type',
  'uploader_id',
  'created_at',
] as const;

export function listTicketFiles(db: Executor, ticketId: string, ids: string[]): Promise<TicketFileMeta[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('ticket_files')
    .select(META_COLUMNS)
    .where('ticket_id', '=', ticketId)
    .where('id', 'in', ids)
    .execute();
}

export function findTicketFile(db: Executor, ticketId: string, id: string): Promise<TicketFileRow | undefined> {
  return db
    .selectFrom('ticket_files')
    .selectAll()
    .where('ticket_id', '=', ticketId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Uploads (the attachments table) the uploader made and no message uses, with their bytes. */
export function findUnusedUploads(
  db: Executor,
  accountId: string,
  uploader: { type: 'user' | 'contact'; id: string },
  ids: string[],
) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('attachments')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('uploader_type', '=', uploader.type)
    .where('uploader_id', '=', uploader.id)
    .where('conversation_id', 'is', null)
    .where('id', 'in', ids)
    .execute();
}

/** The uploads now live on as ticket files; the originals would only wait for the clean-up job. */
export async function deleteUploads(db: Executor, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await db
    .deleteFrom('attachments')
    .where('id', 'in', ids)
    .where('conversation_id', 'is', null)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
