import type { TicketFieldDefinition } from '@kefu/shared';
import { Cascader, DatePicker, Form, Input, InputNumber, Select } from 'antd';
import type { UploadFile } from 'antd/es/upload/interface';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { AttachmentUpload } from './AttachmentUpload';
import { cascadeTree } from './fieldValues';

/**
 * A ticket type's form (its custom fields) as inputs named `fields.<key>`. Required marks and simple bounds are
 * checked here for quick feedback; the server checks everything and its messages land on the same fields.
 */
export function TicketFormFields({ fields }: { fields: readonly TicketFieldDefinition[] }) {
  return (
    <>
      {fields.map((field) => (
        <TicketFieldItem key={field.key} field={field} />
      ))}
    </>
  );
}

function TicketFieldItem({ field }: { field: TicketFieldDefinition }) {
  const { t } = useTranslation();
  const required = field.required ? [{ required: true, message: t('validation.required') }] : [];
  const common = {
    name: ['fields', field.key],
    label: field.label,
    extra: field.helpText || undefined,
    rules: required,
  };
  switch (field.kind) {
    case 'text':
      return (
        <Form.Item {...common}>
          {field.multiline ? (
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={field.maxLength} showCount />
          ) : (
            <Input maxLength={field.maxLength} />
          )}
        </Form.Item>
      );
    case 'number':
      return (
        <Form.Item {...common}>
          <InputNumber min={field.min} max={field.max} precision={field.decimals} style={{ width: 200 }} />
        </Form.Item>
      );
    case 'date':
    case 'datetime':
      return (
        <Form.Item {...common}>
          <DatePicker
            showTime={field.kind === 'datetime' ? { format: 'HH:mm' } : false}
            format={field.kind === 'datetime' ? 'YYYY-MM-DD HH:mm' : 'YYYY-MM-DD'}
            disabledDate={field.notInFuture ? (date) => date.isAfter(dayjs(), 'day') : undefined}
          />
        </Form.Item>
      );
    case 'select':
      return (
        <Form.Item {...common}>
          <Select
            mode={field.multiple ? 'multiple' : undefined}
            allowClear
            options={field.options?.map((o) => ({ value: o.value, label: o.label }))}
            placeholder={t('tickets.form.choose')}
          />
        </Form.Item>
      );
    case 'cascade':
      return (
        <Form.Item {...common}>
          <Cascader options={cascadeTree(field.cascadeOptions ?? [])} placeholder={t('tickets.form.choose')} />
        </Form.Item>
      );
    case 'phone':
      return (
        <Form.Item {...common}>
          <Input type="tel" autoComplete="off" maxLength={30} />
        </Form.Item>
      );
    case 'attachment':
      return (
        <Form.Item
          {...common}
          valuePropName="fileList"
          getValueFromEvent={(event: { fileList: UploadFile[] }) => event.fileList}
        >
          <AttachmentUpload maxFiles={field.maxFiles ?? 10} />
        </Form.Item>
      );
    default:
      return null;
  }
}
