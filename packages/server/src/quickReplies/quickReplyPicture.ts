import { createHash } from 'node:crypto';
import type { AttachmentView } from '@kefu/shared';
import { presentAttachment } from '../attachments/attachmentPresenter.js';
import { findAttachment, insertAttachment } from '../attachments/attachmentRepository.js';
import { sniffContentType } from '../attachments/contentSniffer.js';
import type { AppContext } from '../context.js';
import { newId } from '../db/ids.js';
import type { Executor } from '../db/transaction.js';
import type { Actor } from '../http/actor.js';
import { AppError } from '../http/appError.js';
import type { QuickReplyPictureRow } from './quickReplyRepository.js';

/**
 * A quick reply keeps its own copy of its picture. Sending one stored attachment in many conversations would
 * not work: a message binds an upload to its conversation, and only the uploader may send it. So each
 * insertion copies the picture into a fresh upload of the inserting agent, checked like any upload.
 */
export async function pictureFromUpload(
  db: Executor,
  actor: Actor,
  attachmentId: string,
  quickReplyId: string,
  now: number,
): Promise<QuickReplyPictureRow> {
  const upload = await findAttachment(db, attachmentId);
  const own =
    upload?.account_id === actor.accountId && upload.uploader_type === 'user' && upload.uploader_id === actor.userId;
  if (!upload || !own) {
    throw new AppError('VALIDATION_FAILED', 'The picture is not an upload of yours', [
      { field: 'body.attachmentId', issue: 'is not an upload of yours' },
    ]);
  }
  const sniffed = sniffContentType(upload.data);
  if (!sniffed?.isImage) {
    throw new AppError('VALIDATION_FAILED', 'A quick reply can carry a picture only (PNG, JPEG, GIF or WebP)', [
      { field: 'body.attachmentId', issue: 'is not a picture' },
    ]);
  }
  return {
    quick_reply_id: quickReplyId,
    account_id: actor.accountId,
    file_name: upload.file_name,
    content_type: sniffed.contentType,
    size: upload.data.length,
    digest: createHash('sha256').update(upload.data).digest('hex'),
    data: upload.data,
    created_at: now,
  };
}

/** A fresh, unbound upload of the actor's holding the picture: the message that uses it binds it. */
export async function pictureAsUpload(
  ctx: AppContext,
  db: Executor,
  actor: Actor,
  picture: QuickReplyPictureRow,
  now: number,
): Promise<AttachmentView> {
  const sniffed = sniffContentType(picture.data);
  if (!sniffed?.isImage) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'The stored picture is not a picture');
  const id = newId(now);
  await insertAttachment(db, {
    id,
    account_id: actor.accountId,
    uploader_type: 'user',
    uploader_id: actor.userId,
    conversation_id: null,
    file_name: picture.file_name,
    content_type: sniffed.contentType,
    size: picture.data.length,
    data: picture.data,
    created_at: now,
  });
  return presentAttachment(ctx.config.secret, {
    id,
    fileName: picture.file_name,
    contentType: sniffed.contentType,
    size: picture.data.length,
  });
}
