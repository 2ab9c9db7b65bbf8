import type { RestrictedTicketView, TicketFieldDefinition, TicketFileView } from '@kefu/shared';
import { Alert, Card, Descriptions, Flex, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatDateTime } from '../format/useFormatDateTime';
import { displayValue } from './fieldValues';
import { PriorityTag, StateTag } from './TicketBadges';
import { useTicketType } from './useTicketTypes';

/**
 * What a department user sees of a ticket their task belongs to: the facts, the approved plan and the customer's
 * details only when a task shares them (personal fields hidden otherwise).
 */
export function RestrictedTicketFacts({ ticket, extra }: { ticket: RestrictedTicketView; extra?: ReactNode }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const type = useTicketType(ticket.type.id);
  const shown = ticket.form.filter((field) => ticket.fields[field.key] !== undefined);
  // The full definition names the options of selects; the summary alone shows their stored values.
  const definition = (field: (typeof ticket.form)[number]) =>
    type?.fields.find((candidate) => candidate.key === field.key) ?? (field as TicketFieldDefinition);
  return (
    <Card
      size="small"
      title={
        <Space size={8} wrap>
          <Typography.Text type="secondary">{ticket.number}</Typography.Text>
          <span>{ticket.title}</span>
          <StateTag state={ticket.state} />
          <PriorityTag priority={ticket.priority} />
        </Space>
      }
      extra={extra}
      data-testid="restricted-ticket"
    >
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'type', label: t('tickets.columns.type'), children: ticket.type.name },
          {
            key: 'customer',
            label: t('tickets.detail.customer'),
            children: [ticket.contact.name, ticket.contact.phone, ticket.contact.email].filter(Boolean).join(' · '),
          },
          ...(ticket.orderNumbers.length > 0
            ? [{ key: 'orders', label: t('tickets.fields.orderNumbers'), children: ticket.orderNumbers.join('、') }]
            : []),
          ...(ticket.description
            ? [
                {
                  key: 'description',
                  label: t('tickets.fields.description'),
                  children: <span style={{ whiteSpace: 'pre-wrap' }}>{ticket.description}</span>,
                },
              ]
            : []),
          ...shown.map((field) => ({
            key: `field-${field.key}`,
            label: field.label,
            children:
              field.kind === 'attachment' ? (
                <Flex vertical gap={2}>
                  {(ticket.fields[field.key] as TicketFileView[]).map((file) => (
                    <a key={file.id} href={file.url} target="_blank" rel="noopener noreferrer">
                      {file.fileName}
                    </a>
                  ))}
                </Flex>
              ) : (
                displayValue(definition(field), ticket.fields[field.key], formatDateTime)
              ),
          })),
          ...(ticket.resolution
            ? [
                {
                  key: 'plan',
                  label: t('tickets.restricted.plan'),
                  children: (
                    <span data-testid="approved-plan">
                      {ticket.resolution.summary}
                      {ticket.resolution.compensationAmount > 0
                        ? `（${t('tickets.resolution.amount', { amount: ticket.resolution.compensationAmount.toFixed(2) })}）`
                        : ''}
                    </span>
                  ),
                },
              ]
            : []),
          { key: 'created', label: t('tickets.detail.createdAt'), children: formatDateTime(ticket.createdAt) },
        ]}
      />
      {ticket.hiddenFields.length > 0 ? (
        <Alert type="info" showIcon title={t('tickets.restricted.hidden')} style={{ marginTop: 12 }} />
      ) : null}
    </Card>
  );
}
