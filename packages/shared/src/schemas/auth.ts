import { z } from 'zod';
import { ROLES } from '../roles.js';
import { emailSchema, nameSchema, passwordSchema } from './common.js';

export const loginBody = z.object({
  email: emailSchema,
  // Sign-in checks only presence: a password policy change must not lock out old passwords.
  password: z.string().min(1).max(500),
});
export type LoginBody = z.infer<typeof loginBody>;

export const LOCALES = ['zh-CN', 'zh-TW', 'en'] as const;
export const localeSchema = z.enum(LOCALES);
export type Locale = z.infer<typeof localeSchema>;

export const sessionUser = z.object({
  id: z.string(),
  accountId: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  locale: localeSchema,
});
export type SessionUser = z.infer<typeof sessionUser>;

export const sessionResponse = z.object({
  user: sessionUser,
  account: z.object({ id: z.string(), name: z.string() }),
  csrfToken: z.string(),
});
export type SessionResponse = z.infer<typeof sessionResponse>;

export const changePasswordBody = z.object({
  currentPassword: z.string().min(1).max(500),
  newPassword: passwordSchema,
});
export type ChangePasswordBody = z.infer<typeof changePasswordBody>;

export const updateProfileBody = z
  .object({ name: nameSchema, locale: localeSchema })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change' });
export type UpdateProfileBody = z.infer<typeof updateProfileBody>;

export const acceptInviteBody = z.object({
  token: z.string().min(20).max(200),
  name: nameSchema,
  password: passwordSchema,
});
export type AcceptInviteBody = z.infer<typeof acceptInviteBody>;
