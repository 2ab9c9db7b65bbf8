import { SwapOutlined, UsergroupAddOutlined } from '@ant-design/icons';
import type { ConversationView } from '@kefu/shared';
import { Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePermission } from '../../auth/usePermission';
import { SupervisorActions } from '../../supervision/SupervisorActions';
import { InviteModal } from './InviteModal';
import { TransferModal } from './TransferModal';
import { useParticipants } from './useParticipants';

/**
 * Handing a live chat around: transfer (转接) and invite a colleague for every agent; whisper, take over and
 * reassign for supervisors and admins.
 */
export function RoutingActions({ conversation }: { conversation: ConversationView }) {
  const { t } = useTranslation();
  const canReply = usePermission('conversations.reply');
  const participants = useParticipants(conversation.id);
  const [dialog, setDialog] = useState<'transfer' | 'invite' | null>(null);

  if (!canReply || conversation.status === 'resolved') return null;
  const close = () => setDialog(null);
  return (
    <>
      <Button size="small" icon={<SwapOutlined />} onClick={() => setDialog('transfer')} data-testid="transfer">
        {t('routing.transfer.button')}
      </Button>
      <Button size="small" icon={<UsergroupAddOutlined />} onClick={() => setDialog('invite')} data-testid="invite">
        {t('routing.participants.invite')}
      </Button>
      <SupervisorActions conversation={conversation} />
      {dialog === 'transfer' ? <TransferModal conversation={conversation} mode="transfer" onClose={close} /> : null}
      {dialog === 'invite' ? (
        <InviteModal conversation={conversation} participants={participants.data?.items ?? []} onClose={close} />
      ) : null}
    </>
  );
}
