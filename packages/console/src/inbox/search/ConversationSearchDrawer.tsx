import { SearchOutlined } from '@ant-design/icons';
import { CONVERSATION_STATUSES } from '@kefu/shared';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Button, DatePicker, Drawer, Empty, Flex, Form, Input, Select, Spin, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { agentDirectoryKey, listAgents } from '../../api/agents';
import { type ConversationSearchFilter, conversationSearchKey, searchConversations } from '../../api/search';
import { usePermission } from '../../auth/usePermission';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SearchResultItem } from './SearchResultItem';
import { useLabels } from './useLabels';

interface SearchValues {
  q?: string;
  contact?: string;
  phone?: string;
  email?: string;
  label?: string;
  assigneeId?: string;
  status?: ConversationSearchFilter['status'];
  dates?: [Dayjs | null, Dayjs | null] | null;
}

/** Empty fields are no filter; dates become the start of the first day and the end of the last. */
function toFilter(values: SearchValues): ConversationSearchFilter {
  const text = (value: string | undefined) => value?.trim() || undefined;
  const [from, to] = values.dates ?? [];
  const filter: ConversationSearchFilter = {
    q: text(values.q),
    contact: text(values.contact),
    phone: text(values.phone),
    email: text(values.email),
    label: values.label,
    assigneeId: values.assigneeId,
    status: values.status,
    from: from ? from.startOf('day').toISOString() : undefined,
    to: to ? to.endOf('day').toISOString() : undefined,
  };
  return Object.fromEntries(
    Object.entries(filter).filter(([, value]) => value !== undefined && value !== 'any'),
  ) as ConversationSearchFilter;
}

/**
 * Conversation search in the inbox: words in the messages (Chinese-aware, notes included), the contact's name,
 * phone or email (matched whole, shown masked), a label, the assigned agent, status and dates. A result opens
 * the conversation.
 */
export function ConversationSearchDrawer({
  open,
  onClose,
  hrefFor,
}: {
  open: boolean;
  onClose(): void;
  hrefFor(conversationId: string): string;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<SearchValues>();
  const [filter, setFilter] = useState<ConversationSearchFilter | null>(null);
  const canListAgents = usePermission('users.directory');
  const { labels, byName } = useLabels(open);
  const agents = useQuery({
    queryKey: agentDirectoryKey,
    queryFn: ({ signal }) => listAgents(signal),
    enabled: open && canListAgents,
    staleTime: 30_000,
  });

  const results = useInfiniteQuery({
    queryKey: conversationSearchKey(filter ?? {}),
    queryFn: ({ pageParam, signal }) => searchConversations({ ...(filter ?? {}), cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    enabled: filter !== null,
  });
  const hits = results.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('conversationSearch.title')}
      width={560}
      destroyOnHidden={false}
      data-testid="conversation-search"
    >
      <Form
        form={form}
        layout="vertical"
        size="small"
        initialValues={{ status: 'any' }}
        onFinish={(values) => setFilter(toFilter(values))}
        aria-label={t('conversationSearch.title')}
      >
        <Form.Item name="q" label={t('conversationSearch.text')}>
          <Input
            prefix={<SearchOutlined />}
            placeholder={t('conversationSearch.textPlaceholder')}
            maxLength={200}
            allowClear
            autoFocus
          />
        </Form.Item>
        <Flex gap={8} wrap>
          <Form.Item name="contact" label={t('conversationSearch.contact')} style={{ flex: '1 1 150px' }}>
            <Input allowClear maxLength={100} />
          </Form.Item>
          <Form.Item
            name="phone"
            label={t('conversationSearch.phone')}
            style={{ flex: '1 1 150px' }}
            rules={[{ pattern: /^[+\d\s()-]*$/, message: t('conversationSearch.phoneInvalid') }]}
          >
            <Input allowClear maxLength={40} placeholder={t('conversationSearch.wholeValue')} />
          </Form.Item>
          <Form.Item
            name="email"
            label={t('conversationSearch.email')}
            style={{ flex: '1 1 150px' }}
            rules={[{ type: 'email', message: t('validation.email') }]}
          >
            <Input allowClear maxLength={254} placeholder={t('conversationSearch.wholeValue')} />
          </Form.Item>
        </Flex>
        <Flex gap={8} wrap>
          <Form.Item name="label" label={t('conversationSearch.label')} style={{ flex: '1 1 150px' }}>
            <Select allowClear showSearch options={labels.map((label) => ({ value: label.name, label: label.name }))} />
          </Form.Item>
          {canListAgents ? (
            <Form.Item name="assigneeId" label={t('conversationSearch.agent')} style={{ flex: '1 1 150px' }}>
              <Select
                allowClear
                showSearch
                optionFilterProp="label"
                loading={agents.isPending}
                options={(agents.data?.items ?? []).map((agent) => ({ value: agent.id, label: agent.name }))}
              />
            </Form.Item>
          ) : null}
          <Form.Item name="status" label={t('conversationSearch.status')} style={{ flex: '1 1 120px' }}>
            <Select
              options={[...CONVERSATION_STATUSES, 'any' as const].map((status) => ({
                value: status,
                label: t(status === 'any' ? 'conversationSearch.anyStatus' : `inbox.statuses.${status}`),
              }))}
            />
          </Form.Item>
        </Flex>
        <Form.Item name="dates" label={t('conversationSearch.dates')}>
          <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} />
        </Form.Item>
        <Flex gap={8}>
          <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="search-submit">
            {t('conversationSearch.submit')}
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              setFilter(null);
            }}
          >
            {t('conversationSearch.reset')}
          </Button>
        </Flex>
      </Form>
      <div style={{ marginTop: 16 }} aria-live="polite">
        {results.isError ? <ErrorAlert error={results.error} /> : null}
        {filter === null ? (
          <Typography.Text type="secondary">{t('conversationSearch.hint')}</Typography.Text>
        ) : results.isPending ? (
          <Flex justify="center">
            <Spin />
          </Flex>
        ) : hits.length === 0 && !results.isError ? (
          <Empty description={t('conversationSearch.none')} />
        ) : (
          <div>
            <ul aria-label={t('conversationSearch.results')} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {hits.map((hit) => (
                <li key={hit.conversation.id}>
                  <SearchResultItem
                    hit={hit}
                    href={hrefFor(hit.conversation.id)}
                    labelsByName={byName}
                    onOpen={onClose}
                  />
                </li>
              ))}
            </ul>
            {results.hasNextPage ? (
              <Flex justify="center" style={{ marginTop: 12 }}>
                <Button onClick={() => void results.fetchNextPage()} loading={results.isFetchingNextPage}>
                  {t('conversationSearch.more')}
                </Button>
              </Flex>
            ) : null}
          </div>
        )}
      </div>
    </Drawer>
  );
}
