import { PlusOutlined } from '@ant-design/icons';
import type { BusinessHoursView } from '@kefu/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Popconfirm, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { businessHoursKey, deleteBusinessHours, listBusinessHours } from '../../../api/businessHours';
import { ApiError } from '../../../api/client';
import { useErrorMessage } from '../../../api/useErrorMessage';
import { usePermission } from '../../../auth/usePermission';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { PageHeader } from '../../../components/PageHeader';
import { BusinessHoursEditor } from './BusinessHoursEditor';
import { useFormatInZone } from './useFormatInZone';

type Dialog = { kind: 'create' } | { kind: 'open'; calendar: BusinessHoursView };

/** A deletion the server refused because inboxes or SLA policies still name the calendar. */
interface CalendarInUse {
  calendar: BusinessHoursView;
  inboxes: string[];
  slaPolicies: string[];
}

const namesIn = (list: unknown): string[] =>
  Array.isArray(list) ? list.map((item) => String((item as { name?: unknown }).name)) : [];

/** `CALENDAR_IN_USE` with `{ inboxes: [{ id, name }], slaPolicies: [{ id, name }] }` in its details. */
function calendarInUse(error: unknown, calendar: BusinessHoursView): CalendarInUse | null {
  if (!(error instanceof ApiError) || error.code !== 'CALENDAR_IN_USE' || Array.isArray(error.details)) return null;
  return { calendar, inboxes: namesIn(error.details.inboxes), slaPolicies: namesIn(error.details.slaPolicies) };
}

export function BusinessHoursPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const formatInZone = useFormatInZone();
  const canManage = usePermission('businessHours.manage');
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [inUse, setInUse] = useState<CalendarInUse | null>(null);

  const calendars = useQuery({ queryKey: businessHoursKey, queryFn: listBusinessHours });

  const remove = useMutation({
    mutationFn: (calendar: BusinessHoursView) => deleteBusinessHours(calendar.id),
    onMutate: () => setInUse(null),
    onSuccess: async (_, calendar) => {
      message.success(t('businessHours.deleted', { name: calendar.name }));
      await queryClient.invalidateQueries({ queryKey: businessHoursKey });
    },
    onError: (error, calendar) => {
      const users = calendarInUse(error, calendar);
      if (users) setInUse(users);
      else message.error(errorMessage(error));
    },
  });

  const columns: TableColumnsType<BusinessHoursView> = [
    {
      key: 'name',
      title: t('businessHours.name'),
      render: (_, calendar) => (
        <Typography.Link onClick={() => setDialog({ kind: 'open', calendar })}>{calendar.name}</Typography.Link>
      ),
    },
    { key: 'timeZone', title: t('businessHours.timeZone'), dataIndex: 'timeZone' },
    {
      key: 'status',
      title: t('businessHours.status'),
      render: (_, { status, timeZone }) => (
        <Space size={4} wrap>
          <Tag color={status.open ? 'green' : 'default'}>
            {t(status.open ? 'businessHours.open' : 'businessHours.closed')}
          </Tag>
          <Typography.Text type="secondary">
            {status.nextChangeAt
              ? t(status.open ? 'businessHours.previewCloses' : 'businessHours.previewOpens', {
                  time: formatInZone(status.nextChangeAt, timeZone),
                })
              : t(status.open ? 'businessHours.neverCloses' : 'businessHours.neverOpens')}
          </Typography.Text>
        </Space>
      ),
    },
    { key: 'holidays', title: t('businessHours.holidays'), render: (_, calendar) => calendar.holidays.length },
    {
      key: 'specialWorkingDays',
      title: t('businessHours.specialWorkingDays'),
      render: (_, calendar) => calendar.specialWorkingDays.length,
    },
  ];
  if (canManage) {
    columns.push({
      key: 'actions',
      title: t('common.actions'),
      render: (_, calendar) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setDialog({ kind: 'open', calendar })}>
            {t('common.edit')}
          </Button>
          <Popconfirm
            title={t('businessHours.deleteConfirm', { name: calendar.name })}
            okText={t('common.delete')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() => remove.mutateAsync(calendar).catch(() => undefined)}
          >
            <Button type="link" size="small" danger>
              {t('common.delete')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    });
  }

  return (
    <>
      <PageHeader
        title={t('businessHours.title')}
        extra={
          canManage ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setDialog({ kind: 'create' })}
              data-testid="create-business-hours"
            >
              {t('businessHours.create')}
            </Button>
          ) : null
        }
      />
      <Typography.Paragraph type="secondary">{t('businessHours.intro')}</Typography.Paragraph>
      {calendars.isError ? <ErrorAlert error={calendars.error} /> : null}
      {inUse ? <CalendarInUseAlert inUse={inUse} onClose={() => setInUse(null)} /> : null}
      <Table<BusinessHoursView>
        aria-label={t('businessHours.tableLabel')}
        rowKey="id"
        columns={columns}
        dataSource={calendars.data?.items}
        loading={calendars.isFetching}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
      />
      {dialog?.kind === 'create' ? <BusinessHoursEditor canManage onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'open' ? (
        <BusinessHoursEditor calendar={dialog.calendar} canManage={canManage} onClose={() => setDialog(null)} />
      ) : null}
    </>
  );
}

/** Why a calendar was not deleted: who still uses it, with the pages where to choose other hours for them. */
function CalendarInUseAlert({ inUse, onClose }: { inUse: CalendarInUse; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="error"
      showIcon
      closable={{ onClose, 'aria-label': t('common.close') }}
      title={t('businessHours.inUse', { name: inUse.calendar.name })}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 16 }}>
          {inUse.inboxes.length > 0 ? (
            <li>
              <Link to="/settings/inboxes">{t('businessHours.inUseInboxes')}</Link>
              {t('businessHours.inUseNames', { names: inUse.inboxes.join('、') })}
            </li>
          ) : null}
          {inUse.slaPolicies.length > 0 ? (
            <li>
              <Link to="/settings/sla">{t('businessHours.inUseSlaPolicies')}</Link>
              {t('businessHours.inUseNames', { names: inUse.slaPolicies.join('、') })}
            </li>
          ) : null}
        </ul>
      }
      style={{ marginBottom: 16 }}
      data-testid="calendar-in-use"
    />
  );
}
