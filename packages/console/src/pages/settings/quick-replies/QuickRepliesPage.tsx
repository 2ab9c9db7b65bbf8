import { PictureOutlined, PlusOutlined, TagsOutlined, UploadOutlined } from '@ant-design/icons';
import { QUICK_REPLY_SCOPES, type QuickReplyScope, type QuickReplyView, rankQuickReplies } from '@kefu/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Flex,
  Input,
  Popconfirm,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  deleteQuickReply,
  listQuickReplies,
  listQuickReplyCategories,
  quickRepliesKey,
  quickReplyCategoriesKey,
  quickReplyExportUrl,
  quickReplyListKey,
} from '../../../api/quickReplies';
import { listTeams, teamsKey } from '../../../api/teams';
import { useErrorMessage } from '../../../api/useErrorMessage';
import { usePermission } from '../../../auth/usePermission';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { PageHeader } from '../../../components/PageHeader';
import { SpreadsheetExportButton } from '../../../components/SpreadsheetExportButton';
import { CategoriesModal } from './CategoriesModal';
import { ImportModal } from './ImportModal';
import { QuickReplyFormModal } from './QuickReplyFormModal';

type Dialog =
  | { kind: 'create' }
  | { kind: 'edit'; reply: QuickReplyView }
  | { kind: 'categories' }
  | { kind: 'import' };

const SCOPE_COLORS: Record<QuickReplyScope, string> = { personal: 'default', team: 'blue', workspace: 'green' };

/** 快捷回复: the replies the caller sees, by category and scope, with search, editing, import and export. */
export function QuickRepliesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const canManage = usePermission('quickReplies.manage');
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [scope, setScope] = useState<QuickReplyScope | undefined>();
  const [categoryId, setCategoryId] = useState<string | undefined>();
  const [search, setSearch] = useState('');

  const filters = { scope, categoryId };
  const replies = useQuery({
    queryKey: quickReplyListKey(filters),
    queryFn: ({ signal }) => listQuickReplies(filters, signal),
  });
  const categories = useQuery({ queryKey: quickReplyCategoriesKey, queryFn: listQuickReplyCategories });
  const teams = useQuery({ queryKey: teamsKey, queryFn: listTeams });
  const categoryNames = useMemo(
    () => new Map(categories.data?.items.map((category) => [category.id, category.name])),
    [categories.data],
  );
  const teamNames = useMemo(() => new Map(teams.data?.items.map((team) => [team.id, team.name])), [teams.data]);
  // Searching happens here, as in the composer: the same ranking, at once, without a round trip per key.
  const shown = useMemo(() => {
    const items = replies.data?.items ?? [];
    return search.trim() ? rankQuickReplies(items, search) : items;
  }, [replies.data, search]);

  const remove = useMutation({
    mutationFn: (reply: QuickReplyView) => deleteQuickReply(reply.id),
    onSuccess: async (_, reply) => {
      message.success(t('quickReplies.deleted', { title: reply.title }));
      await queryClient.invalidateQueries({ queryKey: quickRepliesKey });
    },
    onError: (error) => message.error(errorMessage(error)),
  });

  const columns: TableColumnsType<QuickReplyView> = [
    {
      key: 'title',
      title: t('quickReplies.titleLabel'),
      width: 180,
      render: (_, reply) => (
        <Space size={4}>
          <Typography.Text strong>{reply.title}</Typography.Text>
          {reply.picture ? (
            <Tooltip title={reply.picture.fileName}>
              <PictureOutlined aria-label={t('quickReplies.picture')} />
            </Tooltip>
          ) : null}
        </Space>
      ),
    },
    {
      key: 'content',
      title: t('quickReplies.content'),
      render: (_, reply) => (
        <Typography.Paragraph ellipsis={{ rows: 2, tooltip: reply.content }} style={{ margin: 0, maxWidth: 520 }}>
          {reply.content}
        </Typography.Paragraph>
      ),
    },
    {
      key: 'category',
      title: t('quickReplies.category'),
      width: 120,
      render: (_, reply) =>
        reply.categoryId ? (
          (categoryNames.get(reply.categoryId) ?? '')
        ) : (
          <Typography.Text type="secondary">{t('quickReplies.noCategory')}</Typography.Text>
        ),
    },
    {
      key: 'scope',
      title: t('quickReplies.scope'),
      width: 140,
      render: (_, reply) => (
        <Tag color={SCOPE_COLORS[reply.scope]}>
          {reply.scope === 'team' && reply.teamId
            ? `${t('quickReplies.scopes.team')} · ${teamNames.get(reply.teamId) ?? ''}`
            : t(`quickReplies.scopes.${reply.scope}`)}
        </Tag>
      ),
    },
    { key: 'useCount', title: t('quickReplies.useCount'), width: 90, dataIndex: 'useCount' },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 130,
      render: (_, reply) =>
        reply.editable ? (
          <Space size={0}>
            <Button type="link" size="small" onClick={() => setDialog({ kind: 'edit', reply })}>
              {t('common.edit')}
            </Button>
            <Popconfirm
              title={t('quickReplies.deleteConfirm', { title: reply.title })}
              okText={t('common.delete')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: true }}
              onConfirm={() => remove.mutateAsync(reply).catch(() => undefined)}
            >
              <Button type="link" size="small" danger>
                {t('common.delete')}
              </Button>
            </Popconfirm>
          </Space>
        ) : (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('quickReplies.readOnly')}
          </Typography.Text>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('quickReplies.title')}
        extra={
          <Space wrap>
            <Button icon={<UploadOutlined />} onClick={() => setDialog({ kind: 'import' })} data-testid="import">
              {t('quickReplies.import')}
            </Button>
            <SpreadsheetExportButton href={(format) => quickReplyExportUrl(format, filters)} testId="export" />
            {canManage ? (
              <Button
                icon={<TagsOutlined />}
                onClick={() => setDialog({ kind: 'categories' })}
                data-testid="categories"
              >
                {t('quickReplies.categories.manage')}
              </Button>
            ) : null}
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setDialog({ kind: 'create' })}
              data-testid="create-quick-reply"
            >
              {t('quickReplies.create')}
            </Button>
          </Space>
        }
      />
      <Typography.Paragraph type="secondary">{t('quickReplies.intro')}</Typography.Paragraph>
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <Select<QuickReplyScope | ''>
          aria-label={t('quickReplies.scope')}
          value={scope ?? ''}
          onChange={(value) => setScope(value || undefined)}
          style={{ width: 140 }}
          options={[
            { value: '', label: t('quickReplies.allScopes') },
            ...QUICK_REPLY_SCOPES.map((value) => ({ value, label: t(`quickReplies.scopes.${value}`) })),
          ]}
        />
        <Select<string>
          aria-label={t('quickReplies.category')}
          value={categoryId ?? ''}
          onChange={(value) => setCategoryId(value || undefined)}
          style={{ width: 160 }}
          options={[
            { value: '', label: t('quickReplies.allCategories') },
            ...(categories.data?.items ?? []).map((category) => ({ value: category.id, label: category.name })),
          ]}
        />
        <Input.Search
          allowClear
          aria-label={t('quickReplies.searchPlaceholder')}
          placeholder={t('quickReplies.searchPlaceholder')}
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          style={{ width: 280 }}
        />
      </Flex>
      {replies.isError ? <ErrorAlert error={replies.error} /> : null}
      <Table<QuickReplyView>
        aria-label={t('quickReplies.tableLabel')}
        rowKey="id"
        columns={columns}
        dataSource={shown}
        loading={replies.isFetching}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
      />
      {dialog?.kind === 'create' ? (
        <QuickReplyFormModal
          categories={categories.data?.items ?? []}
          teams={teams.data?.items ?? []}
          onClose={() => setDialog(null)}
        />
      ) : null}
      {dialog?.kind === 'edit' ? (
        <QuickReplyFormModal
          reply={dialog.reply}
          categories={categories.data?.items ?? []}
          teams={teams.data?.items ?? []}
          onClose={() => setDialog(null)}
        />
      ) : null}
      {dialog?.kind === 'categories' ? <CategoriesModal onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'import' ? <ImportModal onClose={() => setDialog(null)} /> : null}
    </>
  );
}
