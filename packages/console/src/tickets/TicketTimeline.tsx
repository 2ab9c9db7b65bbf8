import { SLA_CLOCKS, type SlaClockKind, TIMELINE_ACTIONS, type TicketView, type TimelineEntryView } from '@kefu/shared';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Timeline, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { listTeams, teamsKey } from '../api/teams';
import { listTimeline, ticketTimelineKey } from '../api/tickets';
import { usePermission } from '../auth/usePermission';
import { useFormatDateTime } from '../format/useFormatDateTime';
import { useAgentDirectory } from '../presence/useAgentDirectory';
import { displayValue } from './fieldValues';
import { useTicketCategories, useTicketType } from './useTicketTypes';

const FIELD_NAMES = [
  'title',
  'description',
  'priority',
  'contactId',
  'categoryId',
  'teamId',
  'assigneeId',
  'tags',
  'orderNumbers',
  'promisedReplyAt',
  'watchers',
  'state',
  'resolution',
  'resolution.status',
  'resolution.customerDecision',
  'promisedReply.keptAt',
  'slaPolicy',
] as const;
/** i18n keys cannot hold dots: resolution.status is resolution_status there. */
type TimelineFieldKey =
  | Exclude<(typeof FIELD_NAMES)[number], `${string}.${string}`>
  | 'resolution_status'
  | 'resolution_customerDecision'
  | 'promisedReply_keptAt';

const ID_FIELDS = new Set(['assigneeId', 'contactId', 'watchers', 'teamId', 'categoryId']);
const TIME_FIELDS = new Set(['promisedReplyAt', 'promisedReply.keptAt', 'task.dueAt']);
/** A task entry's field is `task.<name>`; `task.team` holds department names, `task.owner` ids and (detail) names. */
const TASK_FIELDS = ['team', 'owner', 'title', 'instructions', 'dueAt', 'shareContact', 'status'] as const;

/** 时间线: every change, oldest first: who, when, what, and for fields the value before and after. */
export function TicketTimeline({ ticket }: { ticket: TicketView }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const type = useTicketType(ticket.type.id);
  const agents = useAgentDirectory();
  const canReadTeams = usePermission('teams.read');
  const teams = useQuery({ queryKey: teamsKey, queryFn: listTeams, enabled: canReadTeams, staleTime: 60_000 });
  const categories = useTicketCategories();
  const timeline = useInfiniteQuery({
    queryKey: ticketTimelineKey(ticket.id),
    queryFn: ({ pageParam }) => listTimeline(ticket.id, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const entries = timeline.data?.pages.flatMap((page) => page.items) ?? [];

  const names = new Map<string, string>();
  for (const agent of agents.data?.items ?? []) names.set(agent.id, agent.name);
  for (const team of teams.data?.items ?? []) names.set(team.id, team.name);
  for (const category of categories.data?.items ?? []) names.set(category.id, category.path.join(' / '));
  for (const watcher of ticket.watchers) names.set(watcher.id, watcher.name);
  names.set(ticket.contact.id, ticket.contact.name);

  const value = (entry: TimelineEntryView, raw: unknown, side: 'from' | 'to'): string => {
    const field = entry.field ?? '';
    // A task nobody owns is the whole department's.
    if (field === 'task.owner' && (raw === null || raw === undefined)) return t('tickets.tasks.anyMember');
    if (raw === null || raw === undefined || (Array.isArray(raw) && raw.length === 0)) return '—';
    if (field === 'state') return String(entry.detail[side === 'from' ? 'fromName' : 'toName'] ?? raw);
    if (field === 'priority') return t(`tickets.priorities.${raw as 'normal'}`);
    if (TIME_FIELDS.has(field)) return formatDateTime(String(raw));
    if (field === 'task.status') return t(`tickets.tasks.statuses.${raw as 'open'}`);
    if (field === 'task.owner') return String(entry.detail[side === 'from' ? 'fromName' : 'toName'] ?? raw);
    if (typeof raw === 'boolean') return t(raw ? 'tickets.timeline.yes' : 'tickets.timeline.no');
    if (ID_FIELDS.has(field)) {
      const ids = Array.isArray(raw) ? raw : [raw];
      return ids.map((id) => names.get(String(id)) ?? t('tickets.timeline.unknown')).join('、');
    }
    if (field.startsWith('fields.')) {
      const definition = type?.fields.find((f) => f.key === field.slice('fields.'.length));
      if (definition && definition.kind !== 'attachment') return displayValue(definition, raw, formatDateTime);
      if (definition?.kind === 'attachment') return t('tickets.timeline.files', { count: (raw as unknown[]).length });
    }
    if (field.startsWith('resolution'))
      return t(`tickets.timeline.resolutionValues.${raw as 'pending'}`, { defaultValue: String(raw) });
    return Array.isArray(raw) ? raw.join('、') : String(raw);
  };

  return (
    <Card size="small" title={t('tickets.timeline.title')} style={{ marginBottom: 16 }} data-testid="ticket-timeline">
      {entries.length === 0 && timeline.isSuccess ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <Timeline
          items={entries.map((entry) => ({
            key: entry.id,
            content: (
              <div data-testid="timeline-entry" data-action={entry.action}>
                <Typography.Text strong>{entry.actor.name ?? t('tickets.timeline.system')}</Typography.Text>{' '}
                {actionText(entry, t)}
                {entry.field && entry.field !== 'tasks' && entry.action !== 'resolution.proposed' ? (
                  <div>
                    <Typography.Text type="secondary">
                      {fieldLabel(entry.field, type?.fields ?? [], t)}：
                    </Typography.Text>
                    <Typography.Text delete type="secondary">
                      {value(entry, entry.from, 'from')}
                    </Typography.Text>
                    {' → '}
                    <Typography.Text>{value(entry, entry.to, 'to')}</Typography.Text>
                  </div>
                ) : null}
                {timelineDetail(entry, t)}
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatDateTime(entry.createdAt)}
                    {entry.version !== null ? ` · v${entry.version}` : ''}
                  </Typography.Text>
                </div>
              </div>
            ),
          }))}
        />
      )}
      {timeline.hasNextPage ? (
        <Button type="link" onClick={() => void timeline.fetchNextPage()} loading={timeline.isFetchingNextPage}>
          {t('common.loadMore')}
        </Button>
      ) : null}
    </Card>
  );
}

function actionText(entry: TimelineEntryView, t: TFunction): string {
  if (!(TIMELINE_ACTIONS as readonly string[]).includes(entry.action)) return entry.action;
  return t(`tickets.timeline.actions.${entry.action.replace('.', '_') as 'created'}`);
}

function fieldLabel(field: string, form: readonly { key: string; label: string }[], t: TFunction): string {
  if (field.startsWith('fields.')) {
    const key = field.slice('fields.'.length);
    return form.find((f) => f.key === key)?.label ?? key;
  }
  if (field.startsWith('task.')) {
    const key = field.slice('task.'.length);
    if ((TASK_FIELDS as readonly string[]).includes(key)) {
      return t(`tickets.timeline.taskFields.${key as (typeof TASK_FIELDS)[number]}`);
    }
  }
  if ((FIELD_NAMES as readonly string[]).includes(field)) {
    return t(`tickets.timeline.fields.${field.replace('.', '_') as TimelineFieldKey}`);
  }
  return field;
}

/** The facts of an entry worth a line: a rejection's reason, a proposal's amount, a follow-up's outcome. */
function timelineDetail(entry: TimelineEntryView, t: TFunction) {
  const detail = entry.detail;
  const text = (() => {
    switch (entry.action) {
      case 'resolution.proposed':
        return t('tickets.timeline.proposed', {
          summary: String(detail.summary ?? ''),
          amount: Number(detail.compensationAmount ?? 0).toFixed(2),
        });
      case 'approval.rejected':
        return detail.reason ? t('tickets.timeline.reason', { reason: String(detail.reason) }) : null;
      case 'follow_up.recorded':
        return t(detail.satisfied ? 'tickets.followUp.yes' : 'tickets.followUp.no');
      case 'sla.warning':
      case 'sla.breached':
        return SLA_CLOCKS.includes(detail.clock as SlaClockKind)
          ? t(`tickets.sla.clocks.${detail.clock as SlaClockKind}`)
          : null;
      case 'transitioned':
        return detail.name ? t('tickets.timeline.via', { name: String(detail.name) }) : null;
      case 'task.completed':
        return [detail.title, detail.result].filter(Boolean).join('：');
      case 'task.created':
      case 'task.updated':
      case 'task.cancelled':
      case 'task.reopened':
      case 'task.overdue':
        return detail.title ? String(detail.title) : null;
      default:
        return null;
    }
  })();
  return text ? (
    <div>
      <Typography.Text type="secondary" style={{ whiteSpace: 'pre-wrap' }}>
        {text}
      </Typography.Text>
    </div>
  ) : null;
}
