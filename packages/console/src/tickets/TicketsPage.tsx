import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { TICKET_PRIORITIES, type TicketSummary, WORKFLOW_STATE_CATEGORIES } from '@kefu/shared';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Input, Select, Space, Table, type TableColumnsType, Tabs, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { listTeams, teamsKey } from '../api/teams';
import { listTickets, ticketExportUrl, ticketListKey } from '../api/tickets';
import { usePermission } from '../auth/usePermission';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageHeader } from '../components/PageHeader';
import { SpreadsheetExportButton } from '../components/SpreadsheetExportButton';
import { useFormatDateTime } from '../format/useFormatDateTime';
import { useAgentDirectory } from '../presence/useAgentDirectory';
import { BulkActions } from './BulkActions';
import { SavedViewsControl } from './SavedViewsControl';
import { SlaBadge } from './SlaBadge';
import { PriorityTag, PromiseBadge, StateTag } from './TicketBadges';
import {
  filtersOf,
  isTicketView,
  LIST_FILTERS,
  type ListFilter,
  listQuery,
  searchOf,
  TICKET_VIEWS,
  type TicketViewKey,
} from './ticketViews';
import { useTicketFrames } from './useTicketFrames';
import { useTicketTypes } from './useTicketTypes';

/**
 * 工单: the views (built-in queues and saved filters), filters and search over tickets, newest first, loaded page by
 * page; selected tickets can be assigned or closed together, and a view exported to XLSX.
 */
export function TicketsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  const canWrite = usePermission('tickets.write');
  const canExport = usePermission('tickets.export');
  const canReadTeams = usePermission('teams.read');
  const formatDateTime = useFormatDateTime();
  useTicketFrames();

  const viewParam = search.get('view');
  const view: TicketViewKey = isTicketView(viewParam) ? viewParam : 'active';
  const agents = useAgentDirectory();
  const teams = useQuery({ queryKey: teamsKey, queryFn: listTeams, enabled: canReadTeams, staleTime: 60_000 });
  const types = useTicketTypes();
  const query = listQuery(view, search);
  const [selectedIds, setSelectedIds] = useState<string[]>([]);

  const tickets = useInfiniteQuery({
    queryKey: ticketListKey(query),
    queryFn: ({ pageParam, signal }) => listTickets({ ...query, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const rows = useMemo(() => tickets.data?.pages.flatMap((page) => page.items) ?? [], [tickets.data]);
  const selected = rows.filter((ticket) => selectedIds.includes(ticket.id));

  const setParam = (key: ListFilter | 'view', value: string | undefined) => {
    const next = new URLSearchParams(search);
    if (value) next.set(key, value);
    else next.delete(key);
    setSearch(next, { replace: true });
  };

  const columns: TableColumnsType<TicketSummary> = [
    {
      key: 'number',
      title: t('tickets.columns.number'),
      width: 170,
      render: (_, ticket) => (
        <Link to={`/tickets/${ticket.id}`} data-testid="ticket-link">
          {ticket.number}
        </Link>
      ),
    },
    {
      key: 'title',
      title: t('tickets.columns.title'),
      render: (_, ticket) => (
        <Flex vertical gap={2}>
          <Typography.Text ellipsis={{ tooltip: ticket.title }} style={{ maxWidth: 320 }}>
            {ticket.title}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {ticket.type.name} · {ticket.contact.name}
          </Typography.Text>
        </Flex>
      ),
    },
    { key: 'state', title: t('tickets.columns.state'), render: (_, ticket) => <StateTag state={ticket.state} /> },
    {
      key: 'priority',
      title: t('tickets.columns.priority'),
      render: (_, ticket) => <PriorityTag priority={ticket.priority} />,
    },
    {
      key: 'assignee',
      title: t('tickets.columns.assignee'),
      render: (_, ticket) =>
        ticket.assignee?.name ?? <Typography.Text type="secondary">{t('tickets.unassigned')}</Typography.Text>,
    },
    { key: 'team', title: t('tickets.columns.team'), render: (_, ticket) => ticket.team?.name ?? '—' },
    { key: 'sla', title: t('tickets.columns.sla'), render: (_, ticket) => <SlaBadge sla={ticket.sla} /> },
    {
      key: 'due',
      title: t('tickets.columns.due'),
      render: (_, ticket) => (
        <Space size={4} wrap>
          <PromiseBadge promise={ticket.promisedReply} />
          {ticket.openTaskCount > 0 ? (
            <Typography.Text type="secondary">
              {t('tickets.openTasks', { count: ticket.openTaskCount })}
            </Typography.Text>
          ) : null}
        </Space>
      ),
    },
    {
      key: 'updatedAt',
      title: t('tickets.columns.updatedAt'),
      width: 170,
      render: (_, ticket) => formatDateTime(ticket.updatedAt),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('tickets.title')}
        extra={
          <Space>
            {canExport ? (
              <SpreadsheetExportButton href={(format) => ticketExportUrl(query, format)} testId="export-tickets" />
            ) : null}
            {canWrite ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => navigate('/tickets/new')}
                data-testid="new-ticket"
              >
                {t('tickets.new.button')}
              </Button>
            ) : null}
          </Space>
        }
      />
      <Card size="small">
        <Tabs
          activeKey={view}
          onChange={(key) => setParam('view', key === 'active' ? undefined : key)}
          items={TICKET_VIEWS.map((key) => ({ key, label: t(`tickets.views.${key}`) }))}
          tabBarExtraContent={
            canWrite ? (
              <SavedViewsControl
                current={filtersOf(query)}
                onApply={(filters) => setSearch(searchOf(filters), { replace: true })}
              />
            ) : null
          }
          data-testid="ticket-views"
        />
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          <Input.Search
            defaultValue={search.get('q') ?? ''}
            placeholder={t('tickets.filters.search')}
            prefix={<SearchOutlined />}
            allowClear
            maxLength={100}
            onSearch={(value) => setParam('q', value.trim() || undefined)}
            style={{ width: 260 }}
            aria-label={t('tickets.filters.search')}
          />
          <Select
            allowClear
            placeholder={t('tickets.filters.type')}
            value={search.get('typeId') ?? undefined}
            onChange={(value?: string) => setParam('typeId', value)}
            options={types.data?.items.map((type) => ({ value: type.id, label: type.name }))}
            style={{ width: 140 }}
            aria-label={t('tickets.filters.type')}
          />
          <Select
            allowClear
            placeholder={t('tickets.filters.stateCategory')}
            value={search.get('stateCategory') ?? undefined}
            onChange={(value?: string) => setParam('stateCategory', value)}
            options={WORKFLOW_STATE_CATEGORIES.map((value) => ({
              value,
              label: t(`tickets.stateCategories.${value}`),
            }))}
            style={{ width: 140 }}
            aria-label={t('tickets.filters.stateCategory')}
          />
          <Select
            allowClear
            placeholder={t('tickets.filters.priority')}
            value={search.get('priority') ?? undefined}
            onChange={(value?: string) => setParam('priority', value)}
            options={TICKET_PRIORITIES.map((value) => ({ value, label: t(`tickets.priorities.${value}`) }))}
            style={{ width: 120 }}
            aria-label={t('tickets.filters.priority')}
          />
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t('tickets.filters.assignee')}
            value={search.get('assignee') ?? undefined}
            onChange={(value?: string) => setParam('assignee', value)}
            options={[
              { value: 'none', label: t('tickets.unassigned') },
              ...(agents.data?.items.map((agent) => ({ value: agent.id, label: agent.name })) ?? []),
            ]}
            style={{ width: 140 }}
            aria-label={t('tickets.filters.assignee')}
          />
          {canReadTeams ? (
            <Select
              allowClear
              placeholder={t('tickets.filters.team')}
              value={search.get('teamId') ?? undefined}
              onChange={(value?: string) => setParam('teamId', value)}
              options={teams.data?.items.map((team) => ({ value: team.id, label: team.name }))}
              style={{ width: 140 }}
              aria-label={t('tickets.filters.team')}
            />
          ) : null}
          <Input.Search
            defaultValue={search.get('tag') ?? ''}
            placeholder={t('tickets.filters.tag')}
            allowClear
            maxLength={30}
            onSearch={(value) => setParam('tag', value.trim() || undefined)}
            style={{ width: 140 }}
            aria-label={t('tickets.filters.tag')}
          />
          {LIST_FILTERS.some((key) => search.has(key)) ? (
            <Button
              type="link"
              onClick={() => setSearch(view === 'active' ? {} : { view }, { replace: true })}
              data-testid="clear-filters"
            >
              {t('tickets.filters.clear')}
            </Button>
          ) : null}
        </Flex>
        {tickets.isError ? <ErrorAlert error={tickets.error} /> : null}
        {canWrite ? <BulkActions selected={selected} onDone={() => setSelectedIds([])} /> : null}
        <Table<TicketSummary>
          rowKey="id"
          rowSelection={
            canWrite
              ? { selectedRowKeys: selectedIds, onChange: (keys) => setSelectedIds(keys.map(String)) }
              : undefined
          }
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={tickets.isPending && tickets.fetchStatus !== 'idle'}
          pagination={false}
          aria-label={t('tickets.listLabel')}
          locale={{ emptyText: t('tickets.empty') }}
          scroll={{ x: 1000 }}
        />
        <Flex justify="center" style={{ marginTop: 12 }}>
          {tickets.hasNextPage ? (
            <Button onClick={() => void tickets.fetchNextPage()} loading={tickets.isFetchingNextPage}>
              {t('common.loadMore')}
            </Button>
          ) : rows.length > 0 ? (
            <Typography.Text type="secondary">{t('common.noMore')}</Typography.Text>
          ) : null}
        </Flex>
      </Card>
    </>
  );
}
