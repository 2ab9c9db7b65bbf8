import type { MessageView } from '@kefu/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { participantsKey, removeParticipant } from '../../api/routing';
import { useErrorMessage } from '../../api/useErrorMessage';
import { usePermission } from '../../auth/usePermission';
import { useParticipants } from './useParticipants';

/** "协同：小李 ×": the agents invited into the chat besides its assignee; nothing when there are none. */
export function ParticipantsLine({ conversationId, messages }: { conversationId: string; messages?: MessageView[] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const canReply = usePermission('conversations.reply');
  const participants = useParticipants(conversationId, messages);
  const remove = useMutation({
    mutationFn: (userId: string) => removeParticipant(conversationId, userId),
    onSuccess: (answer) => queryClient.setQueryData(participantsKey(conversationId), answer),
    onError: (error) => message.error(errorMessage(error)),
  });
  const items = participants.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Flex gap={4} align="center" wrap data-testid="participants">
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('routing.participants.label')}
      </Typography.Text>
      {items.map((participant) => (
        <Tag
          key={participant.userId}
          closable={canReply}
          onClose={(event) => {
            event.preventDefault();
            remove.mutate(participant.userId);
          }}
          closeIcon={canReply ? undefined : false}
          data-testid="participant"
        >
          {participant.name}
        </Tag>
      ))}
    </Flex>
  );
}
