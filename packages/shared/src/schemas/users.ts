import { z } from 'zod';
import { ROLES } from '../roles.js';
import { localeSchema } from './auth.js';
import { emailSchema, nameSchema, passwordSchema } from './common.js';

export const roleSchema = z.enum(ROLES);

export const USER_STATUSES = ['active', 'invited', 'disabled'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export const userView = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  status: z.enum(USER_STATUSES),
  locale: localeSchema,
  teamIds: z.array(z.string()),
  lastSignInAt: z.string().nullable(),
  createdAt: z.string(),
});
export type UserView = z.infer<typeof userView>;

export const createUserBody = z.object({
  email: emailSchema,
  name: nameSchema,
  role: roleSchema,
  password: passwordSchema,
});
export type CreateUserBody = z.infer<typeof createUserBody>;

export const inviteUserBody = z.object({
  email: emailSchema,
  name: nameSchema,
  role: roleSchema,
});
export type InviteUserBody = z.infer<typeof inviteUserBody>;

export const inviteResponse = z.object({
  user: userView,
  /** Shown once; the server keeps only its hash. */
  inviteUrl: z.string(),
});
export type InviteResponse = z.infer<typeof inviteResponse>;

export const updateUserBody = z
  .object({ name: nameSchema, role: roleSchema })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change' });
export type UpdateUserBody = z.infer<typeof updateUserBody>;

export const resetPasswordBody = z.object({ newPassword: passwordSchema });
export type ResetPasswordBody = z.infer<typeof resetPasswordBody>;

export const userListQuery = z.object({
  q: z.string().trim().max(100).optional(),
  role: roleSchema.optional(),
  status: z.enum(USER_STATUSES).optional(),
});
export type UserListQuery = z.infer<typeof userListQuery>;
