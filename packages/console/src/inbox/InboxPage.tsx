import { BellOutlined, CheckCircleFilled, LoadingOutlined, WarningFilled } from '@ant-design/icons';
import { CONVERSATION_STATUSES } from '@kefu/shared';
import { Button, Empty, Flex, Tag, Tooltip, Typography, theme } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import type { ConversationListFilter, ConversationTab, StatusFilter } from '../api/conversations';
import { useConnectionState, useRealtime } from '../realtime/RealtimeContext';
import { useStoreSelector } from '../realtime/stores';
import { ConversationList } from './ConversationList';
import { ConversationPane } from './ConversationPane';
import {
  type NotificationPermissionState,
  notificationPermission,
  unlockAudio,
  useDocumentTitle,
} from './notifications';
import { ConversationSearchButton } from './search/ConversationSearchButton';
import { QueueButton } from './transfer/QueueButton';
import { useConversationList } from './useConversationList';

const TABS: readonly ConversationTab[] = ['mine', 'unassigned', 'all'];
const STATUSES: readonly StatusFilter[] = [...CONVERSATION_STATUSES, 'any'];

function parseFilter(params: URLSearchParams): ConversationListFilter {
  const tab = params.get('tab');
  const status = params.get('status');
  return {
    tab: TABS.includes(tab as ConversationTab) ? (tab as ConversationTab) : 'all',
    status: STATUSES.includes(status as StatusFilter) ? (status as StatusFilter) : 'open',
  };
}

/** Keys typed into a field are text, not shortcuts. */
function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** The agent inbox: `/inbox` and `/inbox/:conversationId`. The layout holds the tab's realtime connection. */
export function InboxPage() {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const { conversationId } = useParams();
  const [searchParams, setSearchParams] = useSearchParams();
  const navigate = useNavigate();
  const realtime = useRealtime();
  const filter = parseFilter(searchParams);
  const list = useConversationList(filter);

  const search = searchParams.toString();
  const hrefFor = useCallback(
    (id: string) => `/inbox/${encodeURIComponent(id)}${search ? `?${search}` : ''}`,
    [search],
  );

  const totalUnread = useStoreSelector(realtime.unread, (store) =>
    store.values().reduce((sum, count) => sum + count, 0),
  );
  useDocumentTitle(`${totalUnread > 0 ? `(${totalUnread}) ` : ''}${t('inbox.title')} - Kefu`);

  // Alt+↑/↓ anywhere, J/K outside text fields: the next or previous conversation in the list.
  const { items } = list;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      let step = 0;
      if (event.altKey && !event.ctrlKey && !event.metaKey && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
        step = event.key === 'ArrowDown' ? 1 : -1;
      } else if (!event.altKey && !event.ctrlKey && !event.metaKey && !isEditable(event.target)) {
        const key = event.key.toLowerCase();
        if (key === 'j') step = 1;
        else if (key === 'k') step = -1;
      }
      if (step === 0 || items.length === 0) return;
      event.preventDefault();
      const index = items.findIndex((item) => item.id === conversationId);
      const next = index === -1 ? (step > 0 ? 0 : items.length - 1) : index + step;
      const target = items[Math.min(items.length - 1, Math.max(0, next))];
      if (target && target.id !== conversationId) navigate(hrefFor(target.id));
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [items, conversationId, navigate, hrefFor]);

  const changeFilter = (next: ConversationListFilter) => {
    const params = new URLSearchParams(searchParams);
    params.set('tab', next.tab);
    params.set('status', next.status);
    setSearchParams(params, { replace: true });
  };

  return (
    <Flex vertical style={{ height: 'calc(100vh - 112px)', minHeight: 480 }}>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Flex align="center" gap={12}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('inbox.title')}
          </Typography.Title>
          <ConnectionStatus />
        </Flex>
        <Flex gap={8} align="center">
          <QueueButton hrefFor={hrefFor} />
          <ConversationSearchButton hrefFor={hrefFor} />
          <NotificationButton />
        </Flex>
      </Flex>
      <Flex
        style={{
          flex: 1,
          minHeight: 0,
          background: token.colorBgContainer,
          border: `1px solid ${token.colorBorderSecondary}`,
          borderRadius: token.borderRadiusLG,
          overflow: 'hidden',
        }}
      >
        <nav
          aria-label={t('inbox.listNav')}
          style={{ width: 320, flexShrink: 0, borderInlineEnd: `1px solid ${token.colorSplit}`, height: '100%' }}
        >
          <ConversationList
            filter={filter}
            onFilterChange={changeFilter}
            list={list}
            selectedId={conversationId}
            hrefFor={hrefFor}
          />
        </nav>
        {conversationId ? (
          <ConversationPane key={conversationId} conversationId={conversationId} hrefFor={hrefFor} />
        ) : (
          <Flex flex={1} justify="center" align="center">
            <Empty description={t('inbox.pickOne')}>
              <Typography.Text type="secondary">{t('inbox.shortcutsHint')}</Typography.Text>
            </Empty>
          </Flex>
        )}
      </Flex>
    </Flex>
  );
}

/** Says honestly whether live updates are flowing. */
function ConnectionStatus() {
  const { t } = useTranslation();
  const state = useConnectionState();
  const look = {
    connected: { color: 'success', icon: <CheckCircleFilled /> },
    connecting: { color: 'processing', icon: <LoadingOutlined /> },
    reconnecting: { color: 'warning', icon: <LoadingOutlined /> },
    failed: { color: 'error', icon: <WarningFilled /> },
  }[state];
  return (
    <Tooltip title={t(`inbox.connectionHints.${state}`)}>
      <Tag color={look.color} icon={look.icon} data-testid="connection-state" data-state={state} role="status">
        {t(`inbox.connection.${state}`)}
      </Tag>
    </Tooltip>
  );
}

/** Desktop notifications are asked for only when the agent clicks, never on load. */
function NotificationButton() {
  const { t } = useTranslation();
  const [permission, setPermission] = useState<NotificationPermissionState>(notificationPermission);
  if (permission === 'unsupported') return null;
  if (permission === 'granted') {
    return (
      <Typography.Text type="secondary" data-testid="notifications-on">
        <BellOutlined /> {t('inbox.notificationsOn')}
      </Typography.Text>
    );
  }
  if (permission === 'denied') {
    return (
      <Tooltip title={t('inbox.notificationsBlockedHint')}>
        <Typography.Text type="secondary">
          <BellOutlined /> {t('inbox.notificationsBlocked')}
        </Typography.Text>
      </Tooltip>
    );
  }
  return (
    <Button
      icon={<BellOutlined />}
      onClick={() => {
        unlockAudio();
        void Notification.requestPermission().then(setPermission);
      }}
      data-testid="enable-notifications"
    >
      {t('inbox.enableNotifications')}
    </Button>
  );
}
