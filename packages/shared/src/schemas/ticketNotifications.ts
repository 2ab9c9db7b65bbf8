import { z } from 'zod';
import { idSchema, pageQuery } from './common.js';

/**
 * The console's notification bell reads the ticket notifications outbox (`ticket_notifications`): one row per
 * recipient, written in the same transaction as the change (assignments, mentions, approvals, task changes,
 * promise and SLA warnings). Kinds are listed in docs/ARCHITECTURE.md, "Replies, comments, promises, notifications".
 */
export const ticketNotificationView = z.object({
  id: z.string(),
  /** ticket.assigned, ticket.mentioned, approval.requested, task.assigned, promise.overdue … */
  kind: z.string(),
  ticket: z.object({ id: z.string(), number: z.string(), title: z.string() }),
  taskId: z.string().nullable(),
  /** Who caused it; null for the system (reminders, overdue notices). */
  actor: z.object({ id: z.string().nullable(), name: z.string() }).nullable(),
  /** The event's facts (a rejection's reason, the new state …) besides the ticket number and title. */
  detail: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type TicketNotificationView = z.infer<typeof ticketNotificationView>;

export const ticketNotificationListQuery = pageQuery.extend({
  /** Only the unread ones. */
  unread: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export type TicketNotificationListQuery = z.infer<typeof ticketNotificationListQuery>;

export const ticketNotificationListResponse = z.object({
  items: z.array(ticketNotificationView),
  nextCursor: z.string().nullable(),
  /** All of the caller's unread notifications, whatever the page shows. */
  unreadCount: z.number().int(),
});

/** Mark some (`ids`) or all (`all: true`) of the caller's notifications read. */
export const readTicketNotificationsBody = z
  .object({
    ids: z.array(idSchema).min(1).max(100).optional(),
    all: z.literal(true).optional(),
  })
  .refine((v) => (v.ids === undefined) !== (v.all === undefined), { message: 'give ids or all, not both' });
export type ReadTicketNotificationsBody = z.infer<typeof readTicketNotificationsBody>;

export const readTicketNotificationsResponse = z.object({ unreadCount: z.number().int() });
