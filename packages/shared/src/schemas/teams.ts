import { z } from 'zod';
import { LIMITS } from '../limits.js';
import { ROLES } from '../roles.js';
import { idSchema, nameSchema } from './common.js';
import { ROUTING_LIMITS } from './routing.js';

export const TEAM_KINDS = ['skill', 'department'] as const;

const teamChatLimit = z.number().int().min(1).max(ROUTING_LIMITS.maxTeamChatLimit).nullable();

export const teamView = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(TEAM_KINDS),
  description: z.string(),
  memberIds: z.array(z.string()),
  /** Chats in progress through this team at most (routing queues the rest); null: no team limit. */
  chatLimit: z.number().int().nullable(),
  createdAt: z.string(),
});
export type TeamView = z.infer<typeof teamView>;

/** A member as a task owner picker shows them: department users too, who are not in the agent directory. */
export const teamMemberView = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  /** Disabled users stay members but cannot own a task. */
  active: z.boolean(),
});
export type TeamMemberView = z.infer<typeof teamMemberView>;
export const teamMemberListResponse = z.object({ items: z.array(teamMemberView) });

export const createTeamBody = z.object({
  name: nameSchema,
  kind: z.enum(TEAM_KINDS).default('skill'),
  description: z.string().trim().max(LIMITS.descriptionMaxLength).default(''),
  memberIds: z.array(idSchema).max(LIMITS.teamMembersMax).default([]),
  /** Chats in progress through the team at most; absent or null: no team limit. */
  chatLimit: teamChatLimit.optional(),
});
export type CreateTeamBody = z.infer<typeof createTeamBody>;

export const updateTeamBody = z
  .object({
    name: nameSchema,
    kind: z.enum(TEAM_KINDS),
    description: z.string().trim().max(LIMITS.descriptionMaxLength),
    memberIds: z.array(idSchema).max(LIMITS.teamMembersMax),
    chatLimit: teamChatLimit,
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change' });
export type UpdateTeamBody = z.infer<typeof updateTeamBody>;
