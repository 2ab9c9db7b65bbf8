import type { BusinessHoursDefinition, DayHours, WeeklyHours } from '@kefu/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addBusinessTime, businessTimeBetween, isOpenAt, nextChanges, nextClosing, nextOpening } from './calendar.js';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const at = (iso: string) => Date.parse(iso);
const h = (start: string, end: string) => ({ start, end });
const iso = (instant: number | null) => (instant === null ? null : new Date(instant).toISOString());

function week(days: Partial<WeeklyHours>): WeeklyHours {
  return { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [], ...days };
}

const workday = [h('09:00', '12:00'), h('13:30', '18:00')];

/** A Shanghai shop: lunch break, short Saturdays, closed Sundays, 国庆节 and 元旦 closed, two 调休 Saturdays/Sundays. */
const shop: BusinessHoursDefinition = {
  timeZone: 'Asia/Shanghai',
  weekly: week({ mon: workday, tue: workday, wed: workday, thu: workday, fri: workday, sat: [h('10:00', '16:00')] }),
  holidays: [
    { name: '国庆节', from: '2026-10-01', to: '2026-10-07' },
    { name: '元旦', from: '2027-01-01', to: '2027-01-03' },
  ],
  specialWorkingDays: [
    { name: '国庆节调休', date: '2026-09-20', hours: [h('09:00', '18:00')] },
    { name: '国庆节调休', date: '2026-10-10', hours: [h('09:00', '18:00')] },
  ],
};

describe('business-hours arithmetic in Asia/Shanghai', () => {
  it.each([
    ['Monday 09:00, the opening minute', '2026-03-02T09:00:00+08:00', true],
    ['Monday 08:59:59.999', '2026-03-02T08:59:59.999+08:00', false],
    ['Monday 11:59', '2026-03-02T11:59:00+08:00', true],
    ['Monday 12:00, lunch', '2026-03-02T12:00:00+08:00', false],
    ['Monday 13:30, after lunch', '2026-03-02T13:30:00+08:00', true],
    ['Monday 18:00, closing time', '2026-03-02T18:00:00+08:00', false],
    ['Monday 03:00 at night', '2026-03-02T03:00:00+08:00', false],
    ['Saturday 15:00', '2026-03-07T15:00:00+08:00', true],
    ['Saturday 16:30', '2026-03-07T16:30:00+08:00', false],
    ['Sunday noon', '2026-03-08T12:00:00+08:00', false],
    ['国庆节, a Thursday', '2026-10-01T10:00:00+08:00', false],
    ['国庆节, its last day', '2026-10-07T17:00:00+08:00', false],
    ['the Thursday after 国庆节', '2026-10-08T09:30:00+08:00', true],
    ['调休 Sunday 2026-09-20 at 12:30 (no lunch break that day)', '2026-09-20T12:30:00+08:00', true],
    ['调休 Saturday 2026-10-10 at 17:00, after the usual Saturday hours', '2026-10-10T17:00:00+08:00', true],
    ['an ordinary Saturday at 17:00', '2026-10-17T17:00:00+08:00', false],
    ['元旦 2027, a Saturday', '2027-01-02T11:00:00+08:00', false],
  ])('%s: open = %s', (_label, when, open) => {
    expect(isOpenAt(shop, at(when))).toBe(open);
  });

  it.each([
    ['open now: the instant itself', '2026-03-02T10:00:00+08:00', '2026-03-02T10:00:00+08:00'],
    ['lunch: after lunch', '2026-03-02T12:15:00+08:00', '2026-03-02T13:30:00+08:00'],
    ['Monday evening: Tuesday morning', '2026-03-02T19:00:00+08:00', '2026-03-03T09:00:00+08:00'],
    ['Saturday evening: Monday morning', '2026-03-07T16:00:00+08:00', '2026-03-09T09:00:00+08:00'],
    ['Saturday evening before a 调休 Sunday: that Sunday', '2026-09-19T17:00:00+08:00', '2026-09-20T09:00:00+08:00'],
    ['the evening before 国庆节: after the holiday', '2026-09-30T18:00:00+08:00', '2026-10-08T09:00:00+08:00'],
    ['New Year’s Eve after hours: the first Monday of 2027', '2026-12-31T18:00:00+08:00', '2027-01-04T09:00:00+08:00'],
  ])('next opening from %s', (_label, from, expected) => {
    expect(iso(nextOpening(shop, at(from)))).toBe(iso(at(expected)));
  });

  it.each([
    ['closed now: the instant itself', '2026-03-02T12:15:00+08:00', '2026-03-02T12:15:00+08:00'],
    ['Monday morning: lunch', '2026-03-02T09:00:00+08:00', '2026-03-02T12:00:00+08:00'],
    ['Monday afternoon: 18:00', '2026-03-02T17:59:59+08:00', '2026-03-02T18:00:00+08:00'],
    ['调休 Saturday: 18:00, not 16:00', '2026-10-10T10:00:00+08:00', '2026-10-10T18:00:00+08:00'],
  ])('next closing from %s', (_label, from, expected) => {
    expect(iso(nextClosing(shop, at(from)))).toBe(iso(at(expected)));
  });

  it.each([
    ['within a morning', '2026-03-02T09:00:00+08:00', 2 * HOUR, '2026-03-02T11:00:00+08:00'],
    ['over lunch', '2026-03-02T11:00:00+08:00', 2 * HOUR, '2026-03-02T14:30:00+08:00'],
    ['ending exactly at closing time', '2026-03-02T17:00:00+08:00', HOUR, '2026-03-02T18:00:00+08:00'],
    ['over a night', '2026-03-02T17:00:00+08:00', 2 * HOUR, '2026-03-03T10:00:00+08:00'],
    ['from a closed night', '2026-03-02T22:00:00+08:00', 30 * MINUTE, '2026-03-03T09:30:00+08:00'],
    ['over a weekend (Saturday counts 6 h)', '2026-03-06T17:00:00+08:00', 8 * HOUR, '2026-03-09T10:00:00+08:00'],
    ['over 国庆节, to closing time after it', '2026-09-30T17:00:00+08:00', 8.5 * HOUR, '2026-10-08T18:00:00+08:00'],
    ['over 国庆节, into the 调休 Saturday', '2026-09-30T17:00:00+08:00', 17 * HOUR, '2026-10-10T10:00:00+08:00'],
    ['over the year end and 元旦', '2026-12-31T17:00:00+08:00', 2 * HOUR, '2027-01-04T10:00:00+08:00'],
    ['nothing to add', '2026-03-08T12:00:00+08:00', 0, '2026-03-08T12:00:00+08:00'],
  ])('adding business time %s', (_label, start, duration, expected) => {
    const due = addBusinessTime(shop, at(start), duration);
    expect(iso(due)).toBe(iso(at(expected)));
    expect(businessTimeBetween(shop, at(start), due!)).toBe(duration);
  });

  it.each([
    ['a whole workday', '2026-03-02T00:00:00+08:00', '2026-03-03T00:00:00+08:00', 7.5 * HOUR],
    ['a whole week', '2026-03-02T00:00:00+08:00', '2026-03-09T00:00:00+08:00', (5 * 7.5 + 6) * HOUR],
    // Weeks of 14 and 21 Sept 43.5 h each, the 调休 Sunday 9 h, Mon–Wed before the holiday 22.5 h, then
    // Thursday 8 and Friday 9 Oct 15 h and the 调休 Saturday 9 h.
    [
      'four weeks around 国庆节 with its two 调休 days',
      '2026-09-14T00:00:00+08:00',
      '2026-10-12T00:00:00+08:00',
      142.5 * HOUR,
    ],
    ['the night', '2026-03-02T18:00:00+08:00', '2026-03-03T09:00:00+08:00', 0],
  ])('business time in %s', (_label, from, to, expected) => {
    expect(businessTimeBetween(shop, at(from), at(to))).toBe(expected);
    expect(businessTimeBetween(shop, at(to), at(from))).toBe(-expected);
  });

  it('lists the next changes, skipping a holiday', () => {
    const changes = nextChanges(shop, at('2026-09-30T17:00:00+08:00'), 3);
    expect(changes.map((c) => [iso(c.at), c.open])).toEqual([
      [iso(at('2026-09-30T18:00:00+08:00')), false],
      [iso(at('2026-10-08T09:00:00+08:00')), true],
      [iso(at('2026-10-08T12:00:00+08:00')), false],
    ]);
  });
});

describe('business-hours arithmetic across daylight saving time (Europe/Berlin)', () => {
  // 2026: clocks jump 02:00 → 03:00 on Sunday 29 March (01:00 UTC) and fall 03:00 → 02:00 on Sunday 25 October.
  const berlin = (sun: DayHours, weekdays: DayHours = []): BusinessHoursDefinition => ({
    timeZone: 'Europe/Berlin',
    weekly: week({ mon: weekdays, tue: weekdays, wed: weekdays, thu: weekdays, fri: weekdays, sun }),
    holidays: [],
    specialWorkingDays: [],
  });

  it('opens at 09:00 local time both sides of the change', () => {
    const office = berlin([], [h('09:00', '17:00')]);
    expect(iso(nextOpening(office, at('2026-03-27T00:00:00Z')))).toBe('2026-03-27T08:00:00.000Z');
    expect(iso(nextOpening(office, at('2026-03-28T00:00:00Z')))).toBe('2026-03-30T07:00:00.000Z');
    expect(iso(nextOpening(office, at('2026-10-24T00:00:00Z')))).toBe('2026-10-26T08:00:00.000Z');
    expect(businessTimeBetween(office, at('2026-03-23T00:00:00Z'), at('2026-04-06T00:00:00Z'))).toBe(80 * HOUR);
  });

  it('counts the short and the long Sunday by the hours that really pass', () => {
    const sundays = berlin([h('00:00', '24:00')]);
    expect(businessTimeBetween(sundays, at('2026-03-28T00:00:00Z'), at('2026-03-31T00:00:00Z'))).toBe(23 * HOUR);
    expect(businessTimeBetween(sundays, at('2026-10-24T00:00:00Z'), at('2026-10-27T00:00:00Z'))).toBe(25 * HOUR);
    const night = berlin([h('01:00', '04:00')]);
    expect(businessTimeBetween(night, at('2026-03-28T00:00:00Z'), at('2026-03-30T00:00:00Z'))).toBe(2 * HOUR);
    expect(businessTimeBetween(night, at('2026-10-24T00:00:00Z'), at('2026-10-26T00:00:00Z'))).toBe(4 * HOUR);
  });

  it('starts an interval that begins in the skipped hour at the jump', () => {
    const early = berlin([h('02:30', '05:00')]);
    expect(iso(nextOpening(early, at('2026-03-28T12:00:00Z')))).toBe('2026-03-29T01:00:00.000Z');
    expect(iso(nextClosing(early, at('2026-03-29T01:00:00Z')))).toBe('2026-03-29T03:00:00.000Z');
  });

  it('never opens an interval wholly inside the skipped hour, and opens it the week after', () => {
    const skipped = berlin([h('02:15', '02:45')]);
    expect(iso(nextOpening(skipped, at('2026-03-28T12:00:00Z')))).toBe('2026-04-05T00:15:00.000Z');
  });

  it('takes the first of two identical wall times when clocks go back', () => {
    const repeated = berlin([h('02:30', '03:30')]);
    expect(iso(nextOpening(repeated, at('2026-10-24T12:00:00Z')))).toBe('2026-10-25T00:30:00.000Z');
    expect(iso(nextClosing(repeated, at('2026-10-25T00:30:00Z')))).toBe('2026-10-25T02:30:00.000Z');
  });

  it('a 24-hour calendar never closes, unless a holiday comes', () => {
    const allDay = [h('00:00', '24:00')];
    const always = berlin(allDay, allDay);
    always.weekly.sat = allDay;
    expect(nextClosing(always, at('2026-03-28T12:00:00Z'))).toBeNull();
    expect(businessTimeBetween(always, at('2026-03-28T23:00:00Z'), at('2026-03-29T22:00:00Z'))).toBe(23 * HOUR);
    expect(iso(addBusinessTime(always, at('2026-10-24T22:00:00Z'), 25 * HOUR))).toBe('2026-10-25T23:00:00.000Z');
    const withHoliday = { ...always, holidays: [{ name: 'Weihnachten', from: '2026-12-25', to: '2026-12-26' }] };
    expect(iso(nextClosing(withHoliday, at('2026-12-20T12:00:00Z')))).toBe('2026-12-24T23:00:00.000Z');
    expect(iso(nextOpening(withHoliday, at('2026-12-25T12:00:00Z')))).toBe('2026-12-26T23:00:00.000Z');
  });

  it('a calendar with no hours never opens', () => {
    const never = berlin([]);
    expect(isOpenAt(never, at('2026-03-29T12:00:00Z'))).toBe(false);
    expect(nextOpening(never, at('2026-03-29T12:00:00Z'))).toBeNull();
    expect(addBusinessTime(never, at('2026-03-29T12:00:00Z'), MINUTE)).toBeNull();
    expect(businessTimeBetween(never, at('2026-01-01T00:00:00Z'), at('2027-01-01T00:00:00Z'))).toBe(0);
    const onlyOneDay = {
      ...never,
      specialWorkingDays: [{ name: 'Inventur', date: '2027-02-06', hours: allDayHours() }],
    };
    expect(iso(nextOpening(onlyOneDay, at('2026-03-29T12:00:00Z')))).toBe('2027-02-05T23:00:00.000Z');
    expect(iso(nextClosing(onlyOneDay, at('2027-02-06T12:00:00Z')))).toBe('2027-02-06T23:00:00.000Z');
  });

  it('refuses a negative duration', () => {
    expect(() => addBusinessTime(shop, 0, -1)).toThrow(RangeError);
  });
});

function allDayHours(): DayHours {
  return [h('00:00', '24:00')];
}

// ---------------------------------------------------------------------------------------------------------------
// Properties over random calendars in zones with and without daylight saving (Lord Howe moves by 30 minutes;
// Santiago changes at midnight).

const ZONES = ['Asia/Shanghai', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'America/Santiago', 'UTC'];
const FROM = at('2025-06-01T00:00:00Z');
const TO = at('2027-06-01T00:00:00Z');
const DAY = 24 * HOUR;

const clockText = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const dateText = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);

/** Ordered, non-overlapping intervals on a 15-minute grid, from 00:00 to 24:00. */
const dayHoursArb: fc.Arbitrary<DayHours> = fc
  .uniqueArray(fc.integer({ min: 0, max: 96 }), { maxLength: 6 })
  .map((marks) => {
    const sorted = [...marks].sort((a, b) => a - b);
    const intervals: DayHours = [];
    for (let i = 0; i + 1 < sorted.length; i += 2) {
      intervals.push(h(clockText(sorted[i]! * 15), clockText(sorted[i + 1]! * 15)));
    }
    return intervals;
  });

const dayArb = fc.integer({ min: Math.floor(FROM / DAY), max: Math.floor(TO / DAY) });

const calendarArb: fc.Arbitrary<BusinessHoursDefinition> = fc
  .record({
    timeZone: fc.constantFrom(...ZONES),
    weekly: fc.record({
      mon: dayHoursArb,
      tue: dayHoursArb,
      wed: dayHoursArb,
      thu: dayHoursArb,
      fri: dayHoursArb,
      sat: dayHoursArb,
      sun: dayHoursArb,
    }),
    holidays: fc.array(
      fc.record({ start: dayArb, length: fc.integer({ min: 1, max: 12 }) }).map(({ start, length }) => ({
        name: '假期',
        from: dateText(start),
        to: dateText(start + length - 1),
      })),
      { maxLength: 4 },
    ),
    specialWorkingDays: fc.uniqueArray(
      fc.record({ day: dayArb, hours: dayHoursArb.filter((hours) => hours.length > 0) }),
      { maxLength: 4, selector: (d) => d.day },
    ),
  })
  .map(({ specialWorkingDays, ...rest }) => ({
    ...rest,
    // A date is a holiday or a working day, never both (the schema refuses the overlap).
    specialWorkingDays: specialWorkingDays
      .filter(({ day }) => !rest.holidays.some((hol) => dateText(day) >= hol.from && dateText(day) <= hol.to))
      .map(({ day, hours }) => ({ name: '调休', date: dateText(day), hours })),
  }));

const instantArb = fc.integer({ min: FROM, max: TO });
const durationArb = fc.oneof(fc.integer({ min: 0, max: 3 * DAY }), fc.integer({ min: 0, max: 40 * DAY }));
const RUNS = { numRuns: 150 };

/** An independent reading of the rules: the wall clock from Intl, then the day's intervals by minutes. */
function openByWallClock(definition: BusinessHoursDefinition, instant: number): boolean {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: definition.timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  const minute = Number(parts.hour) * 60 + Number(parts.minute) + Number(parts.second) / 60;
  const special = definition.specialWorkingDays.find((d) => d.date === date);
  const weekday = (['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const)[
    new Date(`${date}T00:00:00Z`).getUTCDay()
  ]!;
  const hours = special
    ? special.hours
    : definition.holidays.some((hol) => date >= hol.from && date <= hol.to)
      ? []
      : definition.weekly[weekday];
  const toMinutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
  return hours.some((i) => toMinutes(i.start) <= minute && minute < toMinutes(i.end));
}

/** Near a clock change the wall clock repeats or skips, where the calendar's rules say more than minutes do. */
function nearClockChange(timeZone: string, instant: number): boolean {
  const offset = (t: number) => {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(t);
    return parts.find((p) => p.type === 'timeZoneName')?.value;
  };
  return offset(instant - 3 * HOUR) !== offset(instant + 3 * HOUR);
}

describe('business-hours properties over random calendars (fast-check)', () => {
  it('is open exactly when the wall clock is inside that date’s intervals (away from clock changes)', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, (calendar, instant) => {
        fc.pre(!nearClockChange(calendar.timeZone, instant));
        expect(isOpenAt(calendar, instant)).toBe(openByWallClock(calendar, instant));
      }),
      { numRuns: 400 },
    );
  });

  it('business time from a start to start + d is d', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, durationArb, (calendar, start, duration) => {
        const due = addBusinessTime(calendar, start, duration);
        if (due === null) return;
        expect(due).toBeGreaterThanOrEqual(start);
        expect(businessTimeBetween(calendar, start, due)).toBe(duration);
      }),
      RUNS,
    );
  });

  it('a later due time for a longer duration, and more business time for a later end', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, durationArb, durationArb, (calendar, start, d1, d2) => {
        const [shorter, longer] = d1 <= d2 ? [d1, d2] : [d2, d1];
        const first = addBusinessTime(calendar, start, shorter);
        const second = addBusinessTime(calendar, start, longer);
        if (first !== null && second !== null) expect(first).toBeLessThanOrEqual(second);
        if (first === null) expect(second).toBeNull();
        const a = businessTimeBetween(calendar, start, start + shorter);
        const b = businessTimeBetween(calendar, start, start + longer);
        expect(a).toBeLessThanOrEqual(b);
        expect(a).toBeGreaterThanOrEqual(0);
        expect(a).toBeLessThanOrEqual(shorter);
      }),
      RUNS,
    );
  });

  it('business time adds up over consecutive spans and changes sign when reversed', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, durationArb, durationArb, (calendar, a, d1, d2) => {
        const b = a + d1;
        const c = b + d2;
        const whole = businessTimeBetween(calendar, a, c);
        expect(businessTimeBetween(calendar, a, b) + businessTimeBetween(calendar, b, c)).toBe(whole);
        expect(businessTimeBetween(calendar, c, a)).toBe(-whole);
      }),
      RUNS,
    );
  });

  it('the next opening and closing are real changes, with nothing open before the opening', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, (calendar, instant) => {
        const open = isOpenAt(calendar, instant);
        const opening = nextOpening(calendar, instant);
        const closing = nextClosing(calendar, instant);
        if (open) {
          expect(opening).toBe(instant);
          if (closing !== null) {
            expect(closing).toBeGreaterThan(instant);
            expect(isOpenAt(calendar, closing)).toBe(false);
            expect(isOpenAt(calendar, closing - 1)).toBe(true);
            expect(businessTimeBetween(calendar, instant, closing)).toBe(closing - instant);
          }
        } else {
          expect(closing).toBe(instant);
          if (opening !== null) {
            expect(opening).toBeGreaterThan(instant);
            expect(isOpenAt(calendar, opening)).toBe(true);
            expect(isOpenAt(calendar, opening - 1)).toBe(false);
            expect(businessTimeBetween(calendar, instant, opening)).toBe(0);
          }
        }
      }),
      RUNS,
    );
  });

  it('the listed changes alternate and agree with next opening and closing', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, (calendar, instant) => {
        const changes = nextChanges(calendar, instant, 6);
        let open = isOpenAt(calendar, instant);
        let previous = instant;
        for (const change of changes) {
          expect(change.open).toBe(!open);
          expect(change.at).toBeGreaterThan(previous);
          expect(change.at).toBe(open ? nextClosing(calendar, previous) : nextOpening(calendar, previous));
          open = change.open;
          previous = change.at;
        }
      }),
      RUNS,
    );
  });
});
