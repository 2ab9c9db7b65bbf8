import { roleHasPermission } from '@kefu/shared';
import { Flex, Layout, Skeleton, Space, Typography, theme } from 'antd';
import { type ReactNode, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router-dom';
import { useSignedInSession } from '../auth/SessionContext';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { useInboxNotifier } from '../inbox/notifications';
import { NotificationBell } from '../notifications/NotificationBell';
import { PresenceSwitcher } from '../presence/PresenceSwitcher';
import { useRoutingFrames } from '../presence/useRoutingFrames';
import { useRealtime } from '../realtime/RealtimeContext';
import { RealtimeProvider } from '../realtime/RealtimeProvider';
import { useStoreSelector } from '../realtime/stores';
import { NavMenu } from './NavMenu';
import { UserMenu } from './UserMenu';

/**
 * The signed-in console. Users who may read conversations get the agent socket for as long as they are signed
 * in, on every page: new conversations and messages notify them and count in the navigation wherever they are.
 */
export function AppLayout() {
  const { user } = useSignedInSession();
  const notify = useInboxNotifier();
  if (!roleHasPermission(user.role, 'conversations.read')) return <LayoutFrame inboxUnread={0} />;
  return (
    <RealtimeProvider notify={notify}>
      <LiveLayoutFrame />
    </RealtimeProvider>
  );
}

function LiveLayoutFrame() {
  const { user } = useSignedInSession();
  const realtime = useRealtime();
  useRoutingFrames();
  const unread = useStoreSelector(realtime.unread, (store) => store.values().reduce((sum, count) => sum + count, 0));
  const takesChats = roleHasPermission(user.role, 'presence.self');
  return <LayoutFrame inboxUnread={unread} headerExtra={takesChats ? <PresenceSwitcher /> : null} />;
}

function LayoutFrame({ inboxUnread, headerExtra }: { inboxUnread: number; headerExtra?: ReactNode }) {
  const { t } = useTranslation();
  const { user, account } = useSignedInSession();
  const { token } = theme.useToken();

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider theme="light" breakpoint="lg" collapsedWidth={0} width={220}>
        <Typography.Title level={4} style={{ margin: 0, padding: '16px 24px' }}>
          {t('app.name')}
        </Typography.Title>
        <NavMenu role={user.role} badges={{ inbox: inboxUnread }} />
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: token.colorBgContainer, paddingInline: 24 }}>
          <Flex align="center" justify="space-between" style={{ height: '100%' }}>
            <Typography.Text strong data-testid="workspace-name">
              {account.name}
            </Typography.Text>
            <Space>
              {headerExtra}
              {roleHasPermission(user.role, 'tickets.read') ? <NotificationBell /> : null}
              <LanguageSwitch />
              <UserMenu />
            </Space>
          </Flex>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          <main>
            <Suspense fallback={<Skeleton active />}>
              <Outlet />
            </Suspense>
          </main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
