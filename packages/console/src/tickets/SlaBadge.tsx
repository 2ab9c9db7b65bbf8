import type { SlaClockState, TicketSlaView } from '@kefu/shared';
import { Tag, Tooltip } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useFormatDateTime } from '../format/useFormatDateTime';

export const SLA_STATE_COLORS: Record<SlaClockState, string> = {
  running: 'processing',
  warning: 'warning',
  paused: 'default',
  met: 'success',
  breached: 'error',
};

/** A stretch of time in the largest units that matter: 2 天 3 小时, 1 小时 20 分, 45 分钟. */
export function formatDuration(ms: number, t: TFunction): string {
  const minutes = Math.max(0, Math.round(Math.abs(ms) / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  if (days > 0) return t('tickets.sla.daysHours', { days, hours });
  if (hours > 0) return t('tickets.sla.hoursMinutes', { hours, minutes: rest });
  return t('tickets.sla.minutes', { minutes: rest });
}

/** The ticket's SLA at a glance: its worst clock's state and how long until (or since) it falls due. */
export function SlaBadge({ sla, now = Date.now() }: { sla: TicketSlaView | null; now?: number }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  if (!sla) return null;
  const due = sla.dueAt ? Date.parse(sla.dueAt) : null;
  const text =
    sla.state === 'met'
      ? t('tickets.sla.states.met')
      : sla.state === 'paused'
        ? t('tickets.sla.states.paused')
        : due === null
          ? t(`tickets.sla.states.${sla.state}`)
          : due <= now
            ? t('tickets.sla.overBy', { duration: formatDuration(now - due, t) })
            : t('tickets.sla.left', { duration: formatDuration(due - now, t) });
  return (
    <Tooltip
      title={
        sla.dueAt
          ? t('tickets.sla.tooltip', { policy: sla.policy.name, at: formatDateTime(sla.dueAt) })
          : sla.policy.name
      }
    >
      <Tag
        color={SLA_STATE_COLORS[sla.state]}
        style={{ marginInlineEnd: 0 }}
        data-testid="sla-badge"
        data-state={sla.state}
      >
        {text}
      </Tag>
    </Tooltip>
  );
}
