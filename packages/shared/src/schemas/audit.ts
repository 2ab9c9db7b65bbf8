import { z } from 'zod';
import { idSchema, pageQuery } from './common.js';

export const AUDIT_ACTIONS = [
  'auth.sign_in',
  'auth.sign_in_failed',
  'auth.sign_out',
  'auth.locked',
  'auth.password_changed',
  'user.created',
  'user.invited',
  'user.invite_accepted',
  'user.updated',
  'user.role_changed',
  'user.disabled',
  'user.enabled',
  'user.password_reset',
  'team.created',
  'team.updated',
  'team.deleted',
  'api_token.created',
  'api_token.revoked',
  'account.updated',
  'inbox.created',
  'inbox.updated',
  'contact.revealed',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const auditEventView = z.object({
  id: z.string(),
  action: z.enum(AUDIT_ACTIONS),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  ip: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
});
export type AuditEventView = z.infer<typeof auditEventView>;

export const auditListQuery = pageQuery.extend({
  action: z.enum(AUDIT_ACTIONS).optional(),
  actorId: idSchema.optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});
export type AuditListQuery = z.infer<typeof auditListQuery>;
