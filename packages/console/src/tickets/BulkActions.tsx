import type { BulkResponse, TicketSummary } from '@kefu/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Form, Input, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { listTeams, teamsKey } from '../api/teams';
import { bulkAssign, bulkClose, ticketsKey } from '../api/tickets';
import { useErrorMessage } from '../api/useErrorMessage';
import { usePermission } from '../auth/usePermission';
import { useAgentDirectory } from '../presence/useAgentDirectory';

type Dialog = 'assign' | 'close';

/**
 * Bulk assign or close the selected tickets, each with the version the list showed. Every ticket is its own
 * change on the server: the result says how many went through and why the others did not.
 */
export function BulkActions({ selected, onDone }: { selected: TicketSummary[]; onDone(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const canReadTeams = usePermission('teams.read');
  const agents = useAgentDirectory();
  const teams = useQuery({ queryKey: teamsKey, queryFn: listTeams, enabled: canReadTeams, staleTime: 60_000 });
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [outcome, setOutcome] = useState<BulkResponse | null>(null);
  const [form] = Form.useForm<{ assigneeId?: string; teamId?: string; comment?: string }>();
  const tickets = selected.map((ticket) => ({ id: ticket.id, version: ticket.version }));

  const run = useMutation({
    mutationFn: (values: { assigneeId?: string; teamId?: string; comment?: string }) =>
      dialog === 'close'
        ? bulkClose({ tickets, comment: values.comment?.trim() ?? '' })
        : bulkAssign({
            tickets,
            ...(values.assigneeId !== undefined ? { assigneeId: values.assigneeId } : {}),
            ...(values.teamId !== undefined ? { teamId: values.teamId } : {}),
          }),
    onSuccess: (response) => {
      void queryClient.invalidateQueries({ queryKey: ticketsKey });
      setOutcome(response);
      if (response.failed === 0) {
        message.success(t('tickets.bulk.allDone', { count: response.succeeded }));
        close();
        onDone();
      }
    },
    onError: (error) => message.error(errorMessage(error)),
  });
  const close = () => {
    setDialog(null);
    setOutcome(null);
    form.resetFields();
  };
  const numberOf = new Map(selected.map((ticket) => [ticket.id, ticket.number]));

  if (selected.length === 0) return null;
  return (
    <Flex gap={8} align="center" style={{ marginBottom: 12 }} data-testid="bulk-actions">
      <Typography.Text>{t('tickets.bulk.selected', { count: selected.length })}</Typography.Text>
      <Button onClick={() => setDialog('assign')} data-testid="bulk-assign">
        {t('tickets.bulk.assign')}
      </Button>
      <Button onClick={() => setDialog('close')} data-testid="bulk-close">
        {t('tickets.bulk.close')}
      </Button>
      <Modal
        open={dialog !== null}
        title={t(dialog === 'close' ? 'tickets.bulk.closeTitle' : 'tickets.bulk.assignTitle', {
          count: selected.length,
        })}
        okText={t('common.confirm')}
        okButtonProps={{ htmlType: 'submit', form: 'bulk-tickets' }}
        confirmLoading={run.isPending}
        onCancel={() => {
          if (outcome) onDone();
          close();
        }}
        destroyOnHidden
      >
        <Form
          form={form}
          name="bulk-tickets"
          layout="vertical"
          onFinish={(values) => {
            if (dialog === 'assign' && values.assigneeId === undefined && values.teamId === undefined) {
              form.setFields([{ name: 'assigneeId', errors: [t('tickets.bulk.chooseSomeone')] }]);
              return;
            }
            run.mutate(values);
          }}
        >
          {dialog === 'close' ? (
            <>
              <Typography.Paragraph type="secondary">{t('tickets.bulk.closeHelp')}</Typography.Paragraph>
              <Form.Item name="comment" label={t('tickets.workflow.comment')}>
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
              </Form.Item>
            </>
          ) : (
            <>
              <Form.Item name="assigneeId" label={t('tickets.fields.assignee')}>
                <Select
                  allowClear
                  showSearch
                  optionFilterProp="label"
                  options={agents.data?.items.map((agent) => ({ value: agent.id, label: agent.name }))}
                />
              </Form.Item>
              {canReadTeams ? (
                <Form.Item name="teamId" label={t('tickets.fields.team')}>
                  <Select
                    allowClear
                    options={teams.data?.items.map((team) => ({ value: team.id, label: team.name }))}
                  />
                </Form.Item>
              ) : null}
            </>
          )}
        </Form>
        {outcome && outcome.failed > 0 ? (
          <Alert
            type="warning"
            showIcon
            title={t('tickets.bulk.partly', { succeeded: outcome.succeeded, failed: outcome.failed })}
            description={
              <ul style={{ margin: 0, paddingInlineStart: 16 }} data-testid="bulk-failures">
                {outcome.results
                  .filter((result) => !result.ok)
                  .map((result) => (
                    <li key={result.id}>
                      {numberOf.get(result.id) ?? result.id}：{result.error ? errorMessage(toError(result.error)) : ''}
                    </li>
                  ))}
              </ul>
            }
          />
        ) : null}
      </Modal>
    </Flex>
  );
}

/** A per-ticket failure as the error the single request would have thrown, to word it the same way. */
function toError(error: NonNullable<BulkResponse['results'][number]['error']>): ApiError {
  const details = typeof error.details === 'object' && error.details !== null ? error.details : [];
  return new ApiError(0, error.code, error.message, details as ApiError['details']);
}
