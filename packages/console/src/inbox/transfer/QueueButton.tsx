import { HourglassOutlined } from '@ant-design/icons';
import type { QueueStatsView } from '@kefu/shared';
import { useQuery } from '@tanstack/react-query';
import { Badge, Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listQueue } from '../../api/routing';
import { queueStatsKey } from '../../presence/routingFrames';
import { QueueDrawer } from './QueueDrawer';

/** The same shape the `queues` frame has, from the queue list (before the first frame arrives). */
async function loadQueueStats(signal: AbortSignal): Promise<QueueStatsView[]> {
  const { items } = await listQueue(signal);
  const byTeam = new Map<string | null, QueueStatsView>();
  for (const item of items) {
    const stats = byTeam.get(item.teamId) ?? { teamId: item.teamId, length: 0, longestWaitSince: item.enqueuedAt };
    stats.length += 1;
    if (stats.longestWaitSince === null || item.enqueuedAt < stats.longestWaitSince) {
      stats.longestWaitSince = item.enqueuedAt;
    }
    byTeam.set(item.teamId, stats);
  }
  return [...byTeam.values()];
}

/** "排队 3": how many customers wait in the workspace's queues, live; opens the queue to pick one from. */
export function QueueButton({ hrefFor }: { hrefFor(id: string): string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const stats = useQuery({
    queryKey: queueStatsKey,
    queryFn: ({ signal }) => loadQueueStats(signal),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const waiting = (stats.data ?? []).reduce((sum, queue) => sum + queue.length, 0);
  return (
    <>
      <Badge count={waiting} size="small" offset={[-4, 4]}>
        <Button icon={<HourglassOutlined />} onClick={() => setOpen(true)} data-testid="open-queue">
          {t('routing.queue.button')}
        </Button>
      </Badge>
      {open ? <QueueDrawer hrefFor={hrefFor} onClose={() => setOpen(false)} /> : null}
    </>
  );
}
