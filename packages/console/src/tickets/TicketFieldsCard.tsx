import { EditOutlined, PaperClipOutlined } from '@ant-design/icons';
import { isPersonalField, type TicketFieldDefinition, type TicketFileView, type TicketView } from '@kefu/shared';
import { Button, Card, Descriptions, Empty, Flex, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { revealTicketValue, updateTicket } from '../api/tickets';
import { usePermission } from '../auth/usePermission';
import { RevealableValue } from '../components/RevealableValue';
import { useFormatDateTime } from '../format/useFormatDateTime';
import { displayValue, type FieldFormValue, fieldValuesForApi, toApiValue, toFormValue } from './fieldValues';
import { TicketActionModal } from './TicketActionModal';
import { TicketFormFields } from './TicketFormFields';
import { useTicketType, useTicketTypes } from './useTicketTypes';

/** The type's form as filled in: personal values masked (revealable with a reason), files as links; editable. */
export function TicketFieldsCard({ ticket }: { ticket: TicketView }) {
  const { t } = useTranslation();
  const types = useTicketTypes();
  const type = useTicketType(ticket.type.id);
  const canWrite = usePermission('tickets.write');
  const [editing, setEditing] = useState(false);
  const form = type?.fields ?? [];
  // Personal values arrive masked, so they are edited only by typing a new value (never by sending the mask back).
  const editable = form.filter((field) => !isPersonalField(field) || ticket.fields[field.key] === undefined);
  const personalFilled = form.filter((field) => isPersonalField(field) && ticket.fields[field.key] !== undefined);

  return (
    <Card
      size="small"
      title={t('tickets.form.title', { type: ticket.type.name })}
      style={{ marginBottom: 16 }}
      extra={
        canWrite && form.length > 0 ? (
          <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="edit-fields">
            {t('common.edit')}
          </Button>
        ) : null
      }
      data-testid="ticket-fields"
    >
      {types.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : form.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tickets.form.empty')} />
      ) : (
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          bordered
          items={form.map((field) => ({
            key: field.key,
            label: field.label,
            children: <FieldValue ticket={ticket} field={field} />,
          }))}
        />
      )}
      <TicketActionModal<{ fields?: Record<string, FieldFormValue> }>
        ticket={ticket}
        open={editing}
        title={t('tickets.form.edit')}
        okText={t('common.save')}
        onClose={() => setEditing(false)}
        fieldNames={form.map((field) => `fields.${field.key}`)}
        testId="fields-dialog"
        initialValues={{
          fields: Object.fromEntries(
            editable.map((field) => [field.key, toFormValue(field, ticket.fields[field.key])]),
          ),
        }}
        submit={(values, version) => {
          const next = fieldValuesForApi(editable, values.fields);
          // Fields emptied in the dialog are cleared with null; personal ones left blank keep their stored value.
          const changes: Record<string, unknown> = {};
          for (const field of editable) {
            const before =
              ticket.fields[field.key] === undefined
                ? null
                : toApiValue(field, toFormValue(field, ticket.fields[field.key]));
            const after = next[field.key] ?? null;
            if (JSON.stringify(before) !== JSON.stringify(after)) changes[field.key] = after;
          }
          for (const field of personalFilled) {
            const typed = toApiValue(field, values.fields?.[field.key]);
            if (typed !== null) changes[field.key] = typed;
          }
          return updateTicket(ticket.id, { version, fields: changes });
        }}
      >
        {personalFilled.length > 0 ? (
          <Typography.Paragraph type="secondary">{t('tickets.form.personalHint')}</Typography.Paragraph>
        ) : null}
        <TicketFormFields
          fields={form.map((field) => (personalFilled.includes(field) ? { ...field, required: false } : field))}
        />
      </TicketActionModal>
    </Card>
  );
}

function FieldValue({ ticket, field }: { ticket: TicketView; field: TicketFieldDefinition }) {
  const formatDateTime = useFormatDateTime();
  const canReveal = usePermission('contacts.reveal');
  const value = ticket.fields[field.key];
  if (value === undefined || value === null) return <Typography.Text type="secondary">—</Typography.Text>;
  if (field.kind === 'attachment') {
    return (
      <Flex vertical gap={2}>
        {(value as TicketFileView[]).map((file) => (
          <a key={file.id} href={file.url} target="_blank" rel="noopener noreferrer">
            <PaperClipOutlined /> {file.fileName}
          </a>
        ))}
      </Flex>
    );
  }
  const shown = displayValue(field, value, formatDateTime);
  if (!isPersonalField(field)) {
    return (
      <Typography.Text style={{ whiteSpace: 'pre-wrap' }} data-testid={`field-${field.key}`}>
        {shown}
      </Typography.Text>
    );
  }
  return (
    <RevealableValue
      masked={shown}
      canReveal={canReveal}
      testId={`field-${field.key}`}
      reveal={async (reason) => (await revealTicketValue(ticket.id, { target: 'field', key: field.key, reason })).value}
    />
  );
}
