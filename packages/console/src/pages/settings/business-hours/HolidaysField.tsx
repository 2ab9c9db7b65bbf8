import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { BUSINESS_HOURS_LIMITS } from '@kefu/shared';
import { Button, DatePicker, Flex, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** Closed dates (节假日): a name and a range of dates, both ends included. */
export function HolidaysField({ disabled }: { disabled: boolean }) {
  const { t } = useTranslation();
  const required = { required: true, message: t('validation.required') };
  return (
    <Form.List name="holidays">
      {(fields, { add, remove }) => (
        <Flex vertical gap={8}>
          {fields.length === 0 ? (
            <Typography.Text type="secondary">{t('businessHours.noHolidays')}</Typography.Text>
          ) : null}
          {fields.map((field, index) => (
            <Flex key={field.key} gap={8} align="start" wrap data-testid={`holiday-${index}`}>
              <Form.Item
                name={[field.name, 'name']}
                rules={[{ ...required, whitespace: true }]}
                style={{ marginBottom: 0 }}
              >
                <Input
                  style={{ width: 160 }}
                  maxLength={50}
                  placeholder={t('businessHours.holidayNamePlaceholder')}
                  aria-label={t('businessHours.holidayName', { index: index + 1 })}
                />
              </Form.Item>
              <Form.Item name={[field.name, 'range']} rules={[required]} style={{ marginBottom: 0 }}>
                <DatePicker.RangePicker aria-label={t('businessHours.holidayDates', { index: index + 1 })} />
              </Form.Item>
              {disabled ? null : (
                <Button
                  type="text"
                  icon={<DeleteOutlined />}
                  aria-label={t('businessHours.removeHoliday', { index: index + 1 })}
                  onClick={() => remove(field.name)}
                />
              )}
            </Flex>
          ))}
          {disabled ? null : (
            <Button
              icon={<PlusOutlined />}
              style={{ alignSelf: 'flex-start' }}
              disabled={fields.length >= BUSINESS_HOURS_LIMITS.holidays}
              onClick={() => add({ name: '', range: null })}
            >
              {t('businessHours.addHoliday')}
            </Button>
          )}
        </Flex>
      )}
    </Form.List>
  );
}
