import {
  readTicketNotificationsBody,
  readTicketNotificationsResponse,
  type TicketNotificationView,
  ticketNotificationListQuery,
  ticketNotificationListResponse,
} from '@kefu/shared';
import type { KefuApp } from '../http/kefuApp.js';
import {
  countUnreadNotifications,
  listUserNotifications,
  markNotificationsRead,
  type UserNotificationRow,
} from './notificationRepository.js';

function presentNotification(row: UserNotificationRow): TicketNotificationView {
  const { number: _number, title: _title, ...detail } = JSON.parse(row.detail) as Record<string, unknown>;
  return {
    id: row.id,
    kind: row.kind,
    ticket: { id: row.ticket_id, number: row.number, title: row.title },
    taskId: row.task_id,
    actor: row.actor_name === null ? null : { id: row.actor_id, name: row.actor_name },
    detail,
    createdAt: new Date(row.created_at).toISOString(),
    readAt: row.read_at === null ? null : new Date(row.read_at).toISOString(),
  };
}

/** The notification bell: the caller's own rows of the ticket notifications outbox, and marking them read. */
export function ticketNotificationRoutes(app: KefuApp) {
  const tags = ['tickets'];
  const { ctx } = app;

  app.get(
    '/api/ticket-notifications',
    {
      config: { access: 'tickets.read' },
      schema: {
        tags,
        summary: "The caller's ticket notifications, newest first, with the unread count",
        querystring: ticketNotificationListQuery,
        response: { 200: ticketNotificationListResponse },
      },
    },
    async (request) => {
      const actor = request.actor!;
      const db = ctx.db.kysely;
      const { cursor, limit, unread } = request.query;
      const rows = await listUserNotifications(db, actor.accountId, actor.userId, { cursor, unread, limit: limit + 1 });
      const page = rows.slice(0, limit);
      return {
        items: page.map(presentNotification),
        nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
        unreadCount: await countUnreadNotifications(db, actor.accountId, actor.userId),
      };
    },
  );

  app.post(
    '/api/ticket-notifications/read',
    {
      config: { access: 'tickets.read' },
      schema: {
        tags,
        summary: 'Mark some (ids) or all of the caller’s ticket notifications read',
        body: readTicketNotificationsBody,
        response: { 200: readTicketNotificationsResponse },
      },
    },
    async (request) => {
      const actor = request.actor!;
      const db = ctx.db.kysely;
      await markNotificationsRead(db, actor.accountId, actor.userId, request.body.ids, ctx.clock.now());
      return { unreadCount: await countUnreadNotifications(db, actor.accountId, actor.userId) };
    },
  );
}
