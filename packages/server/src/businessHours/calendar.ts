import { type BusinessHoursDefinition, type DayHours, dayNumberOf, minutesOfDay, WEEKDAYS } from '@kefu/shared';
import { DAY_MS, type ZoneClock, zoneClock } from './zoneClock.js';

/**
 * Business-hours arithmetic over instants (epoch ms). A calendar is open during its wall-clock intervals in its
 * own time zone: the weekday's hours, none on a holiday, and a special working day's own hours on that date.
 * Pure: no clock, no database; `Intl` supplies the time-zone rules, daylight saving included.
 */

const MINUTE_MS = 60_000;
const DAY_MINUTES = 1440;
/** Remembered days per calendar before it forgets them all; an SLA sweep touches a few weeks. */
const MAX_CACHED_DAYS = 4096;

interface OpenInterval {
  start: number;
  /** Infinity when the calendar never closes again. */
  end: number;
}

type Minutes = readonly (readonly [number, number])[];

interface CompiledCalendar {
  clock: ZoneClock;
  /** Monday = 0; merged, ordered minute ranges. */
  week: Minutes[];
  openAllWeek: boolean;
  closedAllWeek: boolean;
  /** Merged, ordered day-number ranges, both ends included. */
  holidays: (readonly [number, number])[];
  special: Map<number, Minutes>;
  specialDays: number[];
  /** After this day only the week applies. */
  lastExceptionDay: number;
  days: Map<number, OpenInterval[]>;
}

const compiled = new WeakMap<BusinessHoursDefinition, CompiledCalendar>();

function mergedMinutes(hours: DayHours): Minutes {
  const ranges = hours
    .map((h) => [minutesOfDay(h.start), minutesOfDay(h.end)] as [number, number])
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const range of ranges) {
    const last = merged.at(-1);
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([...range]);
  }
  return merged;
}

function compile(definition: BusinessHoursDefinition): CompiledCalendar {
  const week = WEEKDAYS.map((day) => mergedMinutes(definition.weekly[day]));
  const holidayRanges = definition.holidays
    .map((h) => [dayNumberOf(h.from), dayNumberOf(h.to)] as [number, number])
    .filter(([from, to]) => to >= from)
    .sort((a, b) => a[0] - b[0]);
  const holidays: [number, number][] = [];
  for (const range of holidayRanges) {
    const last = holidays.at(-1);
    if (last && range[0] <= last[1] + 1) last[1] = Math.max(last[1], range[1]);
    else holidays.push([...range]);
  }
  const special = new Map(definition.specialWorkingDays.map((d) => [dayNumberOf(d.date), mergedMinutes(d.hours)]));
  const specialDays = [...special.keys()].sort((a, b) => a - b);
  return {
    clock: zoneClock(definition.timeZone),
    week,
    openAllWeek: week.every((day) => day.length === 1 && day[0]![0] === 0 && day[0]![1] === DAY_MINUTES),
    closedAllWeek: week.every((day) => day.length === 0),
    holidays,
    special,
    specialDays,
    lastExceptionDay: Math.max(-Infinity, ...specialDays, ...holidays.map((h) => h[1])),
    days: new Map(),
  };
}

function compiledOf(definition: BusinessHoursDefinition): CompiledCalendar {
  let calendar = compiled.get(definition);
  if (!calendar) {
    calendar = compile(definition);
    compiled.set(definition, calendar);
  }
  return calendar;
}

/** 1970-01-01 was a Thursday; Monday = 0. */
const weekdayOf = (day: number) => (((day + 3) % 7) + 7) % 7;

function holidayContaining(calendar: CompiledCalendar, day: number): readonly [number, number] | undefined {
  const { holidays } = calendar;
  let lo = 0;
  let hi = holidays.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const range = holidays[mid]!;
    if (day < range[0]) hi = mid - 1;
    else if (day > range[1]) lo = mid + 1;
    else return range;
  }
  return undefined;
}

/** The first day from `day` on that is not inside a holiday, or is a special working day. */
function skipHolidays(calendar: CompiledCalendar, day: number): number {
  const holiday = holidayContaining(calendar, day);
  if (!holiday || calendar.special.has(day)) return day;
  const special = calendar.specialDays.find((d) => d > day && d <= holiday[1]);
  return special ?? holiday[1] + 1;
}

function minutesOn(calendar: CompiledCalendar, day: number): Minutes {
  const special = calendar.special.get(day);
  if (special) return special;
  if (holidayContaining(calendar, day)) return [];
  return calendar.week[weekdayOf(day)]!;
}

/** The open intervals of one local day as instants, remembered per calendar. */
function intervalsOn(calendar: CompiledCalendar, day: number): OpenInterval[] {
  let intervals = calendar.days.get(day);
  if (intervals) return intervals;
  const dayWall = day * DAY_MS;
  intervals = [];
  for (const [from, to] of minutesOn(calendar, day)) {
    const start = calendar.clock.instantOf(day, dayWall + from * MINUTE_MS);
    const end = calendar.clock.instantOf(day, dayWall + to * MINUTE_MS);
    // An interval wholly inside a skipped hour (clocks jumping forward) never happens.
    if (end > start) intervals.push({ start, end });
  }
  if (calendar.days.size >= MAX_CACHED_DAYS) calendar.days.clear();
  calendar.days.set(day, intervals);
  return intervals;
}

/**
 * The calendar's open periods that end after `from`, in order, with touching periods joined (Monday 24:00 and
 * Tuesday 00:00 are one period). Ends when the calendar never opens again.
 */
function* openPeriods(calendar: CompiledCalendar, from: number): Generator<OpenInterval> {
  let pending: OpenInterval | undefined;
  let day = calendar.clock.dayAtOrBefore(from);
  for (;;) {
    const onlyWeekLeft = day > calendar.lastExceptionDay;
    if (onlyWeekLeft && calendar.closedAllWeek) break;
    day = skipHolidays(calendar, day);
    for (const interval of intervalsOn(calendar, day)) {
      if (interval.end <= from) continue;
      if (pending && interval.start <= pending.end) pending.end = Math.max(pending.end, interval.end);
      else {
        if (pending) yield pending;
        pending = { ...interval };
      }
    }
    if (onlyWeekLeft && calendar.openAllWeek && pending) {
      // Every later day joins this one: it never closes again.
      pending.end = Number.POSITIVE_INFINITY;
      break;
    }
    day += 1;
  }
  if (pending) yield pending;
}

function firstPeriod(definition: BusinessHoursDefinition, from: number): OpenInterval | undefined {
  return openPeriods(compiledOf(definition), from).next().value ?? undefined;
}

export function isOpenAt(definition: BusinessHoursDefinition, instant: number): boolean {
  const period = firstPeriod(definition, instant);
  return period !== undefined && period.start <= instant;
}

/** The first instant at or after `instant` when the calendar is open (`instant` itself if open); null: never. */
export function nextOpening(definition: BusinessHoursDefinition, instant: number): number | null {
  const period = firstPeriod(definition, instant);
  return period ? Math.max(period.start, instant) : null;
}

/** The first instant at or after `instant` when the calendar is closed (`instant` itself if closed); null: never. */
export function nextClosing(definition: BusinessHoursDefinition, instant: number): number | null {
  const period = firstPeriod(definition, instant);
  if (!period || period.start > instant) return instant;
  return Number.isFinite(period.end) ? period.end : null;
}

/**
 * The instant when `durationMs` of open time has passed since `start` (an SLA due time). Closed time does not
 * count; a duration that runs out exactly at closing time ends at closing time. Null: the calendar never
 * opens long enough.
 */
export function addBusinessTime(definition: BusinessHoursDefinition, start: number, durationMs: number): number | null {
  if (!(durationMs >= 0)) throw new RangeError('durationMs must be a non-negative number');
  if (durationMs === 0) return start;
  let remaining = durationMs;
  for (const period of openPeriods(compiledOf(definition), start)) {
    const from = Math.max(period.start, start);
    const available = period.end - from;
    if (remaining <= available) return from + remaining;
    remaining -= available;
  }
  return null;
}

/** Open time between two instants, in ms; negative when `to` is before `from` (time left after a breach). */
export function businessTimeBetween(definition: BusinessHoursDefinition, from: number, to: number): number {
  if (to < from) return -businessTimeBetween(definition, to, from);
  let total = 0;
  for (const period of openPeriods(compiledOf(definition), from)) {
    if (period.start >= to) break;
    total += Math.min(period.end, to) - Math.max(period.start, from);
  }
  return total;
}

/** The next `count` instants when the calendar opens or closes, after `instant`. */
export function nextChanges(
  definition: BusinessHoursDefinition,
  instant: number,
  count: number,
): { at: number; open: boolean }[] {
  const changes: { at: number; open: boolean }[] = [];
  for (const period of openPeriods(compiledOf(definition), instant)) {
    if (period.start > instant) changes.push({ at: period.start, open: true });
    if (changes.length >= count || !Number.isFinite(period.end)) break;
    changes.push({ at: period.end, open: false });
    if (changes.length >= count) break;
  }
  return changes;
}
