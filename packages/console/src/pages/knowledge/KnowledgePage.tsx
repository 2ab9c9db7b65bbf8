import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import type { KnowledgeEntryKind, KnowledgeEntrySummary, KnowledgeStatus, Locale } from '@kefu/shared';
import { LOCALES } from '@kefu/shared';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Button, Flex, Input, Select, Space, Table, type TableColumnsType, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import {
  type EntryFilters,
  knowledgeCategoriesKey,
  knowledgeEntriesKey,
  knowledgeExportUrl,
  listKnowledgeCategories,
  listKnowledgeEntries,
} from '../../api/knowledge';
import { usePermission } from '../../auth/usePermission';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { SpreadsheetExportButton } from '../../components/SpreadsheetExportButton';
import { useFormatDateTime } from '../../format/useFormatDateTime';
import { type CategoryFilter, CategoryPanel } from './CategoryPanel';
import { categoryPath } from './categoryTree';
import { EntryDrawer, type EntryTarget } from './EntryDrawer';
import { ImportModal } from './ImportModal';
import { SynonymsTab } from './SynonymsTab';

/** 知识库: categories, FAQ entries and articles in three languages, import and export, and search synonyms. */
export function KnowledgePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { tab = 'entries' } = useParams<{ tab?: string }>();
  const canManage = usePermission('knowledge.manage');
  const active = canManage && tab === 'synonyms' ? 'synonyms' : 'entries';

  return (
    <>
      <PageHeader title={t('knowledge.title')} />
      <Tabs
        activeKey={active}
        onChange={(key) => navigate(key === 'entries' ? '/knowledge' : `/knowledge/${key}`)}
        items={[
          { key: 'entries', label: t('knowledge.tabs.entries'), children: <EntriesTab canManage={canManage} /> },
          ...(canManage ? [{ key: 'synonyms', label: t('knowledge.tabs.synonyms'), children: <SynonymsTab /> }] : []),
        ]}
      />
    </>
  );
}

function EntriesTab({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const [category, setCategory] = useState<CategoryFilter>({ kind: 'all' });
  const [q, setQ] = useState('');
  const [kind, setKind] = useState<KnowledgeEntryKind | undefined>();
  const [status, setStatus] = useState<KnowledgeStatus | undefined>();
  const [locale, setLocale] = useState<Locale | undefined>();
  const [drawer, setDrawer] = useState<EntryTarget | null>(null);
  const [importing, setImporting] = useState(false);

  const categories = useQuery({ queryKey: knowledgeCategoriesKey, queryFn: listKnowledgeCategories });
  const categoryList = categories.data?.items ?? [];
  const filters: EntryFilters = {
    q: q.trim() || undefined,
    categoryId: category.kind === 'category' ? category.id : undefined,
    uncategorized: category.kind === 'none' || undefined,
    kind,
    status,
    locale,
  };
  const entries = useInfiniteQuery({
    queryKey: knowledgeEntriesKey(filters),
    queryFn: ({ pageParam, signal }) => listKnowledgeEntries(filters, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = entries.data?.pages.flatMap((page) => page.items) ?? [];
  const newCategoryId = category.kind === 'category' ? category.id : null;

  const columns: TableColumnsType<KnowledgeEntrySummary> = [
    {
      key: 'title',
      title: t('knowledge.editor.question'),
      render: (_, entry) => (
        <Button
          type="link"
          style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start' }}
          onClick={() => setDrawer({ kind: 'open', id: entry.id })}
        >
          {entry.variants[0]?.title ?? entry.id}
        </Button>
      ),
    },
    {
      key: 'kind',
      title: t('knowledge.kind'),
      width: 80,
      render: (_, entry) => <Tag>{t(`knowledge.kinds.${entry.kind}`)}</Tag>,
    },
    {
      key: 'languages',
      title: t('knowledge.language'),
      width: 200,
      render: (_, entry) => (
        <Space size={4} wrap>
          {entry.variants.map((v) => (
            <Tag key={v.locale} color={v.status === 'published' ? 'green' : 'default'}>
              {t(`languages.${v.locale}`)} · {t(`knowledge.statuses.${v.status}`)}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      key: 'similar',
      title: t('knowledge.similarCount'),
      width: 90,
      render: (_, entry) => entry.variants[0]?.similarCount ?? 0,
    },
    {
      key: 'category',
      title: t('knowledge.categories.title'),
      width: 160,
      render: (_, entry) =>
        entry.categoryId ? (
          categoryPath(entry.categoryId, categoryList)
        ) : (
          <Typography.Text type="secondary">{t('knowledge.categories.none')}</Typography.Text>
        ),
    },
    filters.q
      ? {
          key: 'score',
          title: t('knowledge.score'),
          width: 80,
          render: (_, entry) => (entry.score === null ? '' : `${Math.round(entry.score * 100)}%`),
        }
      : {
          key: 'updated',
          title: t('knowledge.updated'),
          width: 170,
          render: (_, entry) => formatDateTime(entry.updatedAt),
        },
  ];

  return (
    <Flex gap={24} align="start">
      <CategoryPanel categories={categoryList} selected={category} onSelect={setCategory} canManage={canManage} />
      <Flex vertical gap={12} style={{ flex: 1, minWidth: 0 }}>
        <Flex gap={8} wrap justify="space-between">
          <Flex gap={8} wrap>
            <Input.Search
              allowClear
              placeholder={t('knowledge.searchPlaceholder')}
              aria-label={t('knowledge.searchPlaceholder')}
              onSearch={setQ}
              style={{ width: 260 }}
            />
            <Select<KnowledgeEntryKind>
              allowClear
              aria-label={t('knowledge.kind')}
              placeholder={t('knowledge.kind')}
              value={kind}
              onChange={setKind}
              style={{ width: 110 }}
              options={[
                { value: 'faq', label: t('knowledge.kinds.faq') },
                { value: 'article', label: t('knowledge.kinds.article') },
              ]}
            />
            <Select<KnowledgeStatus>
              allowClear
              aria-label={t('knowledge.editor.status')}
              placeholder={t('knowledge.editor.status')}
              value={status}
              onChange={setStatus}
              style={{ width: 110 }}
              options={[
                { value: 'published', label: t('knowledge.statuses.published') },
                { value: 'draft', label: t('knowledge.statuses.draft') },
              ]}
            />
            <Select<Locale>
              allowClear
              aria-label={t('knowledge.language')}
              placeholder={t('knowledge.language')}
              value={locale}
              onChange={setLocale}
              style={{ width: 120 }}
              options={LOCALES.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
            />
          </Flex>
          {canManage ? (
            <Flex gap={8} wrap>
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setDrawer({ kind: 'new', entryKind: 'faq', categoryId: newCategoryId })}
              >
                {t('knowledge.newFaq')}
              </Button>
              <Button
                icon={<PlusOutlined />}
                onClick={() => setDrawer({ kind: 'new', entryKind: 'article', categoryId: newCategoryId })}
              >
                {t('knowledge.newArticle')}
              </Button>
              <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
                {t('knowledge.import.title')}
              </Button>
              <SpreadsheetExportButton href={(format) => knowledgeExportUrl(format, locale)} testId="export" />
            </Flex>
          ) : null}
        </Flex>
        <ErrorAlert error={entries.error ?? categories.error} />
        <Table<KnowledgeEntrySummary>
          rowKey="id"
          size="middle"
          aria-label={t('knowledge.tableLabel')}
          loading={entries.isPending}
          columns={columns}
          dataSource={rows}
          pagination={false}
          locale={{ emptyText: t(filters.q ? 'knowledge.noResults' : 'knowledge.empty') }}
        />
        {entries.hasNextPage ? (
          <Button
            loading={entries.isFetchingNextPage}
            onClick={() => entries.fetchNextPage()}
            style={{ alignSelf: 'center' }}
          >
            {t('common.loadMore')}
          </Button>
        ) : null}
      </Flex>
      {drawer ? (
        <EntryDrawer
          target={drawer}
          categories={categoryList}
          canManage={canManage}
          onClose={() => setDrawer(null)}
          onCreated={(id) => setDrawer({ kind: 'open', id })}
        />
      ) : null}
      {importing ? <ImportModal onClose={() => setImporting(false)} /> : null}
    </Flex>
  );
}
