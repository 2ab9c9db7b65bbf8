import { ImportOutlined, PlusOutlined } from '@ant-design/icons';
import type { SensitiveWordView } from '@kefu/shared';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Input, Popconfirm, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { deleteSensitiveWord, listSensitiveWords, sensitiveWordsKey } from '../../../api/moderation';
import { useErrorMessage } from '../../../api/useErrorMessage';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { PageHeader } from '../../../components/PageHeader';
import { useFormatDateTime } from '../../../format/useFormatDateTime';
import { ImportWordsModal } from './ImportWordsModal';
import { ModerationSettingsCard } from './ModerationSettingsCard';
import { SensitiveWordFormModal } from './SensitiveWordFormModal';

type Dialog = { kind: 'create' } | { kind: 'import' } | { kind: 'edit'; word: SensitiveWordView };

const PAGE_SIZE = 100;

/**
 * Sensitive words (敏感词), for admins. An agent's reply with one is blocked or needs a confirmation, per word
 * or by the workspace default; a customer's is flagged for supervisors. Matching ignores width, script, case
 * and symbols put between the characters.
 */
export function SensitiveWordsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const formatDateTime = useFormatDateTime();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [q, setQ] = useState('');

  const words = useInfiniteQuery({
    queryKey: [...sensitiveWordsKey, { q }],
    queryFn: ({ pageParam }) => listSensitiveWords({ q: q || undefined, cursor: pageParam, limit: PAGE_SIZE }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const rows = words.data?.pages.flatMap((page) => page.items) ?? [];
  const total = words.data?.pages[0]?.total ?? 0;

  const remove = useMutation({
    mutationFn: (word: SensitiveWordView) => deleteSensitiveWord(word.id),
    onSuccess: async (_, word) => {
      message.success(t('sensitiveWords.deleted', { word: word.word }));
      await queryClient.invalidateQueries({ queryKey: sensitiveWordsKey });
    },
    onError: (error) => message.error(errorMessage(error)),
  });

  const columns: TableColumnsType<SensitiveWordView> = [
    { key: 'word', title: t('sensitiveWords.word'), dataIndex: 'word' },
    { key: 'category', title: t('sensitiveWords.category'), dataIndex: 'category' },
    {
      key: 'action',
      title: t('sensitiveWords.action'),
      render: (_, word) =>
        word.action ? (
          <Tag color={word.action === 'block' ? 'red' : 'orange'}>{t(`sensitiveWords.actions.${word.action}`)}</Tag>
        ) : (
          <Tag>{t('sensitiveWords.actions.default')}</Tag>
        ),
    },
    { key: 'updatedAt', title: t('sensitiveWords.updatedAt'), render: (_, word) => formatDateTime(word.updatedAt) },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_, word) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setDialog({ kind: 'edit', word })}>
            {t('common.edit')}
          </Button>
          <Popconfirm
            title={t('sensitiveWords.deleteConfirm', { word: word.word })}
            okText={t('common.delete')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() => remove.mutateAsync(word).catch(() => undefined)}
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
        title={t('sensitiveWords.title')}
        extra={
          <Space>
            <Button icon={<ImportOutlined />} onClick={() => setDialog({ kind: 'import' })} data-testid="import-words">
              {t('sensitiveWords.import')}
            </Button>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setDialog({ kind: 'create' })}
              data-testid="create-word"
            >
              {t('sensitiveWords.create')}
            </Button>
          </Space>
        }
      />
      <ModerationSettingsCard />
      <Flex justify="space-between" align="center" style={{ marginBottom: 12 }} wrap gap={8}>
        <Input.Search
          allowClear
          placeholder={t('sensitiveWords.searchPlaceholder')}
          aria-label={t('sensitiveWords.searchPlaceholder')}
          onSearch={(value) => setQ(value.trim())}
          style={{ maxWidth: 320 }}
        />
        <Typography.Text type="secondary" data-testid="word-total">
          {t('sensitiveWords.total', { count: total })}
        </Typography.Text>
      </Flex>
      {words.isError ? <ErrorAlert error={words.error} /> : null}
      <Table<SensitiveWordView>
        aria-label={t('sensitiveWords.tableLabel')}
        rowKey="id"
        columns={columns}
        dataSource={rows}
        loading={words.isFetching}
        locale={{ emptyText: t('sensitiveWords.empty') }}
        pagination={false}
        scroll={{ x: 'max-content' }}
      />
      {words.hasNextPage ? (
        <Flex justify="center" style={{ marginTop: 12 }}>
          <Button onClick={() => void words.fetchNextPage()} loading={words.isFetchingNextPage}>
            {t('sensitiveWords.loadMore')}
          </Button>
        </Flex>
      ) : null}
      {dialog?.kind === 'create' ? <SensitiveWordFormModal onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'edit' ? <SensitiveWordFormModal word={dialog.word} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'import' ? <ImportWordsModal onClose={() => setDialog(null)} /> : null}
    </>
  );
}
