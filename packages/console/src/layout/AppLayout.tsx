import { Flex, Layout, Skeleton, Space, Typography, theme } from 'antd';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router-dom';
import { useSignedInSession } from '../auth/SessionContext';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { NavMenu } from './NavMenu';
import { UserMenu } from './UserMenu';

export function AppLayout() {
  const { t } = useTranslation();
  const { user, account } = useSignedInSession();
  const { token } = theme.useToken();

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider theme="light" breakpoint="lg" collapsedWidth={0} width={220}>
        <Typography.Title level={4} style={{ margin: 0, padding: '16px 24px' }}>
          {t('app.name')}
        </Typography.Title>
        <NavMenu role={user.role} />
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: token.colorBgContainer, paddingInline: 24 }}>
          <Flex align="center" justify="space-between" style={{ height: '100%' }}>
            <Typography.Text strong data-testid="workspace-name">
              {account.name}
            </Typography.Text>
            <Space>
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
