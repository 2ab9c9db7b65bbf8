import { type QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntdApp, ConfigProvider } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { SessionProvider } from './auth/SessionProvider';
import { antdLocales } from './i18n/antdLocales';
import { currentLocale } from './i18n/i18n';

/** Everything the pages rely on: data cache, Ant Design in the current language, and the session. */
export function AppProviders({ queryClient, children }: { queryClient: QueryClient; children: ReactNode }) {
  // Subscribing here re-renders Ant Design's built-in texts when the language changes.
  useTranslation();
  return (
    <QueryClientProvider client={queryClient}>
      {/* Ant Design would render two-character Chinese labels as "创 建"; keep them as written and as tests find them. */}
      <ConfigProvider locale={antdLocales[currentLocale()]} button={{ autoInsertSpace: false }}>
        <AntdApp>
          <SessionProvider>{children}</SessionProvider>
        </AntdApp>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
