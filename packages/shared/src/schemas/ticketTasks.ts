import { z } from 'zod';
import { idSchema, pageQuery } from './common.js';
import { ticketFileView } from './ticketFiles.js';

/**
 * Department tasks (协办任务): a piece of a ticket handed to a team (技术部, 仓库, 财务 …) with an owner, a due time
 * and instructions. A task is visible to its owner and to the members of its team; department users see only
 * those tasks, and of their tickets only the restricted view.
 */
export const TASK_STATUSES = ['open', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const TASK_LIMITS = {
  titleMaxLength: 100,
  instructionsMaxLength: 5000,
  resultMaxLength: 2000,
  replyMaxLength: 5000,
  attachmentsPerReply: 10,
} as const;

const ref = z.object({ id: z.string(), name: z.string() });

export const ticketTaskView = z.object({
  id: z.string(),
  ticket: z.object({ id: z.string(), number: z.string(), title: z.string() }),
  team: ref,
  owner: ref.nullable(),
  title: z.string(),
  instructions: z.string(),
  dueAt: z.string().nullable(),
  /** Open past its due time. */
  overdue: z.boolean(),
  status: z.enum(TASK_STATUSES),
  /** The department may see the customer's phone, email and personal fields (e.g. to ship a replacement). */
  shareContact: z.boolean(),
  /** What the department reported when marking it done. */
  result: z.string(),
  createdBy: ref.nullable(),
  completedBy: ref.nullable(),
  completedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type TicketTaskView = z.infer<typeof ticketTaskView>;

export const taskReplyView = z.object({
  id: z.string(),
  body: z.string(),
  author: z.object({ id: z.string().nullable(), name: z.string().nullable() }),
  /** Uploads attached to the reply; both sides of the task may open them. */
  files: z.array(ticketFileView),
  createdAt: z.string(),
});
export type TaskReplyView = z.infer<typeof taskReplyView>;

export const ticketTaskDetailView = ticketTaskView.extend({ replies: z.array(taskReplyView) });
export type TicketTaskDetailView = z.infer<typeof ticketTaskDetailView>;

export const taskListResponse = z.object({ items: z.array(ticketTaskView), nextCursor: z.string().nullable() });

const isoDateTime = z.iso.datetime({ offset: true });

export const createTaskBody = z.object({
  teamId: idSchema,
  /** A member of the team; null: any member may take it. */
  ownerId: idSchema.nullable().default(null),
  title: z.string().trim().min(1).max(TASK_LIMITS.titleMaxLength),
  instructions: z.string().trim().max(TASK_LIMITS.instructionsMaxLength).default(''),
  dueAt: isoDateTime.nullable().default(null),
  shareContact: z.boolean().default(false),
});
export type CreateTaskBody = z.infer<typeof createTaskBody>;

/** Staff change a task; `status` cancels it or reopens a done or cancelled one. */
export const updateTaskBody = z
  .object({
    version: z.number().int().min(1),
    teamId: idSchema.optional(),
    ownerId: idSchema.nullable().optional(),
    title: z.string().trim().min(1).max(TASK_LIMITS.titleMaxLength).optional(),
    instructions: z.string().trim().max(TASK_LIMITS.instructionsMaxLength).optional(),
    dueAt: isoDateTime.nullable().optional(),
    shareContact: z.boolean().optional(),
    status: z.enum(['open', 'cancelled']).optional(),
  })
  .refine((v) => Object.keys(v).some((k) => k !== 'version'), { message: 'nothing to change' });
export type UpdateTaskBody = z.infer<typeof updateTaskBody>;

export const completeTaskBody = z.object({
  version: z.number().int().min(1),
  result: z.string().trim().min(1).max(TASK_LIMITS.resultMaxLength),
});
export type CompleteTaskBody = z.infer<typeof completeTaskBody>;

/** `attachmentIds`: uploads of the caller (POST /api/attachments) not used yet; they become files of the ticket. */
export const taskReplyBody = z.object({
  body: z.string().trim().min(1).max(TASK_LIMITS.replyMaxLength),
  attachmentIds: z.array(idSchema).max(TASK_LIMITS.attachmentsPerReply).default([]),
});
export type TaskReplyBody = z.infer<typeof taskReplyBody>;

export const taskListQuery = pageQuery.extend({
  status: z.enum(TASK_STATUSES).optional(),
  /** `mine`: owned by the caller; `team`: unowned tasks of the caller's teams; absent: both. */
  scope: z.enum(['mine', 'team']).optional(),
});
export type TaskListQuery = z.infer<typeof taskListQuery>;
