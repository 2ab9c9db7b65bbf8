import { type BusinessHoursView, WEEKDAYS } from '@kefu/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Col, Drawer, Flex, Form, Input, Row, Select, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { businessHoursKey, createBusinessHours, updateBusinessHours } from '../../../api/businessHours';
import { ApiError } from '../../../api/client';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useFormRules } from '../../../forms/useFormRules';
import { allTimeZones } from '../timeZones';
import { type CalendarFormValues, NEW_CALENDAR, showCalendarErrors, toFormValues, toRequestBody } from './calendarForm';
import { DayHoursField } from './DayHoursField';
import { HolidaysField } from './HolidaysField';
import { HoursPreview } from './HoursPreview';
import { SpecialWorkingDaysField } from './SpecialWorkingDaysField';

const formId = 'business-hours';

/** Creates a calendar, edits `calendar`, or (without `canManage`) shows it read-only. */
export function BusinessHoursEditor({
  calendar,
  canManage,
  onClose,
}: {
  calendar?: BusinessHoursView;
  canManage: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const rules = useFormRules();
  const [form] = Form.useForm<CalendarFormValues>();
  // The whole store, not only mounted fields: the first render has none mounted yet.
  const values = Form.useWatch([], { form, preserve: true }) as CalendarFormValues | undefined;
  const [bannerError, setBannerError] = useState<unknown>(null);
  const initialValues = useMemo(() => (calendar ? toFormValues(calendar) : NEW_CALENDAR), [calendar]);
  const timeZoneOptions = useMemo(() => {
    const zones = allTimeZones();
    const current = initialValues.timeZone;
    return (zones.includes(current) ? zones : [current, ...zones]).map((zone) => ({ value: zone, label: zone }));
  }, [initialValues.timeZone]);

  const mutation = useMutation({
    mutationFn: (formValues: CalendarFormValues) => {
      const body = toRequestBody(formValues);
      return calendar ? updateBusinessHours(calendar.id, body) : createBusinessHours(body);
    },
    onMutate: () => setBannerError(null),
    onSuccess: async (saved) => {
      message.success(t(calendar ? 'businessHours.updated' : 'businessHours.created', { name: saved.name }));
      await queryClient.invalidateQueries({ queryKey: businessHoursKey });
      onClose();
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'CONFLICT') {
        form.setFields([{ name: 'name', errors: [t('businessHours.nameTaken')] }]);
        return;
      }
      if (!showCalendarErrors(form, error)) setBannerError(error);
    },
  });

  const title = calendar ? (canManage ? t('businessHours.editTitle') : calendar.name) : t('businessHours.createTitle');

  return (
    <Drawer
      open
      title={title}
      size="large"
      onClose={onClose}
      extra={
        canManage ? (
          <Flex gap={8}>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="primary" htmlType="submit" form={formId} loading={mutation.isPending}>
              {t(calendar ? 'common.save' : 'common.create')}
            </Button>
          </Flex>
        ) : null
      }
    >
      <Form
        form={form}
        name={formId}
        layout="vertical"
        requiredMark={false}
        disabled={!canManage}
        initialValues={initialValues}
        onFinish={(formValues) => mutation.mutate(formValues)}
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="name" label={t('businessHours.name')} rules={rules.name}>
              <Input autoComplete="off" placeholder={t('businessHours.namePlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="timeZone" label={t('businessHours.timeZone')} rules={rules.required}>
              <Select showSearch options={timeZoneOptions} />
            </Form.Item>
          </Col>
        </Row>
        <HoursPreview values={values} />

        <Typography.Title level={5} style={{ marginTop: 24 }}>
          {t('businessHours.weekly')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('businessHours.midnightHint')}</Typography.Paragraph>
        {WEEKDAYS.map((day) => (
          <Row key={day} gutter={16} style={{ marginBottom: 12 }} data-testid={`weekday-${day}`}>
            <Col flex="64px">
              <Typography.Text strong style={{ lineHeight: '32px' }}>
                {t(`businessHours.weekdays.${day}`)}
              </Typography.Text>
            </Col>
            <Col flex="auto">
              <DayHoursField
                name={['weekly', day]}
                path={['weekly', day]}
                label={t(`businessHours.weekdays.${day}`)}
                disabled={!canManage}
              />
            </Col>
          </Row>
        ))}

        <Typography.Title level={5} style={{ marginTop: 24 }}>
          {t('businessHours.holidays')}
        </Typography.Title>
        <HolidaysField disabled={!canManage} />

        <Typography.Title level={5} style={{ marginTop: 24 }}>
          {t('businessHours.specialWorkingDays')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('businessHours.specialWorkingDaysHint')}</Typography.Paragraph>
        <SpecialWorkingDaysField disabled={!canManage} />

        {bannerError ? <ErrorAlert error={bannerError} /> : null}
      </Form>
    </Drawer>
  );
}
