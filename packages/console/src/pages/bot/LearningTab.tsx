import type { BotRangeQuery, LearningGroup } from '@kefu/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Popconfirm, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { botKey, dismissLearning, getLearningList, learningListKey } from '../../api/bot';
import { useErrorMessage } from '../../api/useErrorMessage';
import { ErrorAlert } from '../../components/ErrorAlert';
import { NewEntryModal, SimilarQuestionModal } from './LearningModals';
import { defaultRange, RangeFilter } from './RangeFilter';

type Dialog = { kind: 'similar' | 'new'; group: LearningGroup } | null;

/**
 * The learning list for editors: questions the bot missed or answered unhelpfully, grouped by similarity, each
 * group taught in one click (add as similar questions to an entry, or a new entry) or dismissed.
 */
export function LearningTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const [range, setRange] = useState<BotRangeQuery>(defaultRange);
  const [dialog, setDialog] = useState<Dialog>(null);
  const list = useQuery({ queryKey: learningListKey(range), queryFn: () => getLearningList(range) });
  const dismiss = useMutation({
    mutationFn: (group: LearningGroup) => dismissLearning(group.questions.map((q) => q.turnId)),
    onSuccess: async (result) => {
      message.success(t('bot.learning.dismissed', { count: result.learned }));
      await queryClient.invalidateQueries({ queryKey: botKey });
    },
    onError: (error) => message.error(errorMessage(error)),
  });

  const columns: TableColumnsType<LearningGroup> = [
    {
      key: 'representative',
      title: t('bot.learning.representative'),
      render: (_, group) => (
        <Space direction="vertical" size={2}>
          <Typography.Text strong>{group.representative}</Typography.Text>
          <Space size={4} wrap>
            {[...new Set(group.questions.map((q) => q.reason))].map((reason) => (
              <Tag key={reason} color={reason === 'unhelpful' ? 'red' : reason === 'unknown' ? 'orange' : 'blue'}>
                {t(`bot.learning.reasons.${reason}`)}
              </Tag>
            ))}
          </Space>
        </Space>
      ),
    },
    { key: 'count', title: t('bot.learning.count'), dataIndex: 'count', width: 80 },
    {
      key: 'closest',
      title: t('bot.learning.closest'),
      render: (_, group) => group.closestEntry?.title ?? t('bot.learning.none'),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_, group) => (
        <Space size={0} wrap>
          <Button type="link" size="small" onClick={() => setDialog({ kind: 'similar', group })}>
            {t('bot.learning.asSimilar')}
          </Button>
          <Button type="link" size="small" onClick={() => setDialog({ kind: 'new', group })}>
            {t('bot.learning.newEntry')}
          </Button>
          <Popconfirm
            title={t('bot.learning.dismissConfirm')}
            okText={t('bot.learning.dismiss')}
            cancelText={t('common.cancel')}
            onConfirm={() => dismiss.mutateAsync(group).catch(() => undefined)}
          >
            <Button type="link" size="small" danger>
              {t('bot.learning.dismiss')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <>
      <Typography.Paragraph type="secondary">{t('bot.learning.intro')}</Typography.Paragraph>
      <RangeFilter value={range} onChange={setRange} />
      {list.isError ? <ErrorAlert error={list.error} /> : null}
      <Table<LearningGroup>
        aria-label={t('bot.learning.tableLabel')}
        rowKey="key"
        loading={list.isPending}
        dataSource={list.data?.groups ?? []}
        columns={columns}
        locale={{ emptyText: t('bot.learning.empty') }}
        expandable={{
          expandedRowRender: (group) => (
            <ul aria-label={t('bot.learning.questionsOf')} style={{ margin: 0 }}>
              {group.questions.map((q) => (
                <li key={q.turnId}>
                  {q.text} <Typography.Text type="secondary">{new Date(q.askedAt).toLocaleString()}</Typography.Text>
                </li>
              ))}
            </ul>
          ),
        }}
      />
      {dialog?.kind === 'similar' ? (
        <SimilarQuestionModal group={dialog.group} onClose={() => setDialog(null)} />
      ) : null}
      {dialog?.kind === 'new' ? <NewEntryModal group={dialog.group} onClose={() => setDialog(null)} /> : null}
    </>
  );
}
