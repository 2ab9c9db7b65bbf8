import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { BUSINESS_HOURS_LIMITS, type HoursInterval } from '@kefu/shared';
import { Button, Flex, Form, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ALL_DAY, END_TIMES, START_TIMES } from './calendarForm';

const startOptions = START_TIMES.map((time) => ({ value: time, label: time }));
const endOptions = END_TIMES.map((time) => ({ value: time, label: time }));

/** A new interval starts where the last one ends, so adding one never overlaps. */
function nextInterval(intervals: HoursInterval[] | undefined): HoursInterval {
  const lastEnd = intervals?.at(-1)?.end;
  if (!lastEnd) return { start: '09:00', end: '18:00' };
  const startIndex = START_TIMES.indexOf(lastEnd);
  if (startIndex < 0) return { start: '09:00', end: '18:00' };
  // END_TIMES[i] is a quarter after START_TIMES[i]: three more make an hour.
  return { start: lastEnd, end: END_TIMES[Math.min(startIndex + 3, END_TIMES.length - 1)]! };
}

/**
 * The opening intervals of one day: a start and an end per interval, with shortcuts for a whole day and
 * for closed. `name` is relative to an enclosing Form.List; `path` is the same field from the form's root.
 */
export function DayHoursField({
  name,
  path,
  label,
  disabled,
}: {
  name: (string | number)[];
  path: (string | number)[];
  label: string;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <Flex vertical gap={4}>
          {fields.length === 0 ? (
            <Typography.Text type="secondary">{t('businessHours.closedAllDay')}</Typography.Text>
          ) : null}
          {fields.map((field, index) => (
            <Flex key={field.key} gap={8} align="start" wrap>
              <Form.Item name={[field.name, 'start']} style={{ marginBottom: 0 }}>
                <Select
                  showSearch
                  style={{ width: 100 }}
                  options={startOptions}
                  aria-label={t('businessHours.intervalStart', { day: label, index: index + 1 })}
                />
              </Form.Item>
              <Typography.Text style={{ lineHeight: '32px' }}>–</Typography.Text>
              <Form.Item name={[field.name, 'end']} style={{ marginBottom: 0 }}>
                <Select
                  showSearch
                  style={{ width: 100 }}
                  options={endOptions}
                  aria-label={t('businessHours.intervalEnd', { day: label, index: index + 1 })}
                />
              </Form.Item>
              {disabled ? null : (
                <Button
                  type="text"
                  icon={<DeleteOutlined />}
                  aria-label={t('businessHours.removeInterval', { day: label, index: index + 1 })}
                  onClick={() => remove(field.name)}
                />
              )}
            </Flex>
          ))}
          {disabled ? null : (
            <Flex gap={4} wrap>
              <Button
                size="small"
                icon={<PlusOutlined />}
                aria-label={t('businessHours.addIntervalTo', { day: label })}
                disabled={fields.length >= BUSINESS_HOURS_LIMITS.intervalsPerDay}
                onClick={() => add(nextInterval(form.getFieldValue(path)))}
              >
                {t('businessHours.addInterval')}
              </Button>
              <Button
                size="small"
                aria-label={t('businessHours.allDayFor', { day: label })}
                onClick={() => form.setFieldValue(path, ALL_DAY)}
              >
                {t('businessHours.allDay')}
              </Button>
              <Button
                size="small"
                aria-label={t('businessHours.closedFor', { day: label })}
                onClick={() => form.setFieldValue(path, [])}
              >
                {t('businessHours.closedAllDay')}
              </Button>
            </Flex>
          )}
        </Flex>
      )}
    </Form.List>
  );
}
