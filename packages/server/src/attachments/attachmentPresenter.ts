import { createHmac } from 'node:crypto';
import type { AttachmentView } from '@kefu/shared';

/** What a message keeps of each attachment, so showing a message needs no extra query. */
export interface StoredAttachment {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
}

/**
 * Attachment URLs are capabilities: `<img src>` cannot send credentials, so the URL itself carries an
 * HMAC of the id. Only people who can see the message get the URL.
 */
export function attachmentSignature(key: string, id: string): string {
  return createHmac('sha256', key).update(`attachment.${id}`).digest('base64url').slice(0, 32);
}

export function presentAttachment(key: string, a: StoredAttachment): AttachmentView {
  return {
    id: a.id,
    fileName: a.fileName,
    contentType: a.contentType,
    size: a.size,
    url: `/api/attachments/${a.id}/${attachmentSignature(key, a.id)}`,
    isImage: a.contentType.startsWith('image/'),
  };
}
