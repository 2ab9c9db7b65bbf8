import { LinkOutlined } from '@ant-design/icons';
import type { TicketView } from '@kefu/shared';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Collapse, Empty, Flex, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { contactConversationsKey, listContactConversations } from '../api/conversations';
import { linkConversation, listTranscripts, ticketTranscriptsKey } from '../api/tickets';
import { usePermission } from '../auth/usePermission';
import { useFormatDateTime } from '../format/useFormatDateTime';
import { useTicketChange } from './useTicketChange';

/** 关联会话: the conversations linked to the ticket, with the transcript copied when each was linked. */
export function LinkedConversationsCard({ ticket }: { ticket: TicketView }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const canWrite = usePermission('tickets.write');
  const canReadConversations = usePermission('conversations.read');
  const [choice, setChoice] = useState<string | undefined>();
  const transcripts = useQuery({
    queryKey: ticketTranscriptsKey(ticket.id),
    queryFn: () => listTranscripts(ticket.id),
  });
  const others = useQuery({
    queryKey: contactConversationsKey(ticket.contact.id),
    queryFn: () => listContactConversations(ticket.contact.id),
    enabled: canWrite && canReadConversations,
  });
  const linked = new Set(ticket.conversations.map((c) => c.id));
  const candidates = (others.data?.items ?? []).filter((conversation) => !linked.has(conversation.id));
  const link = useTicketChange<string>(ticket, (conversationId) => linkConversation(ticket.id, conversationId), {
    onSuccess: () => setChoice(undefined),
  });

  return (
    <Card
      size="small"
      title={t('tickets.conversations.title')}
      style={{ marginBottom: 16 }}
      data-testid="linked-conversations"
    >
      {ticket.conversations.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tickets.conversations.empty')} />
      ) : (
        <Collapse
          size="small"
          items={ticket.conversations.map((conversation) => {
            const transcript = transcripts.data?.items.find((item) => item.conversationId === conversation.id);
            return {
              key: conversation.id,
              label: (
                <Flex gap={8} align="center" wrap>
                  <span>{t('tickets.conversations.linkedAt', { at: formatDateTime(conversation.linkedAt) })}</span>
                  <Tag>
                    {t(`inbox.statuses.${conversation.status as 'open'}`, { defaultValue: conversation.status })}
                  </Tag>
                  <Typography.Text type="secondary">
                    {t('tickets.conversations.messages', { count: conversation.transcriptMessages })}
                  </Typography.Text>
                  {canReadConversations ? (
                    <Link to={`/inbox/${conversation.id}`} onClick={(event) => event.stopPropagation()}>
                      {t('tickets.conversations.open')}
                    </Link>
                  ) : null}
                </Flex>
              ),
              children: transcript ? (
                <Flex vertical gap={6} data-testid="transcript">
                  {transcript.messages.map((item) => (
                    <div key={item.seq}>
                      <Typography.Text strong={item.sender.type === 'contact'}>
                        {item.sender.name ??
                          t(`tickets.conversations.senders.${item.sender.type as 'contact'}`, {
                            defaultValue: item.sender.type,
                          })}
                      </Typography.Text>{' '}
                      {item.kind === 'note' ? <Tag color="gold">{t('tickets.comments.kinds.internal')}</Tag> : null}
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {formatDateTime(item.createdAt)}
                      </Typography.Text>
                      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                        {item.content}
                      </Typography.Paragraph>
                      {item.attachments.map((file) => (
                        <a key={file.id} href={file.url} target="_blank" rel="noopener noreferrer">
                          {file.fileName}
                        </a>
                      ))}
                    </div>
                  ))}
                </Flex>
              ) : (
                <Typography.Text type="secondary">{t('tickets.conversations.noTranscript')}</Typography.Text>
              ),
            };
          })}
        />
      )}
      {canWrite && candidates.length > 0 ? (
        <Flex gap={8} style={{ marginTop: 12 }}>
          <Select
            value={choice}
            onChange={setChoice}
            placeholder={t('tickets.conversations.choose')}
            options={candidates.map((conversation) => ({
              value: conversation.id,
              label: `${conversation.lastMessage?.preview ?? t('tickets.conversations.noPreview')} · ${formatDateTime(conversation.lastMessage?.createdAt ?? conversation.createdAt)}`,
            }))}
            style={{ flex: 1 }}
          />
          <Button
            icon={<LinkOutlined />}
            disabled={!choice}
            loading={link.isPending}
            onClick={() => choice && link.mutate(choice)}
          >
            {t('tickets.conversations.link')}
          </Button>
        </Flex>
      ) : null}
    </Card>
  );
}
