import { z } from 'zod';
import { LIMITS } from '../limits.js';

/** UUIDv7 (time-sortable) identifiers. */
export const idSchema = z.string().uuid();
export const idParams = z.object({ id: idSchema });
export type IdParams = z.infer<typeof idParams>;

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(LIMITS.emailMaxLength)
  .email({ message: 'must be an email address' });

export const nameSchema = z.string().trim().min(1).max(LIMITS.nameMaxLength);

export const passwordSchema = z
  .string()
  .min(LIMITS.passwordMinLength, {
    message: `must be at least ${LIMITS.passwordMinLength} characters`,
  })
  .max(LIMITS.passwordMaxLength);

/** Cursor pagination: `cursor` is the id of the last row of the previous page. */
export const pageQuery = z.object({
  cursor: idSchema.optional(),
  limit: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(LIMITS.pageSizeDefault),
});
export type PageQuery = z.infer<typeof pageQuery>;

export const okResponse = z.object({ ok: z.literal(true) });
export type OkResponse = z.infer<typeof okResponse>;
