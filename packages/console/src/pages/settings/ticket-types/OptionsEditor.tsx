import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';

export interface EditableOption {
  value: string;
  label: string;
  parent: string | null;
}

/**
 * The choices of a select, or of a cascading select (级联) where each names its parent; a child goes right after
 * the options before it, so parents are always listed first as the server requires.
 */
export function OptionsEditor({
  options,
  onChange,
  cascade = false,
}: {
  options: EditableOption[];
  onChange(options: EditableOption[]): void;
  cascade?: boolean;
}) {
  const { t } = useTranslation();
  const update = (index: number, patch: Partial<EditableOption>) =>
    onChange(options.map((option, i) => (i === index ? { ...option, ...patch } : option)));
  const add = () => {
    let n = options.length + 1;
    while (options.some((o) => o.value === `option_${n}`)) n += 1;
    onChange([...options, { value: `option_${n}`, label: t('ticketTypes.options.newLabel', { n }), parent: null }]);
  };
  return (
    <Flex vertical gap={6} data-testid="options-editor">
      {options.map((option, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place (even their key and value), so the position is their only stable identity; the inputs are controlled
        <Flex key={index} gap={6} align="center">
          {cascade ? (
            <Select
              value={option.parent ?? ''}
              onChange={(parent: string) => update(index, { parent: parent === '' ? null : parent })}
              options={[
                { value: '', label: t('ticketTypes.options.top') },
                ...options.slice(0, index).map((o) => ({ value: o.value, label: o.label })),
              ]}
              style={{ width: 140 }}
              aria-label={t('ticketTypes.options.parent')}
            />
          ) : null}
          <Input
            value={option.label}
            maxLength={100}
            onChange={(event) => update(index, { label: event.target.value })}
            placeholder={t('ticketTypes.options.label')}
            aria-label={t('ticketTypes.options.label')}
          />
          <Input
            value={option.value}
            maxLength={50}
            onChange={(event) => update(index, { value: event.target.value })}
            placeholder={t('ticketTypes.options.value')}
            aria-label={t('ticketTypes.options.value')}
            style={{ width: 160 }}
          />
          <Button
            type="text"
            danger
            icon={<DeleteOutlined />}
            onClick={() => onChange(options.filter((_, i) => i !== index))}
            aria-label={t('common.delete')}
          />
        </Flex>
      ))}
      <Button size="small" icon={<PlusOutlined />} onClick={add} style={{ alignSelf: 'start' }}>
        {t('ticketTypes.options.add')}
      </Button>
    </Flex>
  );
}
