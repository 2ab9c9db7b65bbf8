import { BellOutlined } from '@ant-design/icons';
import type { TicketNotificationView } from '@kefu/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Empty, Flex, List, Popover, Typography } from 'antd';
import { useContext, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { listTicketNotifications, readTicketNotifications, ticketNotificationsKey } from '../api/tickets';
import { usePermission } from '../auth/usePermission';
import { useFormatDateTime } from '../format/useFormatDateTime';
import { RealtimeContext } from '../realtime/RealtimeContext';
import { notificationText } from './notificationText';

const POLL_MS = 60_000;

/**
 * The bell in the header: ticket notifications (assignments, mentions, approvals, task changes, reminders) with
 * the unread count. Opening one marks it read and goes to its ticket, or for department users to their task.
 */
export function NotificationBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const realtime = useContext(RealtimeContext);
  const formatDateTime = useFormatDateTime();
  const seesTickets = usePermission('tickets.write');
  const [open, setOpen] = useState(false);
  const notifications = useQuery({
    queryKey: ticketNotificationsKey,
    queryFn: ({ signal }) => listTicketNotifications({ limit: 20 }, signal),
    refetchInterval: POLL_MS,
  });
  // A ticket change may have notified this user; the socket does not say whom, so read the list again.
  useEffect(() => {
    if (!realtime) return;
    return realtime.onFrame((frame) => {
      if (frame.type === 'ticket') void queryClient.invalidateQueries({ queryKey: ticketNotificationsKey });
    });
  }, [realtime, queryClient]);
  const read = useMutation({
    mutationFn: readTicketNotifications,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ticketNotificationsKey }),
  });

  const go = (notification: TicketNotificationView) => {
    if (!notification.readAt) read.mutate({ ids: [notification.id] });
    setOpen(false);
    if (seesTickets) navigate(`/tickets/${notification.ticket.id}`);
    else if (notification.taskId) navigate(`/tasks/${notification.taskId}`);
    else navigate('/tasks');
  };
  const unread = notifications.data?.unreadCount ?? 0;
  const items = notifications.data?.items ?? [];

  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      placement="bottomRight"
      title={
        <Flex justify="space-between" align="center" gap={16}>
          <span>{t('ticketNotifications.title')}</span>
          <Button
            type="link"
            size="small"
            disabled={unread === 0}
            onClick={() => read.mutate({ all: true })}
            data-testid="notifications-read-all"
          >
            {t('ticketNotifications.readAll')}
          </Button>
        </Flex>
      }
      content={
        items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ticketNotifications.empty')} />
        ) : (
          <List
            size="small"
            style={{ width: 360, maxHeight: 420, overflowY: 'auto' }}
            dataSource={items}
            renderItem={(notification) => (
              <List.Item
                onClick={() => go(notification)}
                style={{ cursor: 'pointer' }}
                data-testid="notification"
                data-unread={notification.readAt ? undefined : 'true'}
              >
                <Flex vertical gap={2}>
                  <Typography.Text strong={!notification.readAt}>{notificationText(notification, t)}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {notification.ticket.number} · {formatDateTime(notification.createdAt)}
                  </Typography.Text>
                </Flex>
              </List.Item>
            )}
          />
        )
      }
    >
      <Badge count={unread} size="small" data-testid="notification-count">
        <Button
          type="text"
          icon={<BellOutlined />}
          aria-label={t('ticketNotifications.title')}
          data-testid="notification-bell"
        />
      </Badge>
    </Popover>
  );
}
