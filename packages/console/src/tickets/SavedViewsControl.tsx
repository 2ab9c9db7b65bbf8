import { DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import type { TicketViewFilters } from '@kefu/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Form, Input, Modal, Popconfirm, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listTeams, teamsKey } from '../api/teams';
import { createSavedView, deleteSavedView, listSavedViews, savedViewsKey } from '../api/tickets';
import { useErrorMessage } from '../api/useErrorMessage';
import { usePermission } from '../auth/usePermission';
import { showFieldErrors } from '../forms/serverErrors';

/**
 * 我的筛选: saved filters (one's own, and those a team shares), applied by choosing one; the current filters can be
 * saved under a name, optionally shared with a team.
 */
export function SavedViewsControl({
  current,
  onApply,
}: {
  current: TicketViewFilters;
  onApply(filters: TicketViewFilters): void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const [saving, setSaving] = useState(false);
  const [chosen, setChosen] = useState<string | undefined>();
  const views = useQuery({ queryKey: savedViewsKey, queryFn: ({ signal }) => listSavedViews(signal) });
  const remove = useMutation({
    mutationFn: deleteSavedView,
    onSuccess: () => {
      setChosen(undefined);
      message.success(t('tickets.saved.deleted'));
      void queryClient.invalidateQueries({ queryKey: savedViewsKey });
    },
    onError: (error) => message.error(errorMessage(error)),
  });
  const items = views.data?.items ?? [];
  const selected = items.find((view) => view.id === chosen);

  return (
    <Space size={4}>
      <Select
        allowClear
        value={chosen}
        placeholder={t('tickets.saved.placeholder')}
        onChange={(id?: string) => {
          setChosen(id);
          const view = items.find((candidate) => candidate.id === id);
          if (view) onApply(view.filters);
        }}
        options={items.map((view) => ({
          value: view.id,
          label: view.mine ? view.name : t('tickets.saved.sharedBy', { name: view.name, owner: view.owner.name }),
        }))}
        style={{ width: 200 }}
        aria-label={t('tickets.saved.label')}
        data-testid="saved-views"
      />
      {selected?.mine ? (
        <Popconfirm
          title={t('tickets.saved.deleteConfirm', { name: selected.name })}
          okText={t('common.delete')}
          cancelText={t('common.cancel')}
          okButtonProps={{ danger: true }}
          onConfirm={() => remove.mutateAsync(selected.id).catch(() => undefined)}
        >
          <Button icon={<DeleteOutlined />} aria-label={t('common.delete')} />
        </Popconfirm>
      ) : null}
      <Button icon={<SaveOutlined />} onClick={() => setSaving(true)} data-testid="save-view">
        {t('tickets.saved.save')}
      </Button>
      {saving ? (
        <SaveViewModal
          filters={current}
          onClose={(id) => {
            setSaving(false);
            if (id) setChosen(id);
          }}
        />
      ) : null}
    </Space>
  );
}

function SaveViewModal({ filters, onClose }: { filters: TicketViewFilters; onClose(savedId?: string): void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const canReadTeams = usePermission('teams.read');
  const teams = useQuery({ queryKey: teamsKey, queryFn: listTeams, enabled: canReadTeams, staleTime: 60_000 });
  const [form] = Form.useForm<{ name: string; teamId?: string }>();
  const [problem, setProblem] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (values: { name: string; teamId?: string }) =>
      createSavedView({ name: values.name.trim(), filters, teamId: values.teamId ?? null }),
    onSuccess: (view) => {
      void queryClient.invalidateQueries({ queryKey: savedViewsKey });
      onClose(view.id);
    },
    onError: (error) => setProblem(showFieldErrors(form, error, errorMessage) ? null : errorMessage(error)),
  });
  return (
    <Modal
      open
      title={t('tickets.saved.saveTitle')}
      okText={t('common.save')}
      okButtonProps={{ htmlType: 'submit', form: 'save-ticket-view' }}
      confirmLoading={save.isPending}
      onCancel={() => onClose()}
      destroyOnHidden
    >
      <Form form={form} name="save-ticket-view" layout="vertical" onFinish={(values) => save.mutate(values)}>
        <Form.Item
          name="name"
          label={t('tickets.saved.name')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input maxLength={100} autoFocus />
        </Form.Item>
        <Form.Item name="teamId" label={t('tickets.saved.share')} extra={t('tickets.saved.shareHelp')}>
          <Select
            allowClear
            placeholder={t('tickets.saved.shareNone')}
            options={teams.data?.items.map((team) => ({ value: team.id, label: team.name }))}
          />
        </Form.Item>
      </Form>
      {problem ? <Flex style={{ color: 'var(--ant-color-error)' }}>{problem}</Flex> : null}
    </Modal>
  );
}
