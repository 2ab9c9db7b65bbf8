import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { TICKET_FIELD_KINDS, type TicketFieldDefinition, type TicketFieldKind } from '@kefu/shared';
import { Button, Card, Checkbox, Flex, Input, InputNumber, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { OptionsEditor } from './OptionsEditor';

type Field = TicketFieldDefinition;

/** A new field gets a key nobody uses yet (field_1, field_2 …); the admin may rename it before the first ticket. */
function freshKey(fields: readonly Field[]): string {
  let n = fields.length + 1;
  while (fields.some((field) => field.key === `field_${n}`)) n += 1;
  return `field_${n}`;
}

/** Only the settings a kind understands are kept when the kind changes. */
function withKind(field: Field, kind: TicketFieldKind): Field {
  const { key, label, required, helpText, personal, inWidget } = field;
  const base = { key, label, kind, required, helpText, personal, inWidget };
  switch (kind) {
    case 'select':
      return { ...base, options: field.options ?? [{ value: 'option_1', label: '选项 1' }] };
    case 'cascade':
      return {
        ...base,
        cascadeOptions: field.cascadeOptions ?? [{ value: 'option_1', label: '选项 1', parent: null }],
      };
    default:
      return base;
  }
}

/** 表单字段: the type's custom fields in order, each with its kind's settings. */
export function FieldsEditor({ fields, onChange }: { fields: Field[]; onChange(fields: Field[]): void }) {
  const { t } = useTranslation();
  const update = (index: number, patch: Partial<Field>) =>
    onChange(fields.map((field, i) => (i === index ? ({ ...field, ...patch } as Field) : field)));
  const move = (index: number, by: -1 | 1) => {
    const next = [...fields];
    const [moved] = next.splice(index, 1);
    if (moved) next.splice(index + by, 0, moved);
    onChange(next);
  };
  const add = () =>
    onChange([
      ...fields,
      {
        key: freshKey(fields),
        label: t('ticketTypes.fields.newLabel'),
        kind: 'text',
        required: false,
        helpText: '',
        personal: false,
        inWidget: false,
      },
    ]);

  return (
    <Flex vertical gap={12} data-testid="fields-editor">
      {fields.map((field, index) => (
        <Card
          // biome-ignore lint/suspicious/noArrayIndexKey: fields are edited in place (even their key), so the position is their only stable identity; the inputs are controlled
          key={index}
          size="small"
          data-testid="field-editor"
          title={
            <Space>
              <Typography.Text>{field.label || field.key}</Typography.Text>
              <Typography.Text type="secondary">{t(`ticketTypes.kinds.${field.kind}`)}</Typography.Text>
            </Space>
          }
          extra={
            <Space size={0}>
              <Button
                type="text"
                size="small"
                icon={<ArrowUpOutlined />}
                disabled={index === 0}
                onClick={() => move(index, -1)}
                aria-label={t('ticketTypes.moveUp')}
              />
              <Button
                type="text"
                size="small"
                icon={<ArrowDownOutlined />}
                disabled={index === fields.length - 1}
                onClick={() => move(index, 1)}
                aria-label={t('ticketTypes.moveDown')}
              />
              <Button
                type="text"
                size="small"
                danger
                icon={<DeleteOutlined />}
                onClick={() => onChange(fields.filter((_, i) => i !== index))}
                aria-label={t('common.delete')}
              />
            </Space>
          }
        >
          <Flex gap={8} wrap>
            <Labelled label={t('ticketTypes.fields.label')}>
              <Input
                value={field.label}
                maxLength={50}
                onChange={(event) => update(index, { label: event.target.value })}
                aria-label={t('ticketTypes.fields.label')}
              />
            </Labelled>
            <Labelled label={t('ticketTypes.fields.key')}>
              <Input
                value={field.key}
                maxLength={40}
                onChange={(event) => update(index, { key: event.target.value })}
                aria-label={t('ticketTypes.fields.key')}
              />
            </Labelled>
            <Labelled label={t('ticketTypes.fields.kind')}>
              <Select
                value={field.kind}
                onChange={(kind: TicketFieldKind) =>
                  onChange(fields.map((f, i) => (i === index ? withKind(f, kind) : f)))
                }
                options={TICKET_FIELD_KINDS.map((kind) => ({ value: kind, label: t(`ticketTypes.kinds.${kind}`) }))}
                style={{ width: 140 }}
                aria-label={t('ticketTypes.fields.kind')}
              />
            </Labelled>
          </Flex>
          <Flex gap={16} wrap style={{ marginTop: 8 }}>
            <Checkbox checked={field.required} onChange={(e) => update(index, { required: e.target.checked })}>
              {t('ticketTypes.fields.required')}
            </Checkbox>
            <Checkbox
              checked={field.personal || field.kind === 'phone'}
              disabled={field.kind === 'phone'}
              onChange={(e) => update(index, { personal: e.target.checked })}
            >
              {t('ticketTypes.fields.personal')}
            </Checkbox>
            <Checkbox checked={field.inWidget} onChange={(e) => update(index, { inWidget: e.target.checked })}>
              {t('ticketTypes.fields.inWidget')}
            </Checkbox>
          </Flex>
          <KindSettings field={field} onChange={(patch) => update(index, patch)} />
          <Labelled label={t('ticketTypes.fields.helpText')} block>
            <Input
              value={field.helpText}
              maxLength={200}
              onChange={(event) => update(index, { helpText: event.target.value })}
              aria-label={t('ticketTypes.fields.helpText')}
            />
          </Labelled>
        </Card>
      ))}
      <Button icon={<PlusOutlined />} onClick={add} disabled={fields.length >= 40} data-testid="add-field">
        {t('ticketTypes.fields.add')}
      </Button>
    </Flex>
  );
}

function KindSettings({ field, onChange }: { field: Field; onChange(patch: Partial<Field>): void }) {
  const { t } = useTranslation();
  const number = (key: 'min' | 'max' | 'decimals' | 'minLength' | 'maxLength' | 'maxFiles', label: string) => (
    <Labelled label={label}>
      <InputNumber
        value={field[key]}
        onChange={(value) => onChange({ [key]: value ?? undefined })}
        aria-label={label}
        style={{ width: 120 }}
      />
    </Labelled>
  );
  switch (field.kind) {
    case 'text':
      return (
        <Flex gap={8} wrap align="end" style={{ marginTop: 8 }}>
          {number('minLength', t('ticketTypes.fields.minLength'))}
          {number('maxLength', t('ticketTypes.fields.maxLength'))}
          <Checkbox checked={field.multiline ?? false} onChange={(e) => onChange({ multiline: e.target.checked })}>
            {t('ticketTypes.fields.multiline')}
          </Checkbox>
        </Flex>
      );
    case 'number':
      return (
        <Flex gap={8} wrap style={{ marginTop: 8 }}>
          {number('min', t('ticketTypes.fields.min'))}
          {number('max', t('ticketTypes.fields.max'))}
          {number('decimals', t('ticketTypes.fields.decimals'))}
        </Flex>
      );
    case 'date':
    case 'datetime':
      return (
        <Checkbox
          style={{ marginTop: 8 }}
          checked={field.notInFuture ?? false}
          onChange={(e) => onChange({ notInFuture: e.target.checked })}
        >
          {t('ticketTypes.fields.notInFuture')}
        </Checkbox>
      );
    case 'select':
      return (
        <Flex vertical gap={8} style={{ marginTop: 8 }}>
          <Checkbox checked={field.multiple ?? false} onChange={(e) => onChange({ multiple: e.target.checked })}>
            {t('ticketTypes.fields.multiple')}
          </Checkbox>
          <OptionsEditor
            options={(field.options ?? []).map((o) => ({ ...o, parent: null }))}
            onChange={(options) => onChange({ options: options.map(({ value, label }) => ({ value, label })) })}
          />
        </Flex>
      );
    case 'cascade':
      return (
        <div style={{ marginTop: 8 }}>
          <OptionsEditor
            options={field.cascadeOptions ?? []}
            cascade
            onChange={(cascadeOptions) => onChange({ cascadeOptions })}
          />
        </div>
      );
    case 'attachment':
      return <div style={{ marginTop: 8 }}>{number('maxFiles', t('ticketTypes.fields.maxFiles'))}</div>;
    default:
      return null;
  }
}

function Labelled({ label, children, block }: { label: string; children: React.ReactNode; block?: boolean }) {
  return (
    <Flex vertical gap={2} style={{ marginTop: block ? 8 : 0, flex: block ? '1 1 100%' : undefined }}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {label}
      </Typography.Text>
      {children}
    </Flex>
  );
}
