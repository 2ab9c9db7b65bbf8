import { CheckOutlined, ClockCircleOutlined, RedoOutlined, UserAddOutlined } from '@ant-design/icons';
import type { ConversationView } from '@kefu/shared';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { type UpdateConversationBody, updateConversation } from '../api/conversations';
import { useErrorMessage } from '../api/useErrorMessage';
import { useSignedInSession } from '../auth/SessionContext';
import { usePermission } from '../auth/usePermission';
import { FutureDateTimePicker } from '../components/FutureDateTimePicker';
import { useRealtime } from '../realtime/RealtimeContext';
import { CreateTicketFromConversation } from '../tickets/CreateTicketFromConversation';
import { AssignSelect } from './AssignSelect';
import { RoutingActions } from './transfer/RoutingActions';

/** Assign (to me, a colleague or a team), resolve, reopen and snooze, through `PATCH /api/conversations/:id`. */
export function ConversationActions({ conversation }: { conversation: ConversationView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const realtime = useRealtime();
  const { user } = useSignedInSession();
  const canReply = usePermission('conversations.reply');

  const update = useMutation({
    mutationFn: (body: UpdateConversationBody) => updateConversation(conversation.id, body),
    // The socket sends the same change; applying the answer now makes the button feel instant.
    onSuccess: (updated) => realtime.applyConversation(updated),
    onError: (error) => message.error(errorMessage(error)),
  });

  if (!canReply) return null;
  const { status } = conversation;
  const snooze = (until: Dayjs | null) => {
    if (until) update.mutate({ status: 'snoozed', snoozedUntil: until.toISOString() });
  };

  return (
    <Space wrap size={8}>
      {conversation.assigneeId !== user.id ? (
        <Button
          size="small"
          icon={<UserAddOutlined />}
          onClick={() => update.mutate({ assigneeId: user.id })}
          disabled={update.isPending}
          data-testid="assign-to-me"
        >
          {t('inbox.assignToMe')}
        </Button>
      ) : null}
      <AssignSelect conversation={conversation} disabled={update.isPending} onAssign={(body) => update.mutate(body)} />
      <RoutingActions conversation={conversation} />
      <CreateTicketFromConversation conversationId={conversation.id} />
      {status === 'open' || status === 'pending' ? (
        <FutureDateTimePicker
          size="small"
          placeholder={t('inbox.snooze')}
          suffixIcon={<ClockCircleOutlined />}
          presets={[
            { label: t('inbox.snoozePresets.hour'), value: () => dayjs().add(1, 'hour') },
            {
              label: t('inbox.snoozePresets.tomorrow'),
              value: () => dayjs().add(1, 'day').hour(9).minute(0).second(0),
            },
            {
              label: t('inbox.snoozePresets.nextWeek'),
              value: () => dayjs().add(1, 'week').day(1).hour(9).minute(0).second(0),
            },
          ]}
          onChange={snooze}
          value={null}
          aria-label={t('inbox.snooze')}
          disabled={update.isPending}
          style={{ width: 150 }}
          data-testid="snooze"
        />
      ) : null}
      {status === 'resolved' || status === 'snoozed' ? (
        <Button
          size="small"
          icon={<RedoOutlined />}
          onClick={() => update.mutate({ status: 'open' })}
          loading={update.isPending && update.variables?.status === 'open'}
          data-testid="reopen"
        >
          {t('inbox.reopen')}
        </Button>
      ) : null}
      {status !== 'resolved' ? (
        <Button
          size="small"
          type="primary"
          icon={<CheckOutlined />}
          onClick={() => update.mutate({ status: 'resolved' })}
          loading={update.isPending && update.variables?.status === 'resolved'}
          data-testid="resolve"
        >
          {t('inbox.resolve')}
        </Button>
      ) : null}
    </Space>
  );
}
