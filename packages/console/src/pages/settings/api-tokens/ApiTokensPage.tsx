import { PlusOutlined } from '@ant-design/icons';
import type { ApiTokenView } from '@kefu/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Popconfirm, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiTokensKey, listApiTokens, revokeApiToken } from '../../../api/apiTokens';
import { useErrorMessage } from '../../../api/useErrorMessage';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { PageHeader } from '../../../components/PageHeader';
import { useFormatDateTime } from '../../../format/useFormatDateTime';
import { CreateApiTokenModal } from './CreateApiTokenModal';

export function ApiTokensPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const formatDateTime = useFormatDateTime();
  const [creating, setCreating] = useState(false);
  const tokens = useQuery({ queryKey: apiTokensKey, queryFn: listApiTokens });

  const revoke = useMutation({
    mutationFn: (token: ApiTokenView) => revokeApiToken(token.id),
    onSuccess: async (_, token) => {
      message.success(t('apiTokens.revoked', { name: token.name }));
      await queryClient.invalidateQueries({ queryKey: apiTokensKey });
    },
    onError: (error) => message.error(errorMessage(error)),
  });

  const columns: TableColumnsType<ApiTokenView> = [
    { key: 'name', title: t('apiTokens.name'), dataIndex: 'name' },
    {
      key: 'prefix',
      title: t('apiTokens.prefix'),
      render: (_, token) => <Typography.Text code>{`${token.prefix}…`}</Typography.Text>,
    },
    { key: 'createdAt', title: t('apiTokens.createdAt'), render: (_, token) => formatDateTime(token.createdAt) },
    {
      key: 'lastUsed',
      title: t('apiTokens.lastUsed'),
      render: (_, token) => (token.lastUsedAt ? formatDateTime(token.lastUsedAt) : t('common.never')),
    },
    {
      key: 'expires',
      title: t('apiTokens.expires'),
      render: (_, token) => {
        if (!token.expiresAt) return t('apiTokens.neverExpires');
        const expired = new Date(token.expiresAt).getTime() <= Date.now();
        return (
          <>
            {formatDateTime(token.expiresAt)} {expired ? <Tag color="red">{t('apiTokens.expired')}</Tag> : null}
          </>
        );
      },
    },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_, token) => (
        <Popconfirm
          title={t('apiTokens.revokeConfirm', { name: token.name })}
          okText={t('apiTokens.revoke')}
          cancelText={t('common.cancel')}
          okButtonProps={{ danger: true }}
          onConfirm={() => revoke.mutateAsync(token).catch(() => undefined)}
        >
          <Button type="link" size="small" danger>
            {t('apiTokens.revoke')}
          </Button>
        </Popconfirm>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('apiTokens.title')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="create-api-token"
          >
            {t('apiTokens.create')}
          </Button>
        }
      />
      <Typography.Paragraph type="secondary">{t('apiTokens.intro')}</Typography.Paragraph>
      {tokens.isError ? <ErrorAlert error={tokens.error} /> : null}
      <Table<ApiTokenView>
        aria-label={t('apiTokens.tableLabel')}
        rowKey="id"
        columns={columns}
        dataSource={tokens.data?.items}
        loading={tokens.isFetching}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
      />
      {creating ? <CreateApiTokenModal onClose={() => setCreating(false)} /> : null}
    </>
  );
}
