import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, Drawer, Empty, Flex, List, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { conversationDetailKey, getConversation, updateConversation } from '../../api/conversations';
import { listQueue, type QueueItem, routingQueueKey } from '../../api/routing';
import { listTeams, teamsKey } from '../../api/teams';
import { useErrorMessage } from '../../api/useErrorMessage';
import { useSignedInSession } from '../../auth/SessionContext';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useRealtime } from '../../realtime/RealtimeContext';
import { formatDuration, useNow } from '../time';

/**
 * The queue (排队), in the order it will be served: position in its team's queue, how long each customer has
 * waited and is estimated to wait. An agent picks one to answer it now (taking a seat like any assignment).
 */
export function QueueDrawer({ hrefFor, onClose }: { hrefFor(id: string): string; onClose(): void }) {
  const { t } = useTranslation();
  const queue = useQuery({ queryKey: routingQueueKey, queryFn: ({ signal }) => listQueue(signal) });
  const teams = useQuery({ queryKey: teamsKey, queryFn: () => listTeams(), staleTime: 60_000 });
  const teamName = (id: string | null) =>
    id === null ? t('routing.queue.anyAgent') : (teams.data?.items.find((team) => team.id === id)?.name ?? '…');
  const items = queue.data?.items ?? [];

  return (
    <Drawer open title={t('routing.queue.title')} onClose={onClose} size="large" data-testid="queue-drawer">
      {queue.isError ? <ErrorAlert error={queue.error} /> : null}
      {queue.isPending ? (
        <Flex justify="center">
          <Spin />
        </Flex>
      ) : items.length === 0 ? (
        <Empty description={t('routing.queue.empty')} />
      ) : (
        <List
          aria-label={t('routing.queue.title')}
          dataSource={items}
          rowKey="conversationId"
          renderItem={(item) => (
            <QueueRow item={item} team={teamName(item.teamId)} hrefFor={hrefFor} onPicked={onClose} />
          )}
        />
      )}
    </Drawer>
  );
}

function QueueRow({
  item,
  team,
  hrefFor,
  onPicked,
}: {
  item: QueueItem;
  team: string;
  hrefFor(id: string): string;
  onPicked(): void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const navigate = useNavigate();
  const realtime = useRealtime();
  const { user } = useSignedInSession();
  const now = useNow();
  const conversation = useQuery({
    queryKey: conversationDetailKey(item.conversationId),
    queryFn: ({ signal }) => getConversation(item.conversationId, signal),
  });
  const pick = useMutation({
    mutationFn: () => updateConversation(item.conversationId, { assigneeId: user.id }),
    onSuccess: (updated) => {
      realtime.applyConversation(updated);
      onPicked();
      navigate(hrefFor(updated.id));
    },
    onError: (error) => message.error(errorMessage(error)),
  });
  return (
    <List.Item
      data-testid="queue-item"
      actions={[
        <Button
          key="pick"
          type="primary"
          size="small"
          loading={pick.isPending}
          onClick={() => pick.mutate()}
          data-testid="pick-from-queue"
        >
          {t('routing.queue.pick')}
        </Button>,
      ]}
    >
      <List.Item.Meta
        title={
          <Flex gap={8} align="center" wrap>
            <Typography.Text strong>{t('routing.queue.position', { position: item.position })}</Typography.Text>
            <Typography.Text>{conversation.data?.contact.name ?? '…'}</Typography.Text>
            <Tag>{team}</Tag>
            {item.priority > 0 ? <Tag color="red">{t('routing.queue.priority')}</Tag> : null}
          </Flex>
        }
        description={
          <Flex vertical gap={2}>
            <Typography.Text type="secondary" ellipsis>
              {conversation.data?.lastMessage?.preview ?? ''}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('routing.queue.waited', { time: formatDuration(now - Date.parse(item.enqueuedAt)) })}
              {' · '}
              {t('routing.queue.estimate', { time: formatDuration(item.estimatedWaitSeconds * 1000) })}
            </Typography.Text>
          </Flex>
        }
      />
    </List.Item>
  );
}
