import { CONVERSATION_STATUSES, type ConversationView } from '@kefu/shared';
import { Avatar, Badge, Button, Empty, Flex, Segmented, Select, Spin, Typography, theme } from 'antd';
import { type UIEvent, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ConversationCounts, ConversationListFilter, ConversationTab, StatusFilter } from '../api/conversations';
import { ErrorAlert } from '../components/ErrorAlert';
import { formatDuration, formatRelative, useNow } from './time';
import type { useConversationList } from './useConversationList';

const TABS: ConversationTab[] = ['mine', 'unassigned', 'all'];
const STATUS_FILTERS: StatusFilter[] = [...CONVERSATION_STATUSES, 'any'];

interface ConversationListProps {
  filter: ConversationListFilter;
  onFilterChange(filter: ConversationListFilter): void;
  list: ReturnType<typeof useConversationList>;
  selectedId: string | undefined;
  /** Where a row links to, keeping the tab and filter in the URL. */
  hrefFor(id: string): string;
}

export function ConversationList({ filter, onFilterChange, list, selectedId, hrefFor }: ConversationListProps) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const { query, items, counts } = list;
  const scroller = useRef<HTMLDivElement>(null);

  const loadMoreIfNear = (element: HTMLElement) => {
    if (!query.hasNextPage || query.isFetchingNextPage) return;
    if (element.scrollTop + element.clientHeight >= element.scrollHeight - 120) void query.fetchNextPage();
  };

  // Keep the selected row in view when it changes by keyboard.
  useEffect(() => {
    if (!selectedId) return;
    const rows = scroller.current?.querySelectorAll<HTMLElement>('[data-conversation-id]') ?? [];
    const row = [...rows].find((element) => element.dataset.conversationId === selectedId);
    row?.scrollIntoView?.({ block: 'nearest' });
  }, [selectedId]);

  return (
    <Flex vertical style={{ height: '100%' }}>
      <div style={{ padding: '12px 12px 8px', borderBottom: `1px solid ${token.colorSplit}` }}>
        <Segmented<ConversationTab>
          block
          value={filter.tab}
          onChange={(tab) => onFilterChange({ ...filter, tab })}
          options={TABS.map((tab) => ({ value: tab, label: <TabLabel tab={tab} counts={counts} /> }))}
          style={{ marginBottom: 8 }}
          data-testid="conversation-tabs"
        />
        <Select
          size="small"
          aria-label={t('inbox.statusFilter')}
          value={filter.status}
          onChange={(status) => onFilterChange({ ...filter, status })}
          options={STATUS_FILTERS.map((status) => ({ value: status, label: t(`inbox.statuses.${status}`) }))}
          style={{ width: '100%' }}
          data-testid="status-filter"
        />
      </div>
      <div
        ref={scroller}
        style={{ flex: 1, overflowY: 'auto', minHeight: 0 }}
        onScroll={(event: UIEvent<HTMLDivElement>) => loadMoreIfNear(event.currentTarget)}
      >
        {query.isError ? (
          <div style={{ padding: 12 }}>
            <ErrorAlert error={query.error} />
          </div>
        ) : null}
        {query.isPending ? (
          <Flex justify="center" style={{ padding: 24 }}>
            <Spin />
          </Flex>
        ) : items.length === 0 && !query.isError ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('inbox.emptyList')} style={{ marginTop: 48 }} />
        ) : (
          <ul aria-label={t('inbox.listLabel')} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {items.map((conversation) => (
              <ConversationRow
                key={conversation.id}
                conversation={conversation}
                selected={conversation.id === selectedId}
                href={hrefFor(conversation.id)}
              />
            ))}
          </ul>
        )}
        {query.hasNextPage ? (
          <Flex justify="center" style={{ padding: 8 }}>
            <Button
              size="small"
              type="link"
              loading={query.isFetchingNextPage}
              onClick={() => void query.fetchNextPage()}
            >
              {t('common.loadMore')}
            </Button>
          </Flex>
        ) : null}
      </div>
    </Flex>
  );
}

function TabLabel({ tab, counts }: { tab: ConversationTab; counts: ConversationCounts | undefined }) {
  const { t } = useTranslation();
  return (
    <span>
      {t(`inbox.tabs.${tab}`)}
      {counts ? (
        <Typography.Text type="secondary" style={{ marginInlineStart: 4 }} data-testid={`tab-count-${tab}`}>
          {counts[tab]}
        </Typography.Text>
      ) : null}
    </span>
  );
}

function ConversationRow({
  conversation,
  selected,
  href,
}: {
  conversation: ConversationView;
  selected: boolean;
  href: string;
}) {
  const { t, i18n } = useTranslation();
  const { token } = theme.useToken();
  const preview = conversation.lastMessage;
  const activityAt = preview?.createdAt ?? conversation.updatedAt;
  const unread = conversation.unreadCount > 0;

  return (
    <li data-conversation-id={conversation.id} data-testid="conversation-row">
      <Link
        to={href}
        aria-current={selected ? 'page' : undefined}
        style={{
          display: 'flex',
          gap: 10,
          padding: '10px 12px',
          color: 'inherit',
          background: selected ? token.controlItemBgActive : undefined,
          borderInlineStart: `3px solid ${selected ? token.colorPrimary : 'transparent'}`,
          borderBottom: `1px solid ${token.colorSplit}`,
        }}
      >
        <Badge dot={unread} offset={[-2, 2]}>
          <Avatar style={{ background: token.colorPrimaryBg, color: token.colorPrimary }}>
            {Array.from(conversation.contact.name)[0] ?? '?'}
          </Avatar>
        </Badge>
        <Flex vertical style={{ flex: 1, minWidth: 0 }} gap={2}>
          <Flex justify="space-between" gap={8}>
            <Typography.Text strong={unread} ellipsis data-testid="conversation-name">
              {conversation.contact.name}
            </Typography.Text>
            <RelativeTime iso={activityAt} locale={i18n.language} />
          </Flex>
          <Flex justify="space-between" gap={8} align="center">
            <Typography.Text type="secondary" ellipsis style={{ fontSize: 13 }} data-testid="conversation-preview">
              {preview
                ? preview.kind === 'outgoing'
                  ? t('inbox.previewAgent', { text: preview.preview })
                  : preview.preview
                : t('inbox.noMessages')}
            </Typography.Text>
            {unread ? (
              <Badge
                count={conversation.unreadCount}
                overflowCount={99}
                size="small"
                title={t('inbox.unread', { total: conversation.unreadCount })}
                data-testid="unread-badge"
              />
            ) : null}
          </Flex>
          {conversation.waitingSince && conversation.status !== 'resolved' ? (
            <WaitingTime since={conversation.waitingSince} />
          ) : null}
        </Flex>
      </Link>
    </li>
  );
}

function RelativeTime({ iso, locale }: { iso: string; locale: string }) {
  const { t } = useTranslation();
  const now = useNow();
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12, flexShrink: 0 }}>
      <time dateTime={iso}>{formatRelative(iso, now, locale) ?? t('inbox.justNow')}</time>
    </Typography.Text>
  );
}

/** How long the customer has waited for a reply, ticking; amber after 1 minute, red after 5. */
export function WaitingTime({ since }: { since: string }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const now = useNow();
  const waited = now - Date.parse(since);
  const color =
    waited >= 5 * 60_000 ? token.colorError : waited >= 60_000 ? token.colorWarning : token.colorTextSecondary;
  return (
    <Typography.Text style={{ fontSize: 12, color }} data-testid="waiting-time">
      {t('inbox.waiting', { duration: formatDuration(waited) })}
    </Typography.Text>
  );
}
