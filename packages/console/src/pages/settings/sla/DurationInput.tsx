import { Flex, InputNumber } from 'antd';
import { useTranslation } from 'react-i18next';

/** Targets are whole minutes of business time; an hour field takes up to a year of them. */
const MAX_HOURS = 8760;

/** The hours and minutes a number of minutes shows as: 240 → 4 h (no minutes), 90 → 1 h 30, 45 → 45. */
export function splitMinutes(total: number | null | undefined): { hours: number | null; minutes: number | null } {
  if (total === null || total === undefined) return { hours: null, minutes: null };
  const hours = Math.floor(total / 60);
  const minutes = total % 60;
  return { hours: hours > 0 ? hours : null, minutes: minutes > 0 || hours === 0 ? minutes : null };
}

/**
 * A duration entered as hours and minutes, held as minutes (what the API stores): both empty is null, "no
 * target". A Form.Item control: `value` and `onChange` come from the form.
 */
export function DurationInput({
  id,
  value,
  onChange,
  label,
  disabled,
}: {
  id?: string;
  value?: number | null;
  onChange?: (minutes: number | null) => void;
  /** Names the two inputs for screen readers: "<label> (hours)", "<label> (minutes)". */
  label: string;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const { hours, minutes } = splitMinutes(value);
  const change = (nextHours: number | null, nextMinutes: number | null) =>
    onChange?.(nextHours === null && nextMinutes === null ? null : (nextHours ?? 0) * 60 + (nextMinutes ?? 0));
  return (
    <Flex gap={8} align="center" id={id}>
      <InputNumber<number>
        aria-label={t('slaPolicies.fields.hoursOf', { label })}
        min={0}
        max={MAX_HOURS}
        precision={0}
        value={hours}
        disabled={disabled}
        onChange={(next) => change(next ?? null, minutes)}
        suffix={t('slaPolicies.fields.hours')}
        style={{ width: 130 }}
      />
      <InputNumber<number>
        aria-label={t('slaPolicies.fields.minutesOf', { label })}
        min={0}
        max={59}
        precision={0}
        value={minutes}
        disabled={disabled}
        onChange={(next) => change(hours, next ?? null)}
        suffix={t('slaPolicies.fields.minutes')}
        style={{ width: 130 }}
      />
    </Flex>
  );
}
