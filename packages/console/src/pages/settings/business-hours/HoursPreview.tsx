import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Flex, Spin, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type BusinessHoursPreviewRequest, previewBusinessHours } from '../../../api/businessHours';
import { type CalendarFormValues, toRequestBody } from './calendarForm';
import { useFormatInZone } from './useFormatInZone';

/** Typing pauses this long before the preview asks the server again. */
const PREVIEW_DELAY_MS = 400;

/** "Open now? Next change at …" for the calendar as it stands in the form, saved or not. */
export function HoursPreview({ values }: { values: CalendarFormValues | undefined }) {
  const { t } = useTranslation();
  const formatInZone = useFormatInZone();
  const request = useMemo<BusinessHoursPreviewRequest | null>(() => {
    // Until the form has its initial values there is nothing to preview.
    if (!values?.timeZone) return null;
    const { name: _name, ...definition } = toRequestBody(values);
    return definition;
  }, [values]);
  const [settled, setSettled] = useState(request);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(request), PREVIEW_DELAY_MS);
    return () => clearTimeout(timer);
  }, [request]);

  const preview = useQuery({
    queryKey: ['business-hours-preview', settled],
    queryFn: () => previewBusinessHours(settled!),
    enabled: settled !== null,
    placeholderData: (previous) => previous,
    staleTime: 30_000,
  });
  const timeZone = settled?.timeZone ?? '';

  return (
    <Card size="small" title={t('businessHours.preview')} data-testid="hours-preview">
      {preview.isError ? <Alert type="warning" showIcon title={t('businessHours.previewUnavailable')} /> : null}
      {preview.isPending && !preview.isError ? <Spin size="small" /> : null}
      {preview.data && !preview.isError ? (
        <Flex vertical gap={8}>
          <Typography.Text>
            {t('businessHours.previewNow', { time: formatInZone(preview.data.at, timeZone) })}{' '}
            <Tag color={preview.data.open ? 'green' : 'default'}>
              {t(preview.data.open ? 'businessHours.open' : 'businessHours.closed')}
            </Tag>
          </Typography.Text>
          <Typography.Text type="secondary">{t('businessHours.previewChanges')}</Typography.Text>
          {preview.data.changes.length === 0 ? (
            <Typography.Text>{t('businessHours.previewNoChanges')}</Typography.Text>
          ) : (
            <ol style={{ margin: 0, paddingInlineStart: 20 }}>
              {preview.data.changes.map((change) => (
                <li key={change.at}>
                  {t(change.open ? 'businessHours.previewOpens' : 'businessHours.previewCloses', {
                    time: formatInZone(change.at, timeZone),
                  })}
                </li>
              ))}
            </ol>
          )}
        </Flex>
      ) : null}
    </Card>
  );
}
