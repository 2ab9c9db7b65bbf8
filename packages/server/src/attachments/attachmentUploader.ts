import type {} from '@fastify/multipart';
import { type AttachmentView, LIMITS } from '@kefu/shared';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import { newId } from '../db/ids.js';
import { AppError } from '../http/appError.js';
import { presentAttachment } from './attachmentPresenter.js';
import { insertAttachment } from './attachmentRepository.js';
import { sniffContentType } from './contentSniffer.js';

/**
 * Reads one multipart file, checks its size and its real type (by content), and stores it. It is bound
 * to a conversation when a message uses it.
 */
export async function attachmentUploader(
  ctx: AppContext,
  request: FastifyRequest,
  uploader: { accountId: string; type: 'contact' | 'user'; id: string },
): Promise<AttachmentView> {
  if (!request.isMultipart()) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Upload the file as multipart/form-data in a field named "file"');
  }
  // throwFileSizeLimit: false — the plugin's own error would surface as a 400; the truncated check below answers 413.
  const file = await request.file({
    limits: { fileSize: LIMITS.maxAttachmentBytes, files: 1, fields: 5 },
    throwFileSizeLimit: false,
  });
  if (!file)
    throw new AppError('VALIDATION_FAILED', 'No file in the upload', [{ field: 'body.file', issue: 'is required' }]);
  const data = await file.toBuffer();
  if (file.file.truncated) {
    throw new AppError('PAYLOAD_TOO_LARGE', `Files may be at most ${LIMITS.maxAttachmentBytes / 1024 / 1024} MB`);
  }
  const sniffed = sniffContentType(data);
  if (!sniffed) {
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      'Only pictures (PNG, JPEG, GIF, WebP), PDF, ZIP/Office files and plain text are accepted',
      [{ field: 'body.file', issue: 'has a type that is not accepted' }],
    );
  }
  const now = ctx.clock.now();
  const id = newId(now);
  const fileName = sanitizeFileName(file.filename);
  await insertAttachment(ctx.db.kysely, {
    id,
    account_id: uploader.accountId,
    uploader_type: uploader.type,
    uploader_id: uploader.id,
    conversation_id: null,
    file_name: fileName,
    content_type: sniffed.contentType,
    size: data.length,
    data,
    created_at: now,
  });
  return presentAttachment(ctx.config.secret, { id, fileName, contentType: sniffed.contentType, size: data.length });
}

function sanitizeFileName(name: string): string {
  const cleaned = [...name]
    .map((c) => (c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f || c === '/' || c === '\\' ? '_' : c))
    .join('')
    .trim()
    .slice(-200);
  return cleaned || 'file';
}
