import { BUSINESS_HOURS_LIMITS } from '@kefu/shared';
import { useQuery } from '@tanstack/react-query';
import { Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { businessHoursKey, listBusinessHours } from '../../../api/businessHours';

/** Select cannot hold null as a value: "always open" travels as this and becomes null in the form. */
const ALWAYS_OPEN = 'always-open';

/**
 * The inbox settings' 营业时间 section: which calendar (or always open) and the automatic reply a customer
 * gets once per closed period. Its fields live under `businessHours` in the inbox form.
 */
export function InboxBusinessHoursFields() {
  const { t } = useTranslation();
  const calendars = useQuery({ queryKey: businessHoursKey, queryFn: listBusinessHours });
  const calendarId = Form.useWatch(['businessHours', 'calendarId']) as string | null | undefined;
  const options = [
    { value: ALWAYS_OPEN, label: t('businessHours.inbox.alwaysOpen') },
    ...(calendars.data?.items ?? []).map((calendar) => ({ value: calendar.id, label: calendar.name })),
  ];
  return (
    <>
      <Form.Item
        name={['businessHours', 'calendarId']}
        label={t('businessHours.inbox.calendar')}
        extra={t('businessHours.inbox.calendarHint')}
        getValueProps={(value: string | null) => ({ value: value ?? ALWAYS_OPEN })}
        normalize={(value: string) => (value === ALWAYS_OPEN ? null : value)}
      >
        <Select loading={calendars.isPending} options={options} />
      </Form.Item>
      <Form.Item
        name={['businessHours', 'autoReply']}
        label={t('businessHours.inbox.autoReply')}
        extra={t('businessHours.inbox.autoReplyHint')}
        hidden={!calendarId}
        rules={[
          {
            max: BUSINESS_HOURS_LIMITS.autoReplyMaxLength,
            message: t('validation.maxLength', { max: BUSINESS_HOURS_LIMITS.autoReplyMaxLength }),
          },
        ]}
      >
        <Input.TextArea
          autoSize={{ minRows: 2, maxRows: 4 }}
          showCount
          maxLength={BUSINESS_HOURS_LIMITS.autoReplyMaxLength}
        />
      </Form.Item>
    </>
  );
}
