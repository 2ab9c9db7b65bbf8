import { AUDIT_ACTIONS, type AuditAction, type AuditEventView } from '@kefu/shared';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Button, DatePicker, Flex, type GetProps, Select, Space, Table, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AuditFilters, auditEventsKey, listAuditEvents } from '../../../api/audit';
import { listUsers, usersListKey } from '../../../api/users';
import { usePermission } from '../../../auth/usePermission';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { PageHeader } from '../../../components/PageHeader';
import { useFormatDateTime } from '../../../format/useFormatDateTime';
import { AuditDetails } from './AuditDetails';
import { AuditTarget } from './AuditTarget';

const PAGE_SIZE = 50;

type DateRange = GetProps<typeof DatePicker.RangePicker>['value'];

export function AuditLogPage() {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const canReadUsers = usePermission('users.read');
  const [filters, setFilters] = useState<AuditFilters>({});
  const [dateRange, setDateRange] = useState<DateRange>(null);

  const users = useQuery({ queryKey: usersListKey(), queryFn: () => listUsers(), enabled: canReadUsers });
  const userNames = useMemo(() => new Map(users.data?.items.map((user) => [user.id, user.name])), [users.data]);

  const events = useInfiniteQuery({
    queryKey: [...auditEventsKey, filters],
    queryFn: ({ pageParam }) => listAuditEvents(filters, pageParam, PAGE_SIZE),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
  });
  const rows = useMemo(() => events.data?.pages.flatMap((page) => page.items) ?? [], [events.data]);

  const onDateRangeChange = (range: DateRange) => {
    setDateRange(range);
    const [start, end] = range ?? [];
    setFilters((current) => ({
      ...current,
      from: start ? start.startOf('day').toISOString() : undefined,
      to: end ? end.endOf('day').toISOString() : undefined,
    }));
  };

  const columns: TableColumnsType<AuditEventView> = [
    { key: 'time', title: t('audit.time'), render: (_, event) => formatDateTime(event.createdAt) },
    {
      key: 'actor',
      title: t('audit.actor'),
      render: (_, event) => event.actorName ?? event.actorId ?? t('audit.system'),
    },
    { key: 'action', title: t('audit.action'), render: (_, event) => t(`audit.actions.${event.action}`) },
    {
      key: 'target',
      title: t('audit.target'),
      render: (_, event) => <AuditTarget event={event} userNames={userNames} />,
    },
    { key: 'ip', title: t('audit.ip'), render: (_, event) => event.ip ?? '' },
    { key: 'details', title: t('audit.details'), render: (_, event) => <AuditDetails details={event.details} /> },
  ];

  return (
    <>
      <PageHeader title={t('audit.title')} />
      <Space wrap style={{ marginBottom: 16 }}>
        <Select<AuditAction>
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={t('audit.filterAction')}
          aria-label={t('audit.action')}
          options={AUDIT_ACTIONS.map((action) => ({ value: action, label: t(`audit.actions.${action}`) }))}
          value={filters.action}
          onChange={(action) => setFilters((current) => ({ ...current, action }))}
          style={{ width: 200 }}
        />
        <Select<string>
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={t('audit.filterActor')}
          aria-label={t('audit.actor')}
          loading={users.isPending && canReadUsers}
          options={users.data?.items.map((user) => ({ value: user.id, label: `${user.name} <${user.email}>` }))}
          value={filters.actorId}
          onChange={(actorId) => setFilters((current) => ({ ...current, actorId }))}
          style={{ width: 240 }}
        />
        <DatePicker.RangePicker value={dateRange} onChange={onDateRangeChange} />
      </Space>
      {events.isError ? <ErrorAlert error={events.error} /> : null}
      <Table<AuditEventView>
        aria-label={t('audit.tableLabel')}
        rowKey="id"
        columns={columns}
        dataSource={rows}
        loading={events.isFetching && !events.isFetchingNextPage}
        pagination={false}
        scroll={{ x: 'max-content' }}
      />
      <Flex justify="center" style={{ marginTop: 16 }}>
        {events.hasNextPage ? (
          <Button onClick={() => void events.fetchNextPage()} loading={events.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        ) : rows.length > 0 ? (
          <span>{t('common.noMore')}</span>
        ) : null}
      </Flex>
    </>
  );
}
