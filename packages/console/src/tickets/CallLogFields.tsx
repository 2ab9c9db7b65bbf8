import { DatePicker, Form, Input, InputNumber, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';

export interface CallLogFormValues {
  phoneNumber?: string;
  direction?: 'inbound' | 'outbound';
  startedAt?: Dayjs;
  durationMinutes?: number;
  summary?: string;
}

export function callLogBody(values: CallLogFormValues) {
  return {
    phoneNumber: values.phoneNumber?.trim() ?? '',
    direction: values.direction ?? 'inbound',
    startedAt: (values.startedAt ?? dayjs()).format(),
    durationSeconds: Math.round((values.durationMinutes ?? 0) * 60),
    summary: values.summary?.trim() ?? '',
  };
}

/** A phone call (号码, 呼入/呼出, 时间, 时长, 摘要) under the form name `prefix`. */
export function CallLogFields({ prefix }: { prefix: string }) {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item
        name={[prefix, 'phoneNumber']}
        label={t('tickets.call.phoneNumber')}
        rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
      >
        <Input type="tel" maxLength={30} autoComplete="off" />
      </Form.Item>
      <Form.Item name={[prefix, 'direction']} label={t('tickets.call.direction')} initialValue="inbound">
        <Radio.Group
          optionType="button"
          options={[
            { value: 'inbound', label: t('tickets.call.inbound') },
            { value: 'outbound', label: t('tickets.call.outbound') },
          ]}
        />
      </Form.Item>
      <Form.Item name={[prefix, 'startedAt']} label={t('tickets.call.startedAt')} initialValue={dayjs()}>
        <DatePicker
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          disabledDate={(date) => date.isAfter(dayjs(), 'day')}
        />
      </Form.Item>
      <Form.Item name={[prefix, 'durationMinutes']} label={t('tickets.call.duration')}>
        <InputNumber min={0} max={1440} precision={1} suffix={t('tickets.call.minutes')} style={{ width: 180 }} />
      </Form.Item>
      <Form.Item name={[prefix, 'summary']} label={t('tickets.call.summary')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
      </Form.Item>
    </>
  );
}
