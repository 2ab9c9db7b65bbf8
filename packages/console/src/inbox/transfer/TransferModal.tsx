import { type AgentDirectoryEntry, type ConversationView, ROUTING_LIMITS, type TransferBody } from '@kefu/shared';
import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Form, Input, Modal, Radio, Select, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { transferConversation } from '../../api/routing';
import { reassign } from '../../api/supervision';
import { listTeams, teamsKey } from '../../api/teams';
import { useSignedInSession } from '../../auth/SessionContext';
import { ErrorAlert } from '../../components/ErrorAlert';
import { type FieldErrorCodes, useServerFormErrors } from '../../forms/useServerFormErrors';
import { AgentSelect } from '../../presence/AgentSelect';
import { useRealtime } from '../../realtime/RealtimeContext';

interface TransferValues {
  target: 'agent' | 'team';
  agentId?: string | null;
  teamId?: string | null;
  note?: string;
}

/**
 * 转接 (`transfer`): to a colleague who is online with a free seat, or to a team (routed among its members), with
 * a note the next agent reads first. 改派 (`reassign`, supervisors): the same, but an agent gets it even when busy
 * or full.
 */
export function TransferModal({
  conversation,
  mode,
  onClose,
}: {
  conversation: ConversationView;
  mode: 'transfer' | 'reassign';
  onClose(): void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const realtime = useRealtime();
  const { user } = useSignedInSession();
  const [form] = Form.useForm<TransferValues>();
  const target = Form.useWatch('target', form) ?? 'agent';
  const teams = useQuery({ queryKey: teamsKey, queryFn: () => listTeams(), staleTime: 60_000 });
  // A colleague who went away or filled up since the list was loaded: said on the picker, not in a banner.
  const fieldErrorCodes = useMemo<FieldErrorCodes>(
    () =>
      target === 'agent' ? { CONFLICT: { field: 'agentId', message: t('routing.transfer.agentCannotTake') } } : {},
    [t, target],
  );
  const { bannerError, handleError, clearError } = useServerFormErrors(form, fieldErrorCodes);

  const send = useMutation({
    mutationFn: (body: TransferBody) =>
      mode === 'transfer' ? transferConversation(conversation.id, body) : reassign(conversation.id, body),
    onMutate: clearError,
    onSuccess: (updated) => {
      realtime.applyConversation(updated);
      message.success(t(mode === 'transfer' ? 'routing.transfer.done' : 'routing.transfer.reassigned'));
      onClose();
    },
    onError: handleError,
  });

  // A transfer goes only to someone who can take the chat now; a supervisor's reassignment to anyone.
  const unavailable = (agent: AgentDirectoryEntry): string | null => {
    if (mode === 'reassign') return null;
    if (agent.presence !== 'online') return t(`presence.statuses.${agent.presence}`);
    if (agent.activeChats >= agent.chatLimit) return t('routing.transfer.full');
    return null;
  };
  const skillTeams = (teams.data?.items ?? []).filter((team) => team.kind === 'skill');

  return (
    <Modal
      open
      title={t(mode === 'transfer' ? 'routing.transfer.title' : 'routing.transfer.reassignTitle')}
      okText={t(mode === 'transfer' ? 'routing.transfer.submit' : 'routing.transfer.reassignSubmit')}
      okButtonProps={{ htmlType: 'submit', form: 'transfer', 'data-testid': 'transfer-submit' }}
      confirmLoading={send.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<TransferValues>
        form={form}
        name="transfer"
        layout="vertical"
        requiredMark={false}
        initialValues={{ target: 'agent', note: '' }}
        onFinish={(values) => {
          const note = values.note?.trim();
          const to = values.target === 'agent' ? { agentId: values.agentId! } : { teamId: values.teamId! };
          send.mutate({ ...to, ...(note ? { note } : {}) });
        }}
      >
        <Form.Item name="target">
          <Radio.Group
            optionType="button"
            options={[
              { value: 'agent', label: t('routing.transfer.toAgent') },
              { value: 'team', label: t('routing.transfer.toTeam') },
            ]}
          />
        </Form.Item>
        {target === 'agent' ? (
          <Form.Item
            name="agentId"
            label={t('routing.transfer.agent')}
            rules={[{ required: true, message: t('routing.transfer.agentRequired') }]}
            extra={mode === 'transfer' ? t('routing.transfer.agentHint') : t('routing.transfer.reassignHint')}
          >
            <AgentSelect
              unavailable={unavailable}
              hidden={[conversation.assigneeId, mode === 'transfer' ? user.id : null]}
              testId="transfer-agent"
            />
          </Form.Item>
        ) : (
          <Form.Item
            name="teamId"
            label={t('routing.transfer.team')}
            rules={[{ required: true, message: t('routing.transfer.teamRequired') }]}
            extra={t('routing.transfer.teamHint')}
          >
            <Select
              placeholder={t('routing.transfer.pickTeam')}
              loading={teams.isPending}
              options={skillTeams.map((team) => ({ value: team.id, label: team.name }))}
              data-testid="transfer-team"
            />
          </Form.Item>
        )}
        <Form.Item
          name="note"
          label={t('routing.transfer.note')}
          extra={t('routing.transfer.noteHint')}
          rules={[
            {
              max: ROUTING_LIMITS.noteMaxChars,
              message: t('validation.maxLength', { max: ROUTING_LIMITS.noteMaxChars }),
            },
          ]}
        >
          <Input.TextArea
            autoSize={{ minRows: 3, maxRows: 6 }}
            maxLength={ROUTING_LIMITS.noteMaxChars}
            data-testid="transfer-note"
          />
        </Form.Item>
        {bannerError ? <ErrorAlert error={bannerError} /> : null}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('routing.transfer.customerSees')}
        </Typography.Text>
      </Form>
    </Modal>
  );
}
