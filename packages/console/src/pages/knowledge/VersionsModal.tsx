import type { KnowledgeVersionView } from '@kefu/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Modal, Popconfirm, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  knowledgeKey,
  knowledgeVersionsKey,
  listKnowledgeVersions,
  restoreKnowledgeVersion,
} from '../../api/knowledge';
import { useErrorMessage } from '../../api/useErrorMessage';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFormatDateTime } from '../../format/useFormatDateTime';
import { SafeHtmlFrame } from './SafeHtmlFrame';

/** 历史版本: what each save replaced, newest first per language; restoring makes it the current text again. */
export function VersionsModal({ entryId, onClose }: { entryId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const formatDateTime = useFormatDateTime();
  const queryClient = useQueryClient();
  const versions = useQuery({ queryKey: knowledgeVersionsKey(entryId), queryFn: () => listKnowledgeVersions(entryId) });
  const restore = useMutation({
    mutationFn: (version: KnowledgeVersionView) => restoreKnowledgeVersion(entryId, version.id),
    onSuccess: async (_, version) => {
      message.success(t('knowledge.versions.restored', { version: version.version }));
      await queryClient.invalidateQueries({ queryKey: knowledgeKey });
      onClose();
    },
    onError: (error) => message.error(errorMessage(error)),
  });

  const columns: TableColumnsType<KnowledgeVersionView> = [
    { key: 'locale', title: t('knowledge.language'), width: 90, render: (_, v) => t(`languages.${v.locale}`) },
    { key: 'version', title: t('knowledge.versions.version'), width: 70, dataIndex: 'version' },
    {
      key: 'status',
      title: t('knowledge.editor.status'),
      width: 80,
      render: (_, v) => (
        <Tag color={v.status === 'published' ? 'green' : 'default'}>{t(`knowledge.statuses.${v.status}`)}</Tag>
      ),
    },
    { key: 'title', title: t('knowledge.editor.question'), dataIndex: 'title' },
    {
      key: 'saved',
      title: t('knowledge.versions.saved'),
      width: 180,
      render: (_, v) => `${formatDateTime(v.savedAt)} ${v.savedBy?.name ?? ''}`,
    },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 90,
      render: (_, v) => (
        <Popconfirm
          title={t('knowledge.versions.restoreConfirm', { version: v.version })}
          onConfirm={() => restore.mutate(v)}
        >
          <Button size="small" type="link">
            {t('knowledge.versions.restore')}
          </Button>
        </Popconfirm>
      ),
    },
  ];

  return (
    <Modal open width={860} title={t('knowledge.versions.title')} footer={null} onCancel={onClose}>
      <ErrorAlert error={versions.error} />
      <Table<KnowledgeVersionView>
        size="small"
        rowKey="id"
        aria-label={t('knowledge.versions.title')}
        loading={versions.isPending}
        columns={columns}
        dataSource={versions.data?.items ?? []}
        locale={{ emptyText: t('knowledge.versions.empty') }}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        expandable={{
          expandedRowRender: (v) => (
            <>
              {v.similarQuestions.length > 0 ? (
                <Typography.Paragraph type="secondary">
                  {t('knowledge.editor.similar')}：{v.similarQuestions.join(' / ')}
                </Typography.Paragraph>
              ) : null}
              <SafeHtmlFrame html={v.html} title={t('knowledge.versions.title')} height={160} />
            </>
          ),
        }}
      />
    </Modal>
  );
}
