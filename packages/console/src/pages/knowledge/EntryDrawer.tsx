import { HistoryOutlined } from '@ant-design/icons';
import {
  type KnowledgeCategoryView,
  type KnowledgeEntryKind,
  type KnowledgeEntryView,
  LOCALES,
  type Locale,
} from '@kefu/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Drawer,
  Empty,
  Flex,
  Form,
  Popconfirm,
  Select,
  Spin,
  Tabs,
  Tag,
  TreeSelect,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  createKnowledgeEntry,
  deleteKnowledgeEntry,
  deleteKnowledgeVariant,
  getKnowledgeEntry,
  knowledgeEntryKey,
  knowledgeKey,
  saveKnowledgeVariant,
  updateKnowledgeEntry,
} from '../../api/knowledge';
import { useErrorMessage } from '../../api/useErrorMessage';
import { ErrorAlert } from '../../components/ErrorAlert';
import { categoryPath, categoryTree } from './categoryTree';
import { SafeHtmlFrame } from './SafeHtmlFrame';
import { VariantEditor, type VariantValues } from './VariantEditor';
import { VersionsModal } from './VersionsModal';

export type EntryTarget =
  | { kind: 'new'; entryKind: KnowledgeEntryKind; categoryId: string | null }
  | { kind: 'open'; id: string };

/** A FAQ entry or an article: editors edit every language of it; agents read what is published. */
export function EntryDrawer({
  target,
  categories,
  canManage,
  onClose,
  onCreated,
}: {
  target: EntryTarget;
  categories: KnowledgeCategoryView[];
  canManage: boolean;
  onClose: () => void;
  onCreated: (id: string) => void;
}) {
  const { t } = useTranslation();
  const id = target.kind === 'open' ? target.id : null;
  const entry = useQuery({
    queryKey: knowledgeEntryKey(id ?? 'new'),
    queryFn: ({ signal }) => getKnowledgeEntry(id as string, signal),
    enabled: id !== null,
  });
  const title =
    target.kind === 'new'
      ? t(target.entryKind === 'faq' ? 'knowledge.newFaq' : 'knowledge.newArticle')
      : (entry.data?.variants[0]?.title ?? t('knowledge.entry'));

  return (
    <Drawer open size={760} title={title} onClose={onClose} destroyOnHidden>
      {target.kind === 'new' ? (
        <NewEntry target={target} onCreated={onCreated} />
      ) : entry.isPending ? (
        <Spin />
      ) : entry.error ? (
        <ErrorAlert error={entry.error} />
      ) : canManage ? (
        <EntryEditor entry={entry.data} categories={categories} onDeleted={onClose} />
      ) : (
        <EntryReader entry={entry.data} categories={categories} />
      )}
    </Drawer>
  );
}

function NewEntry({
  target,
  onCreated,
}: {
  target: Extract<EntryTarget, { kind: 'new' }>;
  onCreated: (id: string) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const [locale, setLocale] = useState<Locale>('zh-CN');
  const create = useMutation({
    mutationFn: (values: VariantValues) =>
      createKnowledgeEntry({ kind: target.entryKind, categoryId: target.categoryId, locale, variant: values }),
    onSuccess: async (created) => {
      message.success(t('knowledge.editor.saved'));
      await queryClient.invalidateQueries({ queryKey: knowledgeKey });
      onCreated(created.id);
    },
    onError: (error) => message.error(errorMessage(error)),
  });
  return (
    <Flex vertical gap={12}>
      <Form.Item label={t('knowledge.language')} style={{ marginBottom: 0 }}>
        <Select<Locale>
          value={locale}
          onChange={setLocale}
          style={{ width: 160 }}
          options={LOCALES.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
        />
      </Form.Item>
      <VariantEditor
        kind={target.entryKind}
        variant={null}
        saving={create.isPending}
        canDelete={false}
        onSave={(values) => create.mutate(values)}
      />
    </Flex>
  );
}

function EntryEditor({
  entry,
  categories,
  onDeleted,
}: {
  entry: KnowledgeEntryView;
  categories: KnowledgeCategoryView[];
  onDeleted: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const [versionsOpen, setVersionsOpen] = useState(false);
  const [tab, setTab] = useState<Locale>(entry.variants[0]?.locale ?? 'zh-CN');
  const refresh = async (next?: KnowledgeEntryView) => {
    if (next) queryClient.setQueryData(knowledgeEntryKey(entry.id), next);
    await queryClient.invalidateQueries({ queryKey: knowledgeKey });
  };
  const onError = (error: unknown) => message.error(errorMessage(error));

  const patch = useMutation({
    mutationFn: (body: { categoryId?: string | null; kind?: KnowledgeEntryKind }) =>
      updateKnowledgeEntry(entry.id, body),
    onSuccess: (next) => refresh(next),
    onError,
  });
  const save = useMutation({
    mutationFn: ({ locale, values, baseVersion }: { locale: Locale; values: VariantValues; baseVersion?: number }) =>
      saveKnowledgeVariant(entry.id, locale, { ...values, ...(baseVersion === undefined ? {} : { baseVersion }) }),
    onSuccess: async (next) => {
      message.success(t('knowledge.editor.saved'));
      await refresh(next);
    },
    onError,
  });
  const removeVariant = useMutation({
    mutationFn: (locale: Locale) => deleteKnowledgeVariant(entry.id, locale),
    onSuccess: async (next) => {
      setTab(next.variants[0]?.locale ?? 'zh-CN');
      await refresh(next);
    },
    onError,
  });
  const remove = useMutation({
    mutationFn: () => deleteKnowledgeEntry(entry.id),
    onSuccess: async () => {
      message.success(t('knowledge.deleted'));
      await queryClient.invalidateQueries({ queryKey: knowledgeKey });
      onDeleted();
    },
    onError,
  });

  return (
    <Flex vertical gap={16}>
      <Flex gap={12} wrap align="center">
        <Select<KnowledgeEntryKind>
          aria-label={t('knowledge.kind')}
          value={entry.kind}
          style={{ width: 120 }}
          onChange={(kind) => patch.mutate({ kind })}
          options={[
            { value: 'faq', label: t('knowledge.kinds.faq') },
            { value: 'article', label: t('knowledge.kinds.article') },
          ]}
        />
        <TreeSelect
          aria-label={t('knowledge.categories.title')}
          allowClear
          value={entry.categoryId ?? undefined}
          placeholder={t('knowledge.categories.none')}
          treeData={categoryTree(categories)}
          treeDefaultExpandAll
          style={{ minWidth: 220 }}
          onChange={(value: string | undefined) => patch.mutate({ categoryId: value ?? null })}
        />
        <Button icon={<HistoryOutlined />} onClick={() => setVersionsOpen(true)}>
          {t('knowledge.versions.title')}
        </Button>
        <Popconfirm title={t('knowledge.deleteConfirm')} onConfirm={() => remove.mutate()}>
          <Button danger>{t('knowledge.delete')}</Button>
        </Popconfirm>
      </Flex>
      <Tabs
        activeKey={tab}
        onChange={(key) => setTab(key as Locale)}
        items={LOCALES.map((locale) => {
          const variant = entry.variants.find((v) => v.locale === locale) ?? null;
          return {
            key: locale,
            label: (
              <Flex gap={4} align="center">
                {t(`languages.${locale}`)}
                {variant ? (
                  <Tag color={variant.status === 'published' ? 'green' : 'default'} style={{ marginInlineEnd: 0 }}>
                    {t(`knowledge.statuses.${variant.status}`)}
                  </Tag>
                ) : null}
              </Flex>
            ),
            children: (
              <VariantEditor
                kind={entry.kind}
                variant={variant}
                saving={save.isPending}
                canDelete={entry.variants.length > 1}
                onSave={(values, baseVersion) => save.mutate({ locale, values, baseVersion })}
                onDelete={() => removeVariant.mutate(locale)}
              />
            ),
          };
        })}
      />
      {versionsOpen ? <VersionsModal entryId={entry.id} onClose={() => setVersionsOpen(false)} /> : null}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {categoryPath(entry.categoryId, categories)}
      </Typography.Text>
    </Flex>
  );
}

function EntryReader({ entry, categories }: { entry: KnowledgeEntryView; categories: KnowledgeCategoryView[] }) {
  const { t } = useTranslation();
  if (entry.variants.length === 0) return <Empty />;
  return (
    <Tabs
      items={entry.variants.map((variant) => ({
        key: variant.locale,
        label: t(`languages.${variant.locale}`),
        children: (
          <Flex vertical gap={8}>
            <Typography.Text type="secondary">{categoryPath(entry.categoryId, categories)}</Typography.Text>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {variant.title}
            </Typography.Title>
            {variant.similarQuestions.length > 0 ? (
              <Typography.Paragraph type="secondary">
                {t('knowledge.editor.similar')}：{variant.similarQuestions.join(' / ')}
              </Typography.Paragraph>
            ) : null}
            <SafeHtmlFrame html={variant.html} title={variant.title} height={320} />
            <Typography.Text copyable={{ text: variant.text }}>{t('knowledge.copyText')}</Typography.Text>
          </Flex>
        ),
      }))}
    />
  );
}
