import { ArrowDownOutlined, ArrowUpOutlined, PlusOutlined } from '@ant-design/icons';
import type { SlaPolicyView, UpdateSlaPolicyBody } from '@kefu/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Popconfirm, Space, Switch, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { deleteSlaPolicy, listSlaPolicies, slaPoliciesKey, updateSlaPolicy } from '../../../api/slaPolicies';
import { useErrorMessage } from '../../../api/useErrorMessage';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { PageHeader } from '../../../components/PageHeader';
import { isVersionConflict } from './policyForm';
import { SlaPolicyEditor } from './SlaPolicyEditor';
import { usePolicySummary } from './usePolicySummary';

/** The editor's policy is looked up by id, so a refetch (after a conflict) hands it the current version. */
type Editing = { kind: 'create' } | { kind: 'edit'; id: string };

/** A quick change from the list: enable or disable, or move in the order. */
interface QuickChange {
  policy: SlaPolicyView;
  changes: Omit<UpdateSlaPolicyBody, 'version'>;
  done: string;
}

/**
 * SLA 策略 (admins): the policies in the order they are tried, moved up and down, enabled and disabled in place;
 * each opened in the editor; created and deleted.
 */
export function SlaPoliciesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const summary = usePolicySummary();
  const [editing, setEditing] = useState<Editing | null>(null);
  const policies = useQuery({ queryKey: slaPoliciesKey, queryFn: listSlaPolicies });
  const items = policies.data?.items ?? [];

  const quickChange = useMutation({
    mutationFn: ({ policy, changes }: QuickChange) =>
      updateSlaPolicy(policy.id, { version: policy.version, ...changes }),
    onSuccess: async (_, { done }) => {
      message.success(done);
      await queryClient.invalidateQueries({ queryKey: slaPoliciesKey });
    },
    onError: async (error) => {
      if (isVersionConflict(error)) {
        message.warning(t('slaPolicies.conflict'));
        await queryClient.invalidateQueries({ queryKey: slaPoliciesKey });
      } else {
        message.error(errorMessage(error));
      }
    },
  });

  const remove = useMutation({
    mutationFn: (policy: SlaPolicyView) => deleteSlaPolicy(policy.id),
    onSuccess: async (_, policy) => {
      message.success(t('slaPolicies.deleted', { name: policy.name }));
      await queryClient.invalidateQueries({ queryKey: slaPoliciesKey });
    },
    onError: (error) => message.error(errorMessage(error)),
  });

  const move = (policy: SlaPolicyView, position: number) =>
    quickChange.mutate({ policy, changes: { position }, done: t('slaPolicies.moved') });
  const busy = quickChange.isPending || policies.isFetching;

  const columns: TableColumnsType<SlaPolicyView> = [
    {
      key: 'order',
      title: t('slaPolicies.columns.order'),
      width: 110,
      render: (_, policy, index) => (
        <Flex align="center" gap={4}>
          <Typography.Text strong style={{ minWidth: 20 }}>
            {index + 1}
          </Typography.Text>
          <Button
            size="small"
            type="text"
            icon={<ArrowUpOutlined />}
            disabled={index === 0 || busy}
            onClick={() => move(policy, index - 1)}
            aria-label={t('slaPolicies.moveUp', { name: policy.name })}
          />
          <Button
            size="small"
            type="text"
            icon={<ArrowDownOutlined />}
            disabled={index === items.length - 1 || busy}
            onClick={() => move(policy, index + 1)}
            aria-label={t('slaPolicies.moveDown', { name: policy.name })}
          />
        </Flex>
      ),
    },
    {
      key: 'name',
      title: t('slaPolicies.columns.name'),
      width: 220,
      render: (_, policy) => (
        <Flex vertical>
          <Typography.Link onClick={() => setEditing({ kind: 'edit', id: policy.id })}>{policy.name}</Typography.Link>
          {policy.description ? (
            <Typography.Text
              type="secondary"
              style={{ fontSize: 12, maxWidth: 200 }}
              ellipsis={{ tooltip: policy.description }}
            >
              {policy.description}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      key: 'conditions',
      title: t('slaPolicies.columns.conditions'),
      render: (_, policy) => <Lines lines={summary.conditions(policy)} />,
    },
    {
      key: 'targets',
      title: t('slaPolicies.columns.targets'),
      render: (_, policy) => <Lines lines={summary.targets(policy)} />,
    },
    { key: 'calendar', title: t('slaPolicies.columns.calendar'), render: (_, policy) => summary.calendar(policy) },
    {
      key: 'onBreach',
      title: t('slaPolicies.columns.onBreach'),
      render: (_, policy) => <Lines lines={summary.onBreach(policy)} />,
    },
    {
      key: 'enabled',
      title: t('slaPolicies.columns.enabled'),
      render: (_, policy) => (
        <Switch
          size="small"
          checked={policy.enabled}
          disabled={busy}
          aria-label={t('slaPolicies.toggle', { name: policy.name })}
          onChange={(enabled) =>
            quickChange.mutate({
              policy,
              changes: { enabled },
              done: t(enabled ? 'slaPolicies.enabledNow' : 'slaPolicies.disabledNow', { name: policy.name }),
            })
          }
        />
      ),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_, policy) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setEditing({ kind: 'edit', id: policy.id })}>
            {t('common.edit')}
          </Button>
          <Popconfirm
            title={t('slaPolicies.deleteConfirm', { name: policy.name })}
            okText={t('common.delete')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() => remove.mutateAsync(policy).catch(() => undefined)}
          >
            <Button type="link" size="small" danger>
              {t('common.delete')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  const editedPolicy = editing?.kind === 'edit' ? items.find((policy) => policy.id === editing.id) : undefined;

  return (
    <>
      <PageHeader
        title={t('slaPolicies.title')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing({ kind: 'create' })}
            data-testid="create-sla-policy"
          >
            {t('slaPolicies.create')}
          </Button>
        }
      />
      <Typography.Paragraph type="secondary">{t('slaPolicies.intro')}</Typography.Paragraph>
      {policies.isError ? <ErrorAlert error={policies.error} /> : null}
      <Table<SlaPolicyView>
        aria-label={t('slaPolicies.listLabel')}
        rowKey="id"
        columns={columns}
        dataSource={items}
        loading={policies.isPending}
        pagination={false}
        locale={{ emptyText: t('slaPolicies.empty') }}
      />
      {editing?.kind === 'create' ? <SlaPolicyEditor onClose={() => setEditing(null)} /> : null}
      {editedPolicy ? <SlaPolicyEditor policy={editedPolicy} onClose={() => setEditing(null)} /> : null}
    </>
  );
}

/** Short facts one per line, each kept whole (the calendar column takes what width is left). */
function Lines({ lines }: { lines: string[] }) {
  return (
    <Flex vertical>
      {lines.map((line) => (
        <span key={line} style={{ whiteSpace: 'nowrap' }}>
          {line}
        </span>
      ))}
    </Flex>
  );
}
