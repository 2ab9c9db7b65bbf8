import { z } from 'zod';
import { nameSchema } from './common.js';

export const apiTokenView = z.object({
  id: z.string(),
  name: z.string(),
  /** First characters of the token, enough to recognise it. */
  prefix: z.string(),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  createdAt: z.string(),
});
export type ApiTokenView = z.infer<typeof apiTokenView>;

export const createApiTokenBody = z.object({
  name: nameSchema,
  expiresInDays: z.number().int().min(1).max(3650).nullable().default(null),
});
export type CreateApiTokenBody = z.infer<typeof createApiTokenBody>;

export const createdApiTokenResponse = z.object({
  token: apiTokenView,
  /** The secret, shown once. */
  secret: z.string(),
});
export type CreatedApiTokenResponse = z.infer<typeof createdApiTokenResponse>;
