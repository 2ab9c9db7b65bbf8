import type { BotRangeQuery } from '@kefu/shared';
import { useQuery } from '@tanstack/react-query';
import { DatePicker, Flex, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { inboxesKey, listInboxes } from '../../api/inboxes';

const DATE = 'YYYY-MM-DD';
const ALL = 'all';

/** The last 30 days, today included, as the server counts them by default. */
export function defaultRange(): BotRangeQuery {
  return { from: dayjs().subtract(29, 'day').format(DATE), to: dayjs().format(DATE) };
}

/** Whole days and, optionally, one inbox: what the statistics and the learning list cover. */
export function RangeFilter({ value, onChange }: { value: BotRangeQuery; onChange: (range: BotRangeQuery) => void }) {
  const { t } = useTranslation();
  const inboxes = useQuery({ queryKey: inboxesKey, queryFn: listInboxes });
  const dates: [Dayjs, Dayjs] | null = value.from && value.to ? [dayjs(value.from), dayjs(value.to)] : null;
  return (
    <Flex gap={12} wrap style={{ marginBottom: 16 }}>
      <DatePicker.RangePicker
        aria-label={t('bot.range')}
        value={dates}
        allowClear={false}
        disabledDate={(date) => date.isAfter(dayjs(), 'day')}
        onChange={(range) => {
          if (range?.[0] && range[1]) onChange({ ...value, from: range[0].format(DATE), to: range[1].format(DATE) });
        }}
      />
      <Select
        aria-label={t('bot.inbox')}
        style={{ minWidth: 200 }}
        value={value.inboxId ?? ALL}
        loading={inboxes.isPending}
        options={[
          { value: ALL, label: t('bot.allInboxes') },
          ...(inboxes.data?.items ?? []).map((inbox) => ({ value: inbox.id, label: inbox.name })),
        ]}
        onChange={(inboxId: string) => {
          const { inboxId: _previous, ...rest } = value;
          onChange(inboxId === ALL ? rest : { ...rest, inboxId });
        }}
      />
    </Flex>
  );
}
