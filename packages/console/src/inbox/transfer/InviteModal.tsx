import type { ConversationView } from '@kefu/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { inviteParticipant, type Participant, participantsKey } from '../../api/routing';
import { useSignedInSession } from '../../auth/SessionContext';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useServerFormErrors } from '../../forms/useServerFormErrors';
import { AgentSelect } from '../../presence/AgentSelect';

/** Invites a second agent into the chat (协同): they see and write in it without taking it over. */
export function InviteModal({
  conversation,
  participants,
  onClose,
}: {
  conversation: ConversationView;
  participants: readonly Participant[];
  onClose(): void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { user } = useSignedInSession();
  const [form] = Form.useForm<{ userId: string }>();
  const { bannerError, handleError, clearError } = useServerFormErrors(form);
  const invite = useMutation({
    mutationFn: (userId: string) => inviteParticipant(conversation.id, userId),
    onMutate: clearError,
    onSuccess: (answer) => {
      queryClient.setQueryData(participantsKey(conversation.id), answer);
      message.success(t('routing.participants.invited'));
      onClose();
    },
    onError: handleError,
  });
  return (
    <Modal
      open
      title={t('routing.participants.inviteTitle')}
      okText={t('routing.participants.invite')}
      okButtonProps={{ htmlType: 'submit', form: 'invite', 'data-testid': 'invite-submit' }}
      confirmLoading={invite.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('routing.participants.inviteExplain')}</Typography.Paragraph>
      <Form form={form} name="invite" layout="vertical" requiredMark={false} onFinish={(v) => invite.mutate(v.userId)}>
        <Form.Item
          name="userId"
          label={t('routing.participants.colleague')}
          rules={[{ required: true, message: t('routing.transfer.agentRequired') }]}
        >
          <AgentSelect
            hidden={[conversation.assigneeId, user.id, ...participants.map((p) => p.userId)]}
            testId="invite-agent"
          />
        </Form.Item>
        {bannerError ? <ErrorAlert error={bannerError} /> : null}
      </Form>
    </Modal>
  );
}
