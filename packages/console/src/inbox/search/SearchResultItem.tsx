import type { ConversationSearchHit } from '@kefu/shared';
import { Flex, Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { LabelTag } from '../../pages/settings/labels/LabelTag';
import { StatusTag } from '../StatusTag';
import { formatClock } from '../time';
import { HighlightedText } from './HighlightedText';
import type { useLabels } from './useLabels';

/** One found conversation: who, its state and labels, and the matching message with the query words marked. */
export function SearchResultItem({
  hit,
  href,
  labelsByName,
  onOpen,
}: {
  hit: ConversationSearchHit;
  href: string;
  labelsByName: ReturnType<typeof useLabels>['byName'];
  onOpen(): void;
}) {
  const { t, i18n } = useTranslation();
  const { token } = theme.useToken();
  const { conversation, match } = hit;
  const contactDetail = conversation.contact.phone ?? conversation.contact.email;
  const when = match?.createdAt ?? conversation.lastMessage?.createdAt ?? conversation.updatedAt;
  return (
    <Link
      to={href}
      onClick={onOpen}
      data-testid="search-result"
      style={{
        display: 'block',
        padding: '10px 12px',
        borderBottom: `1px solid ${token.colorSplit}`,
        color: 'inherit',
      }}
    >
      <Flex justify="space-between" align="center" gap={8}>
        <Flex gap={8} align="center" style={{ minWidth: 0 }}>
          <Typography.Text strong ellipsis>
            {conversation.contact.name}
          </Typography.Text>
          {contactDetail ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {contactDetail}
            </Typography.Text>
          ) : null}
          <StatusTag status={conversation.status} />
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12, flexShrink: 0 }}>
          {formatClock(when, i18n.language)}
        </Typography.Text>
      </Flex>
      {conversation.labels.length > 0 ? (
        <div style={{ marginTop: 4 }}>
          {conversation.labels.map((name) => (
            <LabelTag key={name} name={name} color={labelsByName.get(name)?.color} />
          ))}
        </div>
      ) : null}
      {match ? (
        <div style={{ marginTop: 4, fontSize: 13 }} data-testid="search-snippet">
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {match.kind === 'note'
              ? t('conversationSearch.note')
              : (match.sender.name ?? t(match.kind === 'incoming' ? 'inbox.customer' : 'inbox.agent'))}
            {': '}
          </Typography.Text>
          <HighlightedText text={match.snippet} ranges={match.highlights} />
        </div>
      ) : conversation.lastMessage ? (
        <Typography.Paragraph type="secondary" ellipsis style={{ margin: '4px 0 0', fontSize: 13 }}>
          {conversation.lastMessage.preview}
        </Typography.Paragraph>
      ) : null}
    </Link>
  );
}
