import { PlusOutlined } from '@ant-design/icons';
import type { LabelView } from '@kefu/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Popconfirm, Space, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { conversationsKey } from '../../../api/conversations';
import { deleteLabel, labelsKey, listLabels } from '../../../api/labels';
import { useErrorMessage } from '../../../api/useErrorMessage';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { PageHeader } from '../../../components/PageHeader';
import { LabelFormModal } from './LabelFormModal';
import { LabelTag } from './LabelTag';

type Dialog = { kind: 'create' } | { kind: 'edit'; label: LabelView };

/** Conversation labels (标签), for admins: name, colour and describe them; agents put them on conversations. */
export function LabelsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const labels = useQuery({ queryKey: labelsKey, queryFn: listLabels });

  const remove = useMutation({
    mutationFn: (label: LabelView) => deleteLabel(label.id),
    onSuccess: async (change, label) => {
      message.success(t('labels.deleted', { name: label.name, count: change.conversationsUpdated }));
      await queryClient.invalidateQueries({ queryKey: labelsKey });
      if (change.conversationsUpdated > 0) await queryClient.invalidateQueries({ queryKey: conversationsKey });
    },
    onError: (error) => message.error(errorMessage(error)),
  });

  const columns: TableColumnsType<LabelView> = [
    { key: 'name', title: t('labels.name'), render: (_, label) => <LabelTag name={label.name} color={label.color} /> },
    { key: 'description', title: t('labels.description'), dataIndex: 'description' },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_, label) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setDialog({ kind: 'edit', label })}>
            {t('common.edit')}
          </Button>
          <Popconfirm
            title={t('labels.deleteConfirm', { name: label.name })}
            description={t('labels.deleteHint')}
            okText={t('common.delete')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() => remove.mutateAsync(label).catch(() => undefined)}
          >
            <Button type="link" size="small" danger>
              {t('common.delete')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('labels.title')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setDialog({ kind: 'create' })}
            data-testid="create-label"
          >
            {t('labels.create')}
          </Button>
        }
      />
      {labels.isError ? <ErrorAlert error={labels.error} /> : null}
      <Table<LabelView>
        aria-label={t('labels.tableLabel')}
        rowKey="id"
        columns={columns}
        dataSource={labels.data?.items}
        loading={labels.isFetching}
        locale={{ emptyText: t('labels.empty') }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
      />
      {dialog?.kind === 'create' ? <LabelFormModal onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'edit' ? <LabelFormModal label={dialog.label} onClose={() => setDialog(null)} /> : null}
    </>
  );
}
