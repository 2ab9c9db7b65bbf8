import { CodeOutlined, EditOutlined, ExportOutlined, PlusOutlined } from '@ant-design/icons';
import type { InboxView } from '@kefu/shared';
import { useQuery } from '@tanstack/react-query';
import { Button, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { inboxesKey, listInboxes } from '../../../api/inboxes';
import { usePermission } from '../../../auth/usePermission';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { PageHeader } from '../../../components/PageHeader';
import { useFormatDateTime } from '../../../format/useFormatDateTime';
import { demoUrl } from './demoUrl';
import { InboxFormModal } from './InboxFormModal';
import { InboxInstallDrawer } from './InboxInstallDrawer';

type Dialog = { kind: 'create' } | { kind: 'edit'; inbox: InboxView } | { kind: 'install'; inbox: InboxView };

/** 接入渠道: the web widgets of this workspace, their settings and install snippets. */
export function InboxesPage() {
  const { t } = useTranslation();
  const canManage = usePermission('inboxes.manage');
  const formatDateTime = useFormatDateTime();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const inboxes = useQuery({ queryKey: inboxesKey, queryFn: listInboxes });

  const columns: TableColumnsType<InboxView> = [
    {
      key: 'name',
      title: t('inboxes.name'),
      render: (_, inbox) => (
        <Space>
          <span
            aria-hidden
            style={{
              display: 'inline-block',
              width: 12,
              height: 12,
              borderRadius: 3,
              background: inbox.settings.color,
            }}
          />
          <Typography.Text strong>{inbox.name}</Typography.Text>
        </Space>
      ),
    },
    { key: 'channel', title: t('inboxes.channel'), render: () => <Tag>{t('inboxes.webWidget')}</Tag> },
    {
      key: 'token',
      title: t('inboxes.websiteToken'),
      render: (_, inbox) => <Typography.Text code>{inbox.websiteToken}</Typography.Text>,
    },
    {
      key: 'locale',
      title: t('inboxes.locale'),
      render: (_, inbox) => t(`languages.${inbox.settings.locale}`),
    },
    {
      key: 'preChat',
      title: t('inboxes.preChatForm'),
      render: (_, inbox) =>
        inbox.settings.preChatForm.enabled ? (
          <Tag color="blue">{t('inboxes.enabled')}</Tag>
        ) : (
          <Typography.Text type="secondary">{t('inboxes.disabled')}</Typography.Text>
        ),
    },
    { key: 'createdAt', title: t('inboxes.createdAt'), render: (_, inbox) => formatDateTime(inbox.createdAt) },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_, inbox) => (
        <Space size={0} wrap>
          <Button
            type="link"
            size="small"
            icon={<CodeOutlined />}
            onClick={() => setDialog({ kind: 'install', inbox })}
            data-testid={`install-${inbox.id}`}
          >
            {t('inboxes.install')}
          </Button>
          {canManage ? (
            <Button
              type="link"
              size="small"
              icon={<EditOutlined />}
              onClick={() => setDialog({ kind: 'edit', inbox })}
              data-testid={`edit-${inbox.id}`}
            >
              {t('common.edit')}
            </Button>
          ) : null}
          <Button
            type="link"
            size="small"
            icon={<ExportOutlined />}
            href={demoUrl(inbox)}
            target="_blank"
            rel="noopener"
          >
            {t('inboxes.tryIt')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('inboxes.title')}
        extra={
          canManage ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setDialog({ kind: 'create' })}
              data-testid="create-inbox"
            >
              {t('inboxes.create')}
            </Button>
          ) : null
        }
      />
      <Typography.Paragraph type="secondary">{t('inboxes.intro')}</Typography.Paragraph>
      {inboxes.isError ? <ErrorAlert error={inboxes.error} /> : null}
      <Table<InboxView>
        aria-label={t('inboxes.tableLabel')}
        rowKey="id"
        columns={columns}
        dataSource={inboxes.data?.items}
        loading={inboxes.isFetching}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
      />
      {dialog?.kind === 'create' ? (
        <InboxFormModal onClose={() => setDialog(null)} onCreated={(inbox) => setDialog({ kind: 'install', inbox })} />
      ) : null}
      {dialog?.kind === 'edit' ? <InboxFormModal inbox={dialog.inbox} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'install' ? <InboxInstallDrawer inbox={dialog.inbox} onClose={() => setDialog(null)} /> : null}
    </>
  );
}
