import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { BUSINESS_HOURS_LIMITS } from '@kefu/shared';
import { Button, Card, DatePicker, Flex, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { DayHoursField } from './DayHoursField';

/** 调休上班日: dates that work although the week says closed, each with its own hours. */
export function SpecialWorkingDaysField({ disabled }: { disabled: boolean }) {
  const { t } = useTranslation();
  const required = { required: true, message: t('validation.required') };
  return (
    <Form.List name="specialWorkingDays">
      {(fields, { add, remove }) => (
        <Flex vertical gap={8}>
          {fields.length === 0 ? (
            <Typography.Text type="secondary">{t('businessHours.noWorkingDays')}</Typography.Text>
          ) : null}
          {fields.map((field, index) => {
            const label = t('businessHours.workingDayLabel', { index: index + 1 });
            return (
              <Card key={field.key} size="small" data-testid={`working-day-${index}`}>
                <Flex gap={8} align="start" wrap>
                  <Form.Item
                    name={[field.name, 'name']}
                    rules={[{ ...required, whitespace: true }]}
                    style={{ marginBottom: 8 }}
                  >
                    <Input
                      style={{ width: 180 }}
                      maxLength={50}
                      placeholder={t('businessHours.workingDayNamePlaceholder')}
                      aria-label={t('businessHours.workingDayName', { index: index + 1 })}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'date']} rules={[required]} style={{ marginBottom: 8 }}>
                    <DatePicker aria-label={t('businessHours.workingDayDate', { index: index + 1 })} />
                  </Form.Item>
                  {disabled ? null : (
                    <Button
                      type="text"
                      icon={<DeleteOutlined />}
                      aria-label={t('businessHours.removeWorkingDay', { index: index + 1 })}
                      onClick={() => remove(field.name)}
                    />
                  )}
                </Flex>
                <DayHoursField
                  name={[field.name, 'hours']}
                  path={['specialWorkingDays', field.name, 'hours']}
                  label={label}
                  disabled={disabled}
                />
              </Card>
            );
          })}
          {disabled ? null : (
            <Button
              icon={<PlusOutlined />}
              style={{ alignSelf: 'flex-start' }}
              disabled={fields.length >= BUSINESS_HOURS_LIMITS.specialWorkingDays}
              onClick={() => add({ name: '', date: null, hours: [{ start: '09:00', end: '18:00' }] })}
            >
              {t('businessHours.addWorkingDay')}
            </Button>
          )}
        </Flex>
      )}
    </Form.List>
  );
}
