import { TICKET_PRIORITIES, type TicketTypeView } from '@kefu/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Drawer, Flex, Input, Select, Space, Switch, Tabs, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client';
import { createTicketType, ticketTypesKey, updateTicketType } from '../../../api/ticketTypes';
import { useErrorMessage } from '../../../api/useErrorMessage';
import { FieldsEditor } from './FieldsEditor';
import { type DraftProblem, draftProblems, type TypeDraft } from './typeDraft';
import { WorkflowEditor } from './WorkflowEditor';

/** Where a problem is, in words: 表单字段 2 › 选项, 流程 › 流转 3 › 目标状态. */
export function problemPlace(problem: DraftProblem, draft: TypeDraft, t: TFunction): string {
  const [section, index, part] = problem.path;
  if (section === 'fields' && typeof index === 'number') {
    const field = draft.fields[index];
    return [t('ticketTypes.tabs.fields'), field?.label || field?.key || String(index + 1), part]
      .filter(Boolean)
      .join(' › ');
  }
  if (section === 'workflow') {
    const [, group, at, detail] = problem.path;
    const items =
      group === 'states' ? draft.workflow.states : group === 'transitions' ? draft.workflow.transitions : [];
    const item = typeof at === 'number' ? items[at] : undefined;
    const groupName =
      group === 'states'
        ? t('ticketTypes.workflow.states')
        : group === 'transitions'
          ? t('ticketTypes.workflow.transitions')
          : '';
    return [t('ticketTypes.tabs.workflow'), groupName, item?.name, detail].filter(Boolean).join(' › ');
  }
  return problem.path.join('.') || t('ticketTypes.tabs.basics');
}

/**
 * Creating or changing a ticket type: basics, the form's fields and the workflow, checked live with the same rules
 * the server applies (workflowProblems among them); saving sends the version read, so two admins never overwrite
 * each other unknowingly.
 */
export function TicketTypeEditor({
  initial,
  existing,
  onClose,
}: {
  initial: TypeDraft;
  existing: TicketTypeView | null;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const [draft, setDraft] = useState<TypeDraft>(initial);
  const problems = useMemo(() => draftProblems(draft), [draft]);
  const [serverProblem, setServerProblem] = useState<{ message: string; issues: string[] } | null>(null);
  const change = (patch: Partial<TypeDraft>) => {
    setServerProblem(null);
    setDraft((current) => ({ ...current, ...patch }));
  };

  const save = useMutation({
    mutationFn: () =>
      existing ? updateTicketType(existing.id, { version: existing.version, ...draft }) : createTicketType(draft),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: ticketTypesKey });
      message.success(t('ticketTypes.saved', { name: saved.name }));
      onClose();
    },
    onError: (error) => {
      const details = error instanceof ApiError && !Array.isArray(error.details) ? error.details : {};
      const issues =
        error instanceof ApiError
          ? [
              ...error.fieldIssues.map((issue) => `${issue.field ?? ''} ${issue.issue}`.trim()),
              ...(Array.isArray(details.statesInUse)
                ? [t('ticketTypes.statesInUse', { states: (details.statesInUse as string[]).join('、') })]
                : []),
            ]
          : [];
      const conflict = error instanceof ApiError && error.code === 'CONFLICT' && 'currentVersion' in details;
      setServerProblem({ message: conflict ? t('ticketTypes.conflict') : errorMessage(error), issues });
      if (conflict) void queryClient.invalidateQueries({ queryKey: ticketTypesKey });
    },
  });

  return (
    <Drawer
      open
      size={1100}
      title={existing ? t('ticketTypes.editTitle', { name: existing.name }) : t('ticketTypes.createTitle')}
      onClose={onClose}
      destroyOnHidden
      data-testid="ticket-type-editor"
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            disabled={problems.length > 0}
            loading={save.isPending}
            onClick={() => save.mutate()}
            data-testid="save-ticket-type"
          >
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {problems.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          title={t('ticketTypes.problems', { count: problems.length })}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 16 }} data-testid="type-problems">
              {problems.map((problem) => (
                <li key={`${problem.path.join('.')}:${problem.message}`}>
                  <Typography.Text strong>{problemPlace(problem, draft, t)}</Typography.Text>：{problem.message}
                </li>
              ))}
            </ul>
          }
          style={{ marginBottom: 16 }}
        />
      ) : null}
      {serverProblem ? (
        <Alert
          type="error"
          showIcon
          title={serverProblem.message}
          description={serverProblem.issues.length > 0 ? serverProblem.issues.join('；') : undefined}
          style={{ marginBottom: 16 }}
          data-testid="type-save-error"
        />
      ) : null}
      <Tabs
        items={[
          {
            key: 'basics',
            label: t('ticketTypes.tabs.basics'),
            children: (
              <Flex vertical gap={12} style={{ maxWidth: 560 }}>
                <Labelled label={t('ticketTypes.name')}>
                  <Input
                    value={draft.name}
                    maxLength={30}
                    onChange={(e) => change({ name: e.target.value })}
                    aria-label={t('ticketTypes.name')}
                    data-testid="type-name"
                  />
                </Labelled>
                <Labelled label={t('ticketTypes.description')}>
                  <Input.TextArea
                    value={draft.description}
                    autoSize={{ minRows: 2, maxRows: 5 }}
                    maxLength={500}
                    onChange={(e) => change({ description: e.target.value })}
                    aria-label={t('ticketTypes.description')}
                  />
                </Labelled>
                <Labelled label={t('ticketTypes.defaultPriority')}>
                  <Select
                    value={draft.defaultPriority}
                    onChange={(defaultPriority) => change({ defaultPriority })}
                    options={TICKET_PRIORITIES.map((value) => ({ value, label: t(`tickets.priorities.${value}`) }))}
                    style={{ width: 160 }}
                    aria-label={t('ticketTypes.defaultPriority')}
                  />
                </Labelled>
                <Flex gap={8} align="center">
                  <Switch
                    checked={draft.enabled}
                    onChange={(enabled) => change({ enabled })}
                    aria-label={t('ticketTypes.enabled')}
                  />
                  <Typography.Text>{t('ticketTypes.enabled')}</Typography.Text>
                </Flex>
                <Flex gap={8} align="center">
                  <Switch
                    checked={draft.widgetEnabled}
                    onChange={(widgetEnabled) => change({ widgetEnabled })}
                    aria-label={t('ticketTypes.widgetEnabled')}
                  />
                  <Typography.Text>{t('ticketTypes.widgetEnabled')}</Typography.Text>
                </Flex>
              </Flex>
            ),
          },
          {
            key: 'fields',
            label: t('ticketTypes.tabs.fieldsCount', { count: draft.fields.length }),
            children: <FieldsEditor fields={draft.fields} onChange={(fields) => change({ fields })} />,
          },
          {
            key: 'workflow',
            label: t('ticketTypes.tabs.workflow'),
            children: (
              <WorkflowEditor
                workflow={draft.workflow}
                fields={draft.fields}
                onChange={(workflow) => change({ workflow })}
              />
            ),
          },
        ]}
      />
    </Drawer>
  );
}

function Labelled({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Flex vertical gap={4}>
      <Typography.Text type="secondary">{label}</Typography.Text>
      {children}
    </Flex>
  );
}
