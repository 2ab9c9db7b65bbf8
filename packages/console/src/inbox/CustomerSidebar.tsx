import { SafetyCertificateOutlined } from '@ant-design/icons';
import type { ConversationView } from '@kefu/shared';
import { useQuery } from '@tanstack/react-query';
import { Avatar, Descriptions, Empty, Flex, Tag, Typography, theme } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import {
  contactConversationsKey,
  listContactConversations,
  type RevealField,
  revealContact,
} from '../api/conversations';
import { usePermission } from '../auth/usePermission';
import { ErrorAlert } from '../components/ErrorAlert';
import { RevealableValue } from '../components/RevealableValue';
import { useFormatDateTime } from '../format/useFormatDateTime';
import { KnowledgeSuggestions } from './KnowledgeSuggestions';
import { StatusTag } from './StatusTag';
import { ContactRoutingCard } from './transfer/ContactRoutingCard';

/** Who the customer is and where they came from, plus their earlier conversations. */
export function CustomerSidebar({
  conversation,
  hrefFor,
}: {
  conversation: ConversationView;
  hrefFor(id: string): string;
}) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const { contact, meta } = conversation;
  const dash = <Typography.Text type="secondary">—</Typography.Text>;
  const text = (value: string | null) =>
    value ? <Typography.Text copyable={{ text: value }}>{value}</Typography.Text> : dash;

  return (
    <Flex vertical gap={16} style={{ padding: 16, overflowY: 'auto', height: '100%' }} data-testid="customer-sidebar">
      <Flex align="center" gap={12}>
        <Avatar size={48} style={{ background: token.colorPrimaryBg, color: token.colorPrimary, flexShrink: 0 }}>
          {Array.from(contact.name)[0] ?? '?'}
        </Avatar>
        <Flex vertical style={{ minWidth: 0 }}>
          <Typography.Text strong ellipsis data-testid="contact-name">
            {contact.name}
          </Typography.Text>
          {contact.verified ? (
            <Tag color="success" icon={<SafetyCertificateOutlined />} style={{ width: 'fit-content' }}>
              {t('inbox.verified')}
            </Tag>
          ) : (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('inbox.unverified')}
            </Typography.Text>
          )}
        </Flex>
      </Flex>
      <KnowledgeSuggestions conversation={conversation} />

      <Descriptions
        size="small"
        column={1}
        title={t('inbox.contactDetails')}
        items={[
          {
            key: 'phone',
            label: t('inbox.phone'),
            children: <Revealable contactId={contact.id} field="phone" masked={contact.phone} />,
          },
          {
            key: 'email',
            label: t('inbox.email'),
            children: <Revealable contactId={contact.id} field="email" masked={contact.email} />,
          },
        ]}
      />

      <Descriptions
        size="small"
        column={1}
        title={t('inbox.visit')}
        items={[
          { key: 'pageUrl', label: t('inbox.pageUrl'), children: <UrlText value={meta.pageUrl} fallback={dash} /> },
          { key: 'referrer', label: t('inbox.referrer'), children: <UrlText value={meta.referrer} fallback={dash} /> },
          { key: 'browser', label: t('inbox.browser'), children: text(meta.browser) },
          { key: 'os', label: t('inbox.os'), children: text(meta.os) },
          { key: 'ip', label: t('inbox.ip'), children: text(meta.ip) },
          { key: 'location', label: t('inbox.location'), children: text(meta.location) },
        ]}
      />

      <ContactRoutingCard contactId={contact.id} />

      <EarlierConversations conversation={conversation} hrefFor={hrefFor} />
    </Flex>
  );
}

/** A visitor-supplied URL: a link only when it is http(s), never `javascript:` or the like. */
function UrlText({ value, fallback }: { value: string | null; fallback: ReactNode }) {
  if (!value) return fallback;
  let safe = false;
  try {
    const url = new URL(value);
    safe = url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    safe = false;
  }
  const shown = (
    <Typography.Text ellipsis={{ tooltip: value }} style={{ maxWidth: 180 }}>
      {value}
    </Typography.Text>
  );
  return safe ? (
    <a href={value} target="_blank" rel="noopener noreferrer nofollow">
      {shown}
    </a>
  ) : (
    shown
  );
}

/** A masked phone or email; people allowed to (`contacts.reveal`) can see it in full after giving a reason. */
function Revealable({ contactId, field, masked }: { contactId: string; field: RevealField; masked: string | null }) {
  const { t } = useTranslation();
  return (
    <RevealableValue
      masked={masked}
      canReveal={usePermission('contacts.reveal')}
      testId={field}
      button={t('inbox.reveal')}
      title={t(field === 'phone' ? 'inbox.revealPhoneTitle' : 'inbox.revealEmailTitle')}
      reveal={async (reason) => (await revealContact(contactId, { field, reason })).value}
    />
  );
}

function EarlierConversations({
  conversation,
  hrefFor,
}: {
  conversation: ConversationView;
  hrefFor(id: string): string;
}) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const earlier = useQuery({
    queryKey: contactConversationsKey(conversation.contact.id),
    queryFn: () => listContactConversations(conversation.contact.id),
  });
  const others = earlier.data?.items.filter((item) => item.id !== conversation.id) ?? [];
  return (
    <div>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('inbox.earlierConversations')}
      </Typography.Title>
      {earlier.isError ? <ErrorAlert error={earlier.error} /> : null}
      {earlier.isSuccess && others.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('inbox.noEarlierConversations')} />
      ) : (
        <Flex vertical gap={8} data-testid="earlier-conversations">
          {others.map((item) => (
            <Link key={item.id} to={hrefFor(item.id)} style={{ color: 'inherit' }}>
              <Flex vertical gap={2}>
                <Flex justify="space-between" gap={8}>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatDateTime(item.createdAt)}
                  </Typography.Text>
                  <StatusTag status={item.status} />
                </Flex>
                <Typography.Text ellipsis>{item.lastMessage?.preview ?? t('inbox.noMessages')}</Typography.Text>
              </Flex>
            </Link>
          ))}
        </Flex>
      )}
    </div>
  );
}
