import { ClockCircleOutlined } from '@ant-design/icons';
import type { PromisedReplyView, TicketPriority, TicketStateView, WorkflowStateCategory } from '@kefu/shared';
import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormatDateTime } from '../format/useFormatDateTime';

const STATE_COLORS: Record<WorkflowStateCategory, string> = {
  new: 'blue',
  open: 'processing',
  pending: 'gold',
  resolved: 'green',
  closed: 'default',
};

/** The workflow state by its own name (待审批, 已关闭 …), coloured by its category. */
export function StateTag({ state }: { state: TicketStateView }) {
  return (
    <Tag color={STATE_COLORS[state.category]} style={{ marginInlineEnd: 0 }} data-testid="ticket-state">
      {state.name}
    </Tag>
  );
}

const PRIORITY_COLORS: Record<TicketPriority, string> = {
  low: 'default',
  normal: 'blue',
  high: 'orange',
  urgent: 'red',
};

export function PriorityTag({ priority }: { priority: TicketPriority }) {
  const { t } = useTranslation();
  return (
    <Tag color={PRIORITY_COLORS[priority]} style={{ marginInlineEnd: 0 }} data-testid="ticket-priority">
      {t(`tickets.priorities.${priority}`)}
    </Tag>
  );
}

const PROMISE_COLORS: Record<PromisedReplyView['status'], string> = {
  pending: 'default',
  due_soon: 'warning',
  overdue: 'error',
  kept: 'success',
};

/** The promised reply time (约定回复时间): when, and whether it is due soon, broken or kept. */
export function PromiseBadge({ promise }: { promise: PromisedReplyView | null }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  if (!promise) return null;
  return (
    <Tooltip title={t('tickets.promise.tooltip', { at: formatDateTime(promise.at) })}>
      <Tag
        color={PROMISE_COLORS[promise.status]}
        icon={<ClockCircleOutlined />}
        style={{ marginInlineEnd: 0 }}
        data-testid="promise-badge"
        data-status={promise.status}
      >
        {t(`tickets.promise.${promise.status}`, { at: formatDateTime(promise.at) })}
      </Tag>
    </Tooltip>
  );
}
