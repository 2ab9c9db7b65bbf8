import { FlagFilled } from '@ant-design/icons';
import type { MessageFlagView, MessageView } from '@kefu/shared';
import { useQuery } from '@tanstack/react-query';
import { Tooltip, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { conversationFlagsKey, listConversationFlags } from '../../api/moderation';
import { usePermission } from '../../auth/usePermission';
import { matchedWords } from './sensitiveMatches';

/** The conversation's flags by message id, for supervisors and admins (one request per conversation). */
function useFlagsByMessage(conversationId: string): Map<string, MessageFlagView> {
  const canReview = usePermission('moderation.review');
  const flags = useQuery({
    queryKey: conversationFlagsKey(conversationId),
    queryFn: () => listConversationFlags(conversationId),
    enabled: canReview,
    staleTime: 30_000,
  });
  return useMemo(() => new Map((flags.data?.items ?? []).map((flag) => [flag.messageId, flag])), [flags.data]);
}

/** A red flag under a message with sensitive words: the words, and whether an agent sent it past a warning. */
export function MessageFlagMarker({ message }: { message: MessageView }) {
  const { t } = useTranslation();
  const flag = useFlagsByMessage(message.conversationId).get(message.id);
  if (!flag) return null;
  const words = matchedWords(flag.matches);
  return (
    <Tooltip title={t(flag.source === 'agent' ? 'moderation.flaggedByAgent' : 'moderation.flagged', { words })}>
      <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid="message-flag">
        <FlagFilled /> {t('moderation.flagged', { words })}
      </Typography.Text>
    </Tooltip>
  );
}
