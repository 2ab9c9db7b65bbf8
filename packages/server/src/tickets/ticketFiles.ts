import { newId } from '../db/ids.js';
import type { Executor } from '../db/transaction.js';
import { AppError } from '../http/appError.js';
import { deleteUploads, findUnusedUploads, insertTicketFile } from './ticketCommentRepository.js';

/**
 * Uploads (POST /api/attachments, or the widget's) become files of the ticket: copied into ticket_files, which
 * live as long as the ticket, and the uploads themselves removed. Returns the new file id of each upload id.
 */
export async function uploadsIntoTicket(
  trx: Executor,
  ticket: { id: string; account_id: string },
  uploader: { type: 'user' | 'contact'; id: string },
  uploadIds: string[],
  field: string,
  now: number,
): Promise<Map<string, string>> {
  const fileIds = new Map<string, string>();
  if (uploadIds.length === 0) return fileIds;
  const uploads = await findUnusedUploads(trx, ticket.account_id, uploader, uploadIds);
  if (uploads.length !== new Set(uploadIds).size) {
    throw new AppError('VALIDATION_FAILED', 'Some files are unknown, not yours, or already used', [
      { field, issue: 'names an upload that is unknown, not yours or already used' },
    ]);
  }
  for (const upload of uploads) {
    const id = newId(now);
    await insertTicketFile(trx, {
      id,
      account_id: ticket.account_id,
      ticket_id: ticket.id,
      file_name: upload.file_name,
      content_type: upload.content_type,
      size: upload.size,
      data: upload.data,
      uploader_type: uploader.type,
      uploader_id: uploader.id,
      created_at: now,
    });
    fileIds.set(upload.id, id);
  }
  await deleteUploads(
    trx,
    uploads.map((u) => u.id),
  );
  return fileIds;
}

/** Stores attachment field values as file ids: kept files stay, new uploads become ticket files. */
export async function storeFieldUploads(
  trx: Executor,
  ticket: { id: string; account_id: string },
  uploader: { type: 'user' | 'contact'; id: string },
  values: Record<string, unknown>,
  uploads: Map<string, string[]>,
  now: number,
): Promise<Record<string, unknown>> {
  const stored = { ...values };
  for (const [key, uploadIds] of uploads) {
    const fileIds = await uploadsIntoTicket(trx, ticket, uploader, uploadIds, `body.fields.${key}`, now);
    stored[key] = (values[key] as string[]).map((id) => fileIds.get(id) ?? id);
  }
  return stored;
}
