import { DownOutlined, PlusOutlined } from '@ant-design/icons';
import type { TicketTypeView } from '@kefu/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Dropdown, Popconfirm, Space, Table, type TableColumnsType, Tabs, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { deleteTicketType, ticketTypesKey } from '../../../api/ticketTypes';
import { useErrorMessage } from '../../../api/useErrorMessage';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { PageHeader } from '../../../components/PageHeader';
import { useTicketTypes } from '../../../tickets/useTicketTypes';
import { CategoriesPanel } from './CategoriesPanel';
import { TicketTypeEditor } from './TicketTypeEditor';
import { draftOf, type TypeDraft, typeTemplates } from './typeDraft';

type Editing = { draft: TypeDraft; existing: TicketTypeView | null };

/** 工单类型 (admin): the types with their forms and workflows, new ones from the shipped templates; the categories. */
export function TicketTypesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const types = useTicketTypes();
  const [editing, setEditing] = useState<Editing | null>(null);
  const templates = typeTemplates();
  const remove = useMutation({
    mutationFn: (type: TicketTypeView) => deleteTicketType(type.id),
    onSuccess: (_, type) => {
      message.success(t('ticketTypes.deleted', { name: type.name }));
      void queryClient.invalidateQueries({ queryKey: ticketTypesKey });
    },
    onError: (error) => message.error(errorMessage(error)),
  });

  const columns: TableColumnsType<TicketTypeView> = [
    { key: 'name', title: t('ticketTypes.name'), dataIndex: 'name' },
    {
      key: 'status',
      title: t('ticketTypes.status'),
      render: (_, type) => (
        <Space size={4}>
          <Tag color={type.enabled ? 'success' : 'default'}>
            {t(type.enabled ? 'ticketTypes.enabledTag' : 'ticketTypes.disabledTag')}
          </Tag>
          {type.widgetEnabled ? <Tag color="blue">{t('ticketTypes.widgetTag')}</Tag> : null}
          {type.workflow.closedLoop ? <Tag color="purple">{t('ticketTypes.closedLoopTag')}</Tag> : null}
        </Space>
      ),
    },
    { key: 'fields', title: t('ticketTypes.fieldsColumn'), render: (_, type) => type.fields.length },
    {
      key: 'states',
      title: t('ticketTypes.statesColumn'),
      render: (_, type) => type.workflow.states.map((state) => state.name).join(' → '),
    },
    { key: 'tickets', title: t('ticketTypes.ticketsColumn'), dataIndex: 'ticketCount' },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_, type) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setEditing({ draft: draftOf(type), existing: type })}>
            {t('common.edit')}
          </Button>
          {type.ticketCount > 0 ? (
            <Tooltip title={t('ticketTypes.inUse')}>
              <Button type="link" size="small" danger disabled>
                {t('common.delete')}
              </Button>
            </Tooltip>
          ) : (
            <Popconfirm
              title={t('ticketTypes.deleteConfirm', { name: type.name })}
              okText={t('common.delete')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: true }}
              onConfirm={() => remove.mutateAsync(type).catch(() => undefined)}
            >
              <Button type="link" size="small" danger>
                {t('common.delete')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('ticketTypes.title')}
        extra={
          <Dropdown
            trigger={['click']}
            menu={{
              items: templates.map((template) => ({
                key: template.key,
                label: template.draft.name
                  ? t('ticketTypes.fromTemplate', { name: template.draft.name })
                  : t('ticketTypes.blank'),
              })),
              onClick: ({ key }) => {
                const template = templates.find((candidate) => candidate.key === key);
                if (!template) return;
                const taken = new Set(types.data?.items.map((type) => type.name));
                // A template whose name is taken gets a free one, so it can be saved as a second variant.
                let name = template.draft.name;
                for (let n = 2; name && taken.has(name); n += 1) name = `${template.draft.name} ${n}`;
                setEditing({ draft: { ...template.draft, name }, existing: null });
              },
            }}
          >
            <Button type="primary" icon={<PlusOutlined />} data-testid="create-ticket-type">
              {t('ticketTypes.create')} <DownOutlined />
            </Button>
          </Dropdown>
        }
      />
      <Tabs
        items={[
          {
            key: 'types',
            label: t('ticketTypes.tabs.types'),
            children: (
              <>
                {types.isError ? <ErrorAlert error={types.error} /> : null}
                <Table<TicketTypeView>
                  rowKey="id"
                  columns={columns}
                  dataSource={types.data?.items}
                  loading={types.isPending}
                  pagination={false}
                  aria-label={t('ticketTypes.listLabel')}
                />
              </>
            ),
          },
          { key: 'categories', label: t('ticketTypes.tabs.categories'), children: <CategoriesPanel /> },
        ]}
      />
      {editing ? (
        <TicketTypeEditor initial={editing.draft} existing={editing.existing} onClose={() => setEditing(null)} />
      ) : null}
    </>
  );
}
