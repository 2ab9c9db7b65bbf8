import type { SynonymGroupView } from '@kefu/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Popconfirm, Select, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  createSynonymGroup,
  deleteSynonymGroup,
  listSynonymGroups,
  synonymsKey,
  updateSynonymGroup,
} from '../../api/knowledge';
import { useErrorMessage } from '../../api/useErrorMessage';
import { ErrorAlert } from '../../components/ErrorAlert';

/** 同义词: groups of words customers use for the same thing; search treats each group as one word. */
export function SynonymsTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const groups = useQuery({ queryKey: synonymsKey, queryFn: listSynonymGroups });
  const [draft, setDraft] = useState<string[]>([]);
  const [editing, setEditing] = useState<{ id: string; words: string[] } | null>(null);
  const done = async (text: string) => {
    message.success(text);
    await queryClient.invalidateQueries({ queryKey: synonymsKey });
  };
  const onError = (error: unknown) => message.error(errorMessage(error));

  const create = useMutation({
    mutationFn: createSynonymGroup,
    onSuccess: async () => {
      setDraft([]);
      await done(t('knowledge.synonyms.saved'));
    },
    onError,
  });
  const update = useMutation({
    mutationFn: ({ id, words }: { id: string; words: string[] }) => updateSynonymGroup(id, words),
    onSuccess: async () => {
      setEditing(null);
      await done(t('knowledge.synonyms.saved'));
    },
    onError,
  });
  const remove = useMutation({
    mutationFn: deleteSynonymGroup,
    onSuccess: () => done(t('knowledge.synonyms.deleted')),
    onError,
  });

  const wordsInput = (value: string[], onChange: (words: string[]) => void, label: string) => (
    <Select
      mode="tags"
      aria-label={label}
      value={value}
      onChange={onChange}
      open={false}
      tokenSeparators={[',', '，', '=', ' ']}
      placeholder={t('knowledge.synonyms.placeholder')}
      style={{ minWidth: 320, flex: 1 }}
    />
  );

  const columns: TableColumnsType<SynonymGroupView> = [
    {
      key: 'words',
      title: t('knowledge.synonyms.words'),
      render: (_, group) =>
        editing?.id === group.id ? (
          <Flex gap={8}>
            {wordsInput(editing.words, (words) => setEditing({ id: group.id, words }), t('knowledge.synonyms.words'))}
            <Button type="primary" loading={update.isPending} onClick={() => update.mutate(editing)}>
              {t('common.save')}
            </Button>
            <Button onClick={() => setEditing(null)}>{t('common.cancel')}</Button>
          </Flex>
        ) : (
          group.words.map((word) => <Tag key={word}>{word}</Tag>)
        ),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 140,
      render: (_, group) => (
        <Flex gap={4}>
          <Button size="small" type="link" onClick={() => setEditing({ id: group.id, words: group.words })}>
            {t('common.edit')}
          </Button>
          <Popconfirm title={t('knowledge.synonyms.deleteConfirm')} onConfirm={() => remove.mutate(group.id)}>
            <Button size="small" type="link" danger>
              {t('common.delete')}
            </Button>
          </Popconfirm>
        </Flex>
      ),
    },
  ];

  return (
    <Flex vertical gap={12}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('knowledge.synonyms.intro')}
      </Typography.Paragraph>
      <Flex gap={8}>
        {wordsInput(draft, setDraft, t('knowledge.synonyms.new'))}
        <Button
          type="primary"
          disabled={draft.length < 2}
          loading={create.isPending}
          onClick={() => create.mutate(draft)}
        >
          {t('knowledge.synonyms.add')}
        </Button>
      </Flex>
      <ErrorAlert error={groups.error} />
      <Table<SynonymGroupView>
        size="small"
        rowKey="id"
        aria-label={t('knowledge.synonyms.title')}
        loading={groups.isPending}
        columns={columns}
        dataSource={groups.data?.items ?? []}
        locale={{ emptyText: t('knowledge.synonyms.empty') }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
      />
    </Flex>
  );
}
