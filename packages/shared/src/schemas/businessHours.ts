import { z } from 'zod';
import type { ErrorDetail } from '../errors.js';
import { idSchema, nameSchema } from './common.js';

/** Monday first, as Chinese calendars print the week. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const BUSINESS_HOURS_LIMITS = {
  intervalsPerDay: 6,
  holidays: 200,
  specialWorkingDays: 200,
  /** A closure longer than a year is not a holiday; it is a calendar without those weekdays. */
  holidayMaxDays: 366,
  autoReplyMaxLength: 500,
} as const;

export const DEFAULT_BUSINESS_TIME_ZONE = 'Asia/Shanghai';

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const timeZoneSchema = z
  .string()
  .max(64)
  .refine(isTimeZone, { message: 'must be an IANA time zone such as Asia/Shanghai' });

const TIME_PATTERN = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;

/** Wall-clock time of day; `24:00` is the end of the day, so a shift can run to midnight. */
export const timeOfDaySchema = z
  .string()
  .regex(TIME_PATTERN, { message: 'must be a time such as 09:00 (00:00–24:00)' });

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date in the calendar's own time zone. */
export const calendarDateSchema = z.string().refine(
  (value) => {
    const match = DATE_PATTERN.exec(value);
    if (!match) return false;
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const date = new Date(Date.UTC(year, month - 1, day));
    return year >= 2000 && year <= 2199 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  },
  { message: 'must be a date such as 2026-10-01 (years 2000–2199)' },
);

export function minutesOfDay(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/** Days since 1970-01-01 of a `YYYY-MM-DD` date. */
export function dayNumberOf(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;
}

/**
 * One opening interval of a day. Both ends are wall-clock times of the same date: a night shift that runs past
 * midnight is written as two intervals, `22:00–24:00` and `00:00–06:00` of the next day.
 */
export const hoursIntervalSchema = z
  .object({ start: timeOfDaySchema, end: timeOfDaySchema })
  .refine(
    (v) => !TIME_PATTERN.test(v.start) || !TIME_PATTERN.test(v.end) || minutesOfDay(v.end) > minutesOfDay(v.start),
    {
      message:
        'must end after it starts; an interval cannot cross midnight: split it into …–24:00 and 00:00–… of the next day',
      path: ['end'],
    },
  );
export type HoursInterval = z.infer<typeof hoursIntervalSchema>;

/** A day's opening intervals, in order and not overlapping; an empty list means closed all day. */
export const dayHoursSchema = z
  .array(hoursIntervalSchema)
  .max(BUSINESS_HOURS_LIMITS.intervalsPerDay)
  .superRefine((intervals, ctx) => {
    for (let i = 1; i < intervals.length; i += 1) {
      const previous = intervals[i - 1]!;
      const current = intervals[i]!;
      if (minutesOfDay(current.start) < minutesOfDay(previous.end)) {
        ctx.addIssue({
          code: 'custom',
          message: `must start at or after ${previous.end}, where the previous interval ends (intervals in order, not overlapping)`,
          path: [i, 'start'],
        });
      }
    }
  });
export type DayHours = z.infer<typeof dayHoursSchema>;

export const weeklyHoursSchema = z.object({
  mon: dayHoursSchema,
  tue: dayHoursSchema,
  wed: dayHoursSchema,
  thu: dayHoursSchema,
  fri: dayHoursSchema,
  sat: dayHoursSchema,
  sun: dayHoursSchema,
});
export type WeeklyHours = z.infer<typeof weeklyHoursSchema>;

/** Closed from `from` to `to`, both included (a single day has from = to). */
export const holidaySchema = z
  .object({
    name: z.string().trim().min(1).max(50),
    from: calendarDateSchema,
    to: calendarDateSchema,
  })
  .superRefine((v, ctx) => {
    if (!DATE_PATTERN.test(v.from) || !DATE_PATTERN.test(v.to)) return;
    const days = dayNumberOf(v.to) - dayNumberOf(v.from) + 1;
    if (days < 1) ctx.addIssue({ code: 'custom', message: 'must not be before from', path: ['to'] });
    else if (days > BUSINESS_HOURS_LIMITS.holidayMaxDays) {
      ctx.addIssue({
        code: 'custom',
        message: `a holiday lasts at most ${BUSINESS_HOURS_LIMITS.holidayMaxDays} days`,
        path: ['to'],
      });
    }
  });
export type Holiday = z.infer<typeof holidaySchema>;

/** 调休 / 补班: a date (usually a weekend) that works, with its own hours instead of the weekday's. */
export const specialWorkingDaySchema = z.object({
  name: z.string().trim().min(1).max(50),
  date: calendarDateSchema,
  hours: dayHoursSchema.refine((hours) => hours.length > 0, {
    message: 'a working day needs at least one interval; a closed day is a holiday',
  }),
});
export type SpecialWorkingDay = z.infer<typeof specialWorkingDaySchema>;

/** What the clock arithmetic needs: zone, week, and the dates that differ from the week. */
export interface BusinessHoursDefinition {
  timeZone: string;
  weekly: WeeklyHours;
  holidays: Holiday[];
  specialWorkingDays: SpecialWorkingDay[];
}

/**
 * Rules that span fields: a date is either a holiday or a special working day, never both, and each special
 * working day is listed once. Paths are relative to the calendar object.
 */
export function calendarConflicts(definition: Pick<BusinessHoursDefinition, 'holidays' | 'specialWorkingDays'>) {
  const issues: { path: (string | number)[]; message: string }[] = [];
  const seen = new Map<string, number>();
  definition.specialWorkingDays.forEach((day, index) => {
    const first = seen.get(day.date);
    if (first !== undefined) {
      issues.push({ path: ['specialWorkingDays', index, 'date'], message: `${day.date} is already listed` });
      return;
    }
    seen.set(day.date, index);
    const date = dayNumberOf(day.date);
    const holiday = definition.holidays.find((h) => dayNumberOf(h.from) <= date && date <= dayNumberOf(h.to));
    if (holiday) {
      issues.push({
        path: ['specialWorkingDays', index, 'date'],
        message: `${day.date} falls in the holiday ${holiday.name}; a date is either closed or working`,
      });
    }
  });
  return issues;
}

/** The same conflicts as API error details under `body.`. */
export function calendarConflictDetails(
  definition: Pick<BusinessHoursDefinition, 'holidays' | 'specialWorkingDays'>,
): ErrorDetail[] {
  return calendarConflicts(definition).map((issue) => ({
    field: ['body', ...issue.path].join('.'),
    issue: issue.message,
  }));
}

const calendarFields = {
  name: nameSchema,
  timeZone: timeZoneSchema,
  weekly: weeklyHoursSchema,
  holidays: z.array(holidaySchema).max(BUSINESS_HOURS_LIMITS.holidays),
  specialWorkingDays: z.array(specialWorkingDaySchema).max(BUSINESS_HOURS_LIMITS.specialWorkingDays),
};

function withConflictCheck<T extends Pick<BusinessHoursDefinition, 'holidays' | 'specialWorkingDays'>>(
  value: T,
  ctx: z.RefinementCtx,
) {
  for (const issue of calendarConflicts(value)) ctx.addIssue({ code: 'custom', ...issue });
}

export const createBusinessHoursBody = z
  .object({
    ...calendarFields,
    timeZone: calendarFields.timeZone.default(DEFAULT_BUSINESS_TIME_ZONE),
    holidays: calendarFields.holidays.default([]),
    specialWorkingDays: calendarFields.specialWorkingDays.default([]),
  })
  .superRefine(withConflictCheck);
export type CreateBusinessHoursBody = z.infer<typeof createBusinessHoursBody>;

/** Fields left out keep their value; holiday and working-day conflicts are checked on the result. */
export const updateBusinessHoursBody = z
  .object(calendarFields)
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change' });
export type UpdateBusinessHoursBody = z.infer<typeof updateBusinessHoursBody>;

/** Open or closed at an instant, and when that changes next (null: never). */
export const businessHoursStatus = z.object({
  open: z.boolean(),
  nextChangeAt: z.string().nullable(),
});
export type BusinessHoursStatus = z.infer<typeof businessHoursStatus>;

export const businessHoursView = z.object({
  id: z.string(),
  name: z.string(),
  timeZone: z.string(),
  weekly: weeklyHoursSchema,
  holidays: z.array(holidaySchema),
  specialWorkingDays: z.array(specialWorkingDaySchema),
  /** By the server's clock at the time of the request. */
  status: businessHoursStatus,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type BusinessHoursView = z.infer<typeof businessHoursView>;

/** Previews a calendar that may not be saved yet: is it open at `at` (default now), and its next changes. */
export const businessHoursPreviewBody = z
  .object({
    timeZone: timeZoneSchema,
    weekly: weeklyHoursSchema,
    holidays: calendarFields.holidays.default([]),
    specialWorkingDays: calendarFields.specialWorkingDays.default([]),
    at: z.iso.datetime({ offset: true }).optional(),
  })
  .superRefine(withConflictCheck);
export type BusinessHoursPreviewBody = z.infer<typeof businessHoursPreviewBody>;

export const BUSINESS_HOURS_PREVIEW_CHANGES = 6;

export const businessHoursPreview = z.object({
  at: z.string(),
  open: z.boolean(),
  /** The next opening and closing instants from `at`, in order; shorter when the calendar stops changing. */
  changes: z.array(z.object({ at: z.string(), open: z.boolean() })),
});
export type BusinessHoursPreview = z.infer<typeof businessHoursPreview>;

/** An inbox's choice: a calendar (null: always open) and what a customer writing outside it is told. */
export const inboxBusinessHoursSettings = z.object({
  calendarId: idSchema.nullable().default(null),
  autoReply: z
    .string()
    .trim()
    .max(BUSINESS_HOURS_LIMITS.autoReplyMaxLength)
    .default('您好，现在是非工作时间，客服上班后会第一时间回复您。您也可以留下联系方式和问题。'),
});
export type InboxBusinessHoursSettings = z.infer<typeof inboxBusinessHoursSettings>;
