import { EyeInvisibleOutlined, SwapOutlined, ThunderboltOutlined } from '@ant-design/icons';
import type { ConversationView } from '@kefu/shared';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Popconfirm } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { takeOver } from '../api/supervision';
import { useErrorMessage } from '../api/useErrorMessage';
import { useSignedInSession } from '../auth/SessionContext';
import { usePermission } from '../auth/usePermission';
import { TransferModal } from '../inbox/transfer/TransferModal';
import { WhisperModal } from '../inbox/transfer/WhisperModal';
import { useRealtime } from '../realtime/RealtimeContext';

/**
 * What a supervisor (or admin) does to someone else's live chat: whisper to the agent (悄悄话, a note the
 * customer never sees), take it over (强插, past any limit) or reassign it (改派, even to a busy or full agent).
 */
export function SupervisorActions({
  conversation,
  onTakenOver,
}: {
  conversation: ConversationView;
  onTakenOver?(conversation: ConversationView): void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const realtime = useRealtime();
  const { user } = useSignedInSession();
  const canSupervise = usePermission('supervision.act');
  const [dialog, setDialog] = useState<'whisper' | 'reassign' | null>(null);
  const takeover = useMutation({
    mutationFn: () => takeOver(conversation.id),
    onSuccess: (updated) => {
      realtime.applyConversation(updated);
      message.success(t('supervision.takenOver'));
      onTakenOver?.(updated);
    },
    onError: (error) => message.error(errorMessage(error)),
  });

  if (!canSupervise || conversation.status === 'resolved') return null;
  const someoneElses = conversation.assigneeId !== null && conversation.assigneeId !== user.id;
  return (
    <>
      {someoneElses ? (
        <Button size="small" icon={<EyeInvisibleOutlined />} onClick={() => setDialog('whisper')} data-testid="whisper">
          {t('supervision.whisper')}
        </Button>
      ) : null}
      {conversation.assigneeId !== user.id ? (
        <Popconfirm
          title={t('supervision.takeOverConfirm')}
          okText={t('supervision.takeOver')}
          cancelText={t('common.cancel')}
          okButtonProps={{ 'data-testid': 'takeover-confirm' }}
          onConfirm={() => takeover.mutateAsync().catch(() => undefined)}
        >
          <Button
            size="small"
            danger
            icon={<ThunderboltOutlined />}
            loading={takeover.isPending}
            data-testid="takeover"
          >
            {t('supervision.takeOver')}
          </Button>
        </Popconfirm>
      ) : null}
      <Button size="small" icon={<SwapOutlined />} onClick={() => setDialog('reassign')} data-testid="reassign">
        {t('supervision.reassign')}
      </Button>
      {dialog === 'whisper' ? <WhisperModal conversation={conversation} onClose={() => setDialog(null)} /> : null}
      {dialog === 'reassign' ? (
        <TransferModal conversation={conversation} mode="reassign" onClose={() => setDialog(null)} />
      ) : null}
    </>
  );
}
