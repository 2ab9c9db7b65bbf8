import { z } from 'zod';
import { LIMITS } from '../limits.js';
import { idSchema, nameSchema } from './common.js';

export const TEAM_KINDS = ['skill', 'department'] as const;

export const teamView = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(TEAM_KINDS),
  description: z.string(),
  memberIds: z.array(z.string()),
  createdAt: z.string(),
});
export type TeamView = z.infer<typeof teamView>;

export const createTeamBody = z.object({
  name: nameSchema,
  kind: z.enum(TEAM_KINDS).default('skill'),
  description: z.string().trim().max(LIMITS.descriptionMaxLength).default(''),
  memberIds: z.array(idSchema).max(LIMITS.teamMembersMax).default([]),
});
export type CreateTeamBody = z.infer<typeof createTeamBody>;

export const updateTeamBody = z
  .object({
    name: nameSchema,
    kind: z.enum(TEAM_KINDS),
    description: z.string().trim().max(LIMITS.descriptionMaxLength),
    memberIds: z.array(idSchema).max(LIMITS.teamMembersMax),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change' });
export type UpdateTeamBody = z.infer<typeof updateTeamBody>;
