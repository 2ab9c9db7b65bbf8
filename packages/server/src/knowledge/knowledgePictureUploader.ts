import type {} from '@fastify/multipart';
import { KNOWLEDGE_LIMITS, type KnowledgePictureView } from '@kefu/shared';
import type { FastifyRequest } from 'fastify';
import { sniffContentType } from '../attachments/contentSniffer.js';
import type { AppContext } from '../context.js';
import { newId } from '../db/ids.js';
import type { Actor } from '../http/actor.js';
import { AppError } from '../http/appError.js';
import { insertPicture } from './knowledgePictureRepository.js';
import { presentPicture } from './knowledgePresenter.js';

const tooLarge = () =>
  new AppError('PAYLOAD_TOO_LARGE', `Pictures may be at most ${KNOWLEDGE_LIMITS.pictureMaxBytes / 1024 / 1024} MB`);

/**
 * A picture for answers and articles (multipart field "file"): PNG, JPEG, GIF or WebP by its first bytes,
 * whatever it is called. It is public from then on, under an unguessable address, because customers see it
 * in the widget and the help center without signing in.
 */
export async function knowledgePictureUploader(
  ctx: AppContext,
  actor: Actor,
  request: FastifyRequest,
): Promise<KnowledgePictureView> {
  if (!request.isMultipart()) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Upload the picture as multipart/form-data in a field named "file"');
  }
  const file = await request.file({
    limits: { fileSize: KNOWLEDGE_LIMITS.pictureMaxBytes, files: 1, fields: 5 },
    throwFileSizeLimit: false,
  });
  if (!file) {
    throw new AppError('VALIDATION_FAILED', 'No file in the upload', [{ field: 'body.file', issue: 'is required' }]);
  }
  const data = await file.toBuffer();
  if (file.file.truncated) throw tooLarge();
  const type = sniffContentType(data);
  if (!type?.isImage) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Only PNG, JPEG, GIF and WebP pictures can be used in answers');
  }
  const now = ctx.clock.now();
  const row = {
    id: newId(now),
    account_id: actor.accountId,
    file_name: (file.filename || 'picture').slice(0, 200),
    content_type: type.contentType,
    size: data.length,
    data,
    created_by: actor.userId,
    created_at: now,
  };
  await insertPicture(ctx.db.kysely, row);
  return presentPicture(row);
}
