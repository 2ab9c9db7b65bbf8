import { TICKET_PRIORITIES, type TicketView, type UpdateTicketBody } from '@kefu/shared';
import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Flex, Select, Space, TreeSelect, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { revealContact } from '../api/conversations';
import { listTeams, teamsKey } from '../api/teams';
import { updateTicket } from '../api/tickets';
import { usePermission } from '../auth/usePermission';
import { FutureDateTimePicker } from '../components/FutureDateTimePicker';
import { RevealableValue } from '../components/RevealableValue';
import { useFormatDateTime } from '../format/useFormatDateTime';
import { useAgentDirectory } from '../presence/useAgentDirectory';
import { PromiseBadge } from './TicketBadges';
import { useTicketChange } from './useTicketChange';
import { categoryTree, useTicketCategories } from './useTicketTypes';

type Patch = Omit<UpdateTicketBody, 'version'>;

/** Who and what the ticket is about, each property changed in place (one PATCH with the version read). */
export function TicketSidebar({ ticket }: { ticket: TicketView }) {
  const { t } = useTranslation();
  const canWrite = usePermission('tickets.write');
  const canReveal = usePermission('contacts.reveal');
  const canReadTeams = usePermission('teams.read');
  const formatDateTime = useFormatDateTime();
  const agents = useAgentDirectory();
  const teams = useQuery({ queryKey: teamsKey, queryFn: listTeams, enabled: canReadTeams, staleTime: 60_000 });
  const categories = useTicketCategories();
  const patch = useTicketChange<Patch>(ticket, (body, version) => updateTicket(ticket.id, { ...body, version }));
  const busy = !canWrite || patch.isPending;

  const people = new Map<string, string>();
  for (const agent of agents.data?.items ?? []) people.set(agent.id, agent.name);
  for (const watcher of ticket.watchers) people.set(watcher.id, watcher.name);
  if (ticket.assignee) people.set(ticket.assignee.id, ticket.assignee.name);
  const peopleOptions = [...people].map(([value, label]) => ({ value, label }));
  const teamOptions = teams.data?.items.map((team) => ({ value: team.id, label: team.name })) ?? [];
  if (ticket.team && !teamOptions.some((o) => o.value === ticket.team?.id)) {
    teamOptions.push({ value: ticket.team.id, label: ticket.team.name });
  }

  return (
    <Flex vertical gap={16}>
      <Card size="small" title={t('tickets.detail.properties')}>
        <Descriptions
          size="small"
          column={1}
          layout="vertical"
          colon={false}
          items={[
            {
              key: 'priority',
              label: t('tickets.fields.priority'),
              children: (
                <Select
                  value={ticket.priority}
                  disabled={busy}
                  onChange={(priority) => patch.mutate({ priority })}
                  options={TICKET_PRIORITIES.map((value) => ({ value, label: t(`tickets.priorities.${value}`) }))}
                  style={{ width: '100%' }}
                  aria-label={t('tickets.fields.priority')}
                  data-testid="priority-select"
                />
              ),
            },
            {
              key: 'assignee',
              label: t('tickets.fields.assignee'),
              children: (
                <Select
                  value={ticket.assignee?.id ?? null}
                  disabled={busy}
                  allowClear
                  showSearch
                  optionFilterProp="label"
                  placeholder={t('tickets.unassigned')}
                  onChange={(assigneeId?: string | null) => patch.mutate({ assigneeId: assigneeId ?? null })}
                  options={peopleOptions}
                  style={{ width: '100%' }}
                  aria-label={t('tickets.fields.assignee')}
                  data-testid="assignee-select"
                />
              ),
            },
            {
              key: 'team',
              label: t('tickets.fields.team'),
              children: (
                <Select
                  value={ticket.team?.id ?? null}
                  disabled={busy || !canReadTeams}
                  allowClear
                  placeholder={t('common.none')}
                  onChange={(teamId?: string | null) => patch.mutate({ teamId: teamId ?? null })}
                  options={teamOptions}
                  style={{ width: '100%' }}
                  aria-label={t('tickets.fields.team')}
                />
              ),
            },
            {
              key: 'watchers',
              label: t('tickets.fields.watchers'),
              children: (
                <Select
                  mode="multiple"
                  value={ticket.watchers.map((w) => w.id)}
                  disabled={busy}
                  optionFilterProp="label"
                  onChange={(watcherIds: string[]) => patch.mutate({ watcherIds })}
                  options={peopleOptions}
                  style={{ width: '100%' }}
                  aria-label={t('tickets.fields.watchers')}
                />
              ),
            },
            {
              key: 'category',
              label: t('tickets.fields.category'),
              children: (
                <TreeSelect
                  value={ticket.categoryId ?? undefined}
                  disabled={busy}
                  allowClear
                  treeDefaultExpandAll
                  placeholder={t('common.none')}
                  treeData={categoryTree(categories.data?.items ?? [])}
                  onChange={(categoryId?: string) => patch.mutate({ categoryId: categoryId ?? null })}
                  style={{ width: '100%' }}
                  aria-label={t('tickets.fields.category')}
                />
              ),
            },
            {
              key: 'tags',
              label: t('tickets.fields.tags'),
              children: (
                <Select
                  mode="tags"
                  value={ticket.tags}
                  disabled={busy}
                  maxCount={20}
                  open={false}
                  suffixIcon={null}
                  tokenSeparators={[',', '，']}
                  onChange={(tags: string[]) => patch.mutate({ tags: tags.map((tag) => tag.trim()).filter(Boolean) })}
                  style={{ width: '100%' }}
                  aria-label={t('tickets.fields.tags')}
                />
              ),
            },
            {
              key: 'orderNumbers',
              label: t('tickets.fields.orderNumbers'),
              children: (
                <Select
                  mode="tags"
                  value={ticket.orderNumbers}
                  disabled={busy}
                  open={false}
                  suffixIcon={null}
                  tokenSeparators={[',', '，', ' ']}
                  onChange={(orderNumbers: string[]) => patch.mutate({ orderNumbers })}
                  style={{ width: '100%' }}
                  aria-label={t('tickets.fields.orderNumbers')}
                />
              ),
            },
            {
              key: 'promisedReplyAt',
              label: t('tickets.fields.promisedReplyAt'),
              children: (
                <Space orientation="vertical" size={4} style={{ width: '100%' }}>
                  <FutureDateTimePicker
                    value={ticket.promisedReply ? dayjs(ticket.promisedReply.at) : null}
                    disabled={busy}
                    onChange={(at) => patch.mutate({ promisedReplyAt: at ? at.format() : null })}
                    style={{ width: '100%' }}
                    aria-label={t('tickets.fields.promisedReplyAt')}
                    data-testid="promise-picker"
                  />
                  <PromiseBadge promise={ticket.promisedReply} />
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Card size="small" title={t('tickets.detail.customer')} data-testid="ticket-contact">
        <Descriptions
          size="small"
          column={1}
          items={[
            { key: 'name', label: t('tickets.contact.name'), children: ticket.contact.name },
            {
              key: 'phone',
              label: t('tickets.contact.phone'),
              children: ticket.contact.phone ? (
                <RevealableValue
                  masked={ticket.contact.phone}
                  canReveal={canReveal}
                  testId="contact-phone"
                  reveal={async (reason) => (await revealContact(ticket.contact.id, { field: 'phone', reason })).value}
                />
              ) : (
                '—'
              ),
            },
            {
              key: 'email',
              label: t('tickets.contact.email'),
              children: ticket.contact.email ? (
                <RevealableValue
                  masked={ticket.contact.email}
                  canReveal={canReveal}
                  testId="contact-email"
                  reveal={async (reason) => (await revealContact(ticket.contact.id, { field: 'email', reason })).value}
                />
              ) : (
                '—'
              ),
            },
          ]}
        />
      </Card>
      <Card size="small" title={t('tickets.detail.record')}>
        <Descriptions
          size="small"
          column={1}
          items={[
            { key: 'source', label: t('tickets.detail.source'), children: t(`tickets.sources.${ticket.source}`) },
            { key: 'recordedBy', label: t('tickets.detail.recordedBy'), children: ticket.recordedBy?.name ?? '—' },
            { key: 'createdAt', label: t('tickets.detail.createdAt'), children: formatDateTime(ticket.createdAt) },
            { key: 'updatedAt', label: t('tickets.detail.updatedAt'), children: formatDateTime(ticket.updatedAt) },
            ...(ticket.closedAt
              ? [{ key: 'closedAt', label: t('tickets.detail.closedAt'), children: formatDateTime(ticket.closedAt) }]
              : []),
            ...(ticket.reopenCount > 0
              ? [
                  {
                    key: 'reopenCount',
                    label: t('tickets.detail.reopenCount'),
                    children: <Typography.Text type="warning">{ticket.reopenCount}</Typography.Text>,
                  },
                ]
              : []),
          ]}
        />
      </Card>
    </Flex>
  );
}
