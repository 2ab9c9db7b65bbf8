import { ExportOutlined } from '@ant-design/icons';
import type { InboxView } from '@kefu/shared';
import { Alert, Button, Drawer, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { CopyableSecret } from '../../../components/CopyableSecret';
import { demoUrl } from './demoUrl';

/** Everything needed to put the widget on a website: the snippet, the token, and (admins) the HMAC secret. */
export function InboxInstallDrawer({ inbox, onClose }: { inbox: InboxView; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Drawer open title={t('inboxes.installTitle', { name: inbox.name })} onClose={onClose} size={560}>
      <Flex vertical gap={8}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('inboxes.snippet')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('inboxes.snippetHint')}</Typography.Text>
        <CopyableSecret value={inbox.snippet} testId="inbox-snippet" />
        <Button
          href={demoUrl(inbox)}
          target="_blank"
          rel="noopener"
          icon={<ExportOutlined />}
          style={{ width: 'fit-content' }}
        >
          {t('inboxes.tryIt')}
        </Button>

        <Typography.Title level={5} style={{ marginBottom: 0 }}>
          {t('inboxes.websiteToken')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('inboxes.websiteTokenHint')}</Typography.Text>
        <CopyableSecret value={inbox.websiteToken} testId="inbox-website-token" />

        {inbox.hmacSecret ? (
          <>
            <Typography.Title level={5} style={{ marginBottom: 0 }}>
              {t('inboxes.hmacSecret')}
            </Typography.Title>
            <Alert type="warning" showIcon title={t('inboxes.hmacSecretWarning')} />
            <Typography.Paragraph style={{ marginBottom: 0 }}>{t('inboxes.hmacExplain')}</Typography.Paragraph>
            <Typography.Paragraph code style={{ marginBottom: 0 }}>
              {'identifierHash = hex(HMAC-SHA256(secret, userId))'}
            </Typography.Paragraph>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
              {t('inboxes.hmacAttributes')}
            </Typography.Paragraph>
            <CopyableSecret value={inbox.hmacSecret} testId="inbox-hmac-secret" />
          </>
        ) : null}
      </Flex>
    </Drawer>
  );
}
