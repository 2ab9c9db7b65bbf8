import type { TicketView } from '@kefu/shared';
import { useQuery } from '@tanstack/react-query';
import { Card, Flex, Progress, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { getTicketSla, ticketSlaKey } from '../api/tickets';
import { useFormatDateTime } from '../format/useFormatDateTime';
import { formatDuration, SLA_STATE_COLORS } from './SlaBadge';

/** How often the clocks are read again while the page is open. */
const SLA_REFRESH_MS = 30_000;

/** 服务等级: the policy that applies and each clock (first response, next response, resolution) with its due time. */
export function SlaCard({ ticket }: { ticket: TicketView }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const live = useQuery({
    queryKey: ticketSlaKey(ticket.id),
    queryFn: ({ signal }) => getTicketSla(ticket.id, signal),
    initialData: { sla: ticket.sla },
    initialDataUpdatedAt: Date.parse(ticket.updatedAt),
    refetchInterval: SLA_REFRESH_MS,
  });
  const sla = live.data.sla;
  if (!sla) return null;
  return (
    <Card
      size="small"
      title={t('tickets.sla.title')}
      extra={<Typography.Text type="secondary">{sla.policy.name}</Typography.Text>}
      data-testid="sla-card"
    >
      <Flex vertical gap={12}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {sla.calendar ? t('tickets.sla.calendar', { name: sla.calendar.name }) : t('tickets.sla.allDay')}
          {sla.paused ? ` · ${t('tickets.sla.pausedNote')}` : ''}
        </Typography.Text>
        {sla.clocks.map((clock) => {
          const target = clock.targetMinutes * 60_000;
          const percent = Math.min(100, Math.round((clock.elapsedMs / target) * 100));
          return (
            <Flex key={clock.kind} vertical gap={2} data-testid={`sla-clock-${clock.kind}`}>
              <Flex justify="space-between" align="center" gap={8}>
                <Typography.Text>{t(`tickets.sla.clocks.${clock.kind}`)}</Typography.Text>
                <Tag color={SLA_STATE_COLORS[clock.state]} style={{ marginInlineEnd: 0 }}>
                  {t(`tickets.sla.states.${clock.state}`)}
                </Tag>
              </Flex>
              <Progress
                percent={percent}
                showInfo={false}
                size="small"
                status={clock.state === 'breached' ? 'exception' : clock.state === 'met' ? 'success' : 'normal'}
              />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('tickets.sla.target', { duration: formatDuration(target, t) })}
                {' · '}
                {clock.stoppedAt
                  ? t('tickets.sla.stoppedAt', { at: formatDateTime(clock.stoppedAt) })
                  : clock.remainingMs >= 0
                    ? t('tickets.sla.remaining', { duration: formatDuration(clock.remainingMs, t) })
                    : t('tickets.sla.overBy', { duration: formatDuration(-clock.remainingMs, t) })}
                {clock.dueAt && !clock.stoppedAt
                  ? ` · ${t('tickets.sla.dueAt', { at: formatDateTime(clock.dueAt) })}`
                  : ''}
              </Typography.Text>
            </Flex>
          );
        })}
      </Flex>
    </Card>
  );
}
