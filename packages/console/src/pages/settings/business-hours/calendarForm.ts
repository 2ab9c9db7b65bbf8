import {
  type BusinessHoursView,
  type CreateBusinessHoursBody,
  DEFAULT_BUSINESS_TIME_ZONE,
  type HoursInterval,
  WEEKDAYS,
  type WeeklyHours,
} from '@kefu/shared';
import type { FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { ApiError } from '../../../api/client';

const DATE_FORMAT = 'YYYY-MM-DD';

/** The editor's values: date pickers hold dayjs values, the API takes `YYYY-MM-DD` strings. */
export interface CalendarFormValues {
  name: string;
  timeZone: string;
  weekly: WeeklyHours;
  holidays: { name: string; range: [Dayjs, Dayjs] | null }[];
  specialWorkingDays: { name: string; date: Dayjs | null; hours: HoursInterval[] }[];
}

const nineToSix: HoursInterval[] = [{ start: '09:00', end: '18:00' }];

/** A new calendar starts as an office week: Monday to Friday 09:00–18:00. */
export const NEW_CALENDAR: CalendarFormValues = {
  name: '',
  timeZone: DEFAULT_BUSINESS_TIME_ZONE,
  weekly: { mon: nineToSix, tue: nineToSix, wed: nineToSix, thu: nineToSix, fri: nineToSix, sat: [], sun: [] },
  holidays: [],
  specialWorkingDays: [],
};

export function toFormValues(calendar: BusinessHoursView): CalendarFormValues {
  return {
    name: calendar.name,
    timeZone: calendar.timeZone,
    weekly: calendar.weekly,
    holidays: calendar.holidays.map((h) => ({ name: h.name, range: [dayjs(h.from), dayjs(h.to)] })),
    specialWorkingDays: calendar.specialWorkingDays.map((d) => ({ name: d.name, date: dayjs(d.date), hours: d.hours })),
  };
}

const dateText = (date: Dayjs | null | undefined) => date?.format(DATE_FORMAT) ?? '';

/** The request body; empty pickers become empty strings, which the server names as the faulty field. */
export function toRequestBody(values: CalendarFormValues): CreateBusinessHoursBody {
  const weekly = Object.fromEntries(WEEKDAYS.map((day) => [day, values.weekly?.[day] ?? []])) as WeeklyHours;
  return {
    name: values.name?.trim() ?? '',
    timeZone: values.timeZone,
    weekly,
    holidays: (values.holidays ?? []).map((h) => ({
      name: h?.name?.trim() ?? '',
      from: dateText(h?.range?.[0]),
      to: dateText(h?.range?.[1]),
    })),
    specialWorkingDays: (values.specialWorkingDays ?? []).map((d) => ({
      name: d?.name?.trim() ?? '',
      date: dateText(d?.date),
      hours: d?.hours ?? [],
    })),
  };
}

/** `body.holidays.2.from` → the form field `['holidays', 2, 'range']` that shows it. */
export function formPathOf(field: string): (string | number)[] {
  const path: (string | number)[] = field
    .replace(/^body\./, '')
    .split('.')
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  if (path[0] === 'holidays' && (path[2] === 'from' || path[2] === 'to')) return ['holidays', path[1]!, 'range'];
  return path;
}

/**
 * Puts the server's per-field problems next to the fields (including nested ones such as an interval's end);
 * returns false when some problem has no field to show it, so the caller shows a banner.
 */
export function showCalendarErrors(form: FormInstance, error: unknown): boolean {
  if (!(error instanceof ApiError) || error.code !== 'VALIDATION_FAILED' || error.fieldIssues.length === 0) {
    return false;
  }
  const placed = error.fieldIssues.filter((issue) => issue.field?.startsWith('body.'));
  form.setFields(placed.map((issue) => ({ name: formPathOf(issue.field!), errors: [issue.issue] })));
  return placed.length === error.fieldIssues.length;
}

const QUARTERS = Array.from({ length: 97 }, (_, i) => {
  const minutes = i * 15;
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
});

/** Times on a quarter-hour grid; an interval starts before 24:00 and ends after 00:00. */
export const START_TIMES = QUARTERS.slice(0, -1);
export const END_TIMES = QUARTERS.slice(1);

export const ALL_DAY: HoursInterval[] = [{ start: '00:00', end: '24:00' }];
