import type { TicketNotificationView } from '@kefu/shared';
import type { TFunction } from 'i18next';

export const NOTIFICATION_KINDS = [
  'ticket.assigned',
  'ticket.watching',
  'ticket.mentioned',
  'ticket.commented',
  'ticket.transitioned',
  'approval.requested',
  'approval.approved',
  'approval.rejected',
  'customer.decided',
  'follow_up.satisfied',
  'follow_up.unsatisfied',
  'task.assigned',
  'task.updated',
  'task.completed',
  'task.replied',
  'task.overdue',
  'promise.due_soon',
  'promise.overdue',
  'sla.warning',
  'sla.breached',
] as const;

/** One notification as a sentence: who did what to which ticket; kinds this console does not know read generically. */
export function notificationText(notification: TicketNotificationView, t: TFunction): string {
  const params = {
    actor: notification.actor?.name ?? t('ticketNotifications.system'),
    number: notification.ticket.number,
    title: notification.ticket.title,
    task: typeof notification.detail.title === 'string' ? notification.detail.title : '',
    reason: typeof notification.detail.reason === 'string' ? notification.detail.reason : '',
  };
  if (!(NOTIFICATION_KINDS as readonly string[]).includes(notification.kind)) {
    return t('ticketNotifications.kinds.other', params);
  }
  // i18n keys cannot hold dots: ticket.assigned is ticket_assigned there.
  return t(`ticketNotifications.kinds.${notification.kind.replace('.', '_') as 'ticket_assigned'}`, params);
}
