import { LIMITS } from '@kefu/shared';
import { deleteUnattachedAttachments } from '../attachments/attachmentRepository.js';
import type { AppContext } from '../context.js';

/** Rows per delete: small enough that no statement holds its locks for long. */
const BATCH = 200;

/**
 * Deletes uploads that no message used within `LIMITS.unattachedUploadTtlMs` (a picture chosen and never
 * sent, an upload of an abandoned chat). Several nodes may run it at once: each delete only removes rows that
 * are still unattached, so they at worst find nothing left to do. Returns how many it deleted.
 */
export async function unattachedUploadSweeper(ctx: AppContext): Promise<number> {
  const cutoff = ctx.clock.now() - LIMITS.unattachedUploadTtlMs;
  let deleted = 0;
  for (;;) {
    const batch = await deleteUnattachedAttachments(ctx.db.kysely, cutoff, BATCH);
    deleted += batch.deleted;
    if (batch.found < BATCH) return deleted;
  }
}
