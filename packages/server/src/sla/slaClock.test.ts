import type { BusinessHoursDefinition, WeeklyHours } from '@kefu/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AROUND_THE_CLOCK, readClock, type Stretch, warnAfter } from './slaClock.js';
import { evaluateClocks } from './slaEvaluation.js';
import { initialFacts, withCategory, withCustomerMessage, withStaffResponse } from './slaFacts.js';
import type { SlaPolicy } from './slaPolicyPresenter.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const at = (local: string) => Date.parse(`${local}+08:00`);
const iso = (instant: number | null) => (instant === null ? null : new Date(instant).toISOString());
const h = (start: string, end: string) => ({ start, end });
const workday = [h('09:00', '12:00'), h('13:30', '18:00')];
const week = (days: Partial<WeeklyHours>): WeeklyHours => ({
  mon: [],
  tue: [],
  wed: [],
  thu: [],
  fri: [],
  sat: [],
  sun: [],
  ...days,
});

/** A Shanghai shop: lunch break, short Saturdays, closed Sundays; 国庆节 closed; two 调休 days. */
const shop: BusinessHoursDefinition = {
  timeZone: 'Asia/Shanghai',
  weekly: week({ mon: workday, tue: workday, wed: workday, thu: workday, fri: workday, sat: [h('10:00', '16:00')] }),
  holidays: [{ name: '国庆节', from: '2026-10-01', to: '2026-10-07' }],
  specialWorkingDays: [
    { name: '国庆节调休', date: '2026-09-20', hours: [h('09:00', '18:00')] },
    { name: '国庆节调休', date: '2026-10-10', hours: [h('09:00', '18:00')] },
  ],
};

const clock = (stretches: Stretch[], targetMs: number, pauses: Stretch[] = [], warnAfterMs: number | null = null) => ({
  calendar: shop,
  stretches,
  pauses,
  targetMs,
  warnAfterMs,
});

describe('SLA clock arithmetic in business hours', () => {
  it.each([
    ['over a night: 1 h Monday evening, 1 h Tuesday morning', '2026-03-02T17:00', 2 * HOUR, '2026-03-03T10:00'],
    ['over lunch: the break does not count', '2026-03-02T11:30', HOUR, '2026-03-02T14:00'],
    ['into a short Saturday', '2026-03-06T17:00', 4 * HOUR, '2026-03-07T13:00'],
    ['over a weekend: Friday, all of Saturday, then Monday', '2026-03-06T17:00', 8 * HOUR, '2026-03-09T10:00'],
    ['started on a closed Sunday night: counts from Monday 09:00', '2026-03-08T20:00', HOUR, '2026-03-09T10:00'],
    ['over 国庆节: a week closed, on again the Thursday after', '2026-09-30T17:00', 3 * HOUR, '2026-10-08T11:00'],
    ['into a 调休 Sunday that works 09:00–18:00', '2026-09-19T15:00', 3 * HOUR, '2026-09-20T11:00'],
    [
      'into a 调休 Saturday with weekday hours (an ordinary one opens at 10)',
      '2026-10-09T17:30',
      2 * HOUR,
      '2026-10-10T10:30',
    ],
  ])('%s', (_label, start, targetMs, due) => {
    const reading = readClock(clock([[at(start), null]], targetMs), at(start));
    expect(iso(reading.dueAt)).toBe(iso(at(due)));
    expect(reading.state).toBe('running');
    const atDue = readClock(clock([[at(start), null]], targetMs), at(due));
    expect(atDue).toMatchObject({ state: 'breached', elapsedMs: targetMs, remainingMs: 0 });
    const justBefore = readClock(clock([[at(start), null]], targetMs), at(due) - 1);
    expect(justBefore.state).toBe('running');
    expect(justBefore.remainingMs).toBe(1);
  });

  it('counts nothing while closed: Sunday night elapses no business time', () => {
    const reading = readClock(clock([[at('2026-03-07T16:00'), null]], HOUR), at('2026-03-09T08:59'));
    expect(reading).toMatchObject({ elapsedMs: 0, remainingMs: HOUR, state: 'running' });
  });

  it('a pause (waiting on the customer) stops the count and moves the due time by the time paused', () => {
    const stretches: Stretch[] = [[at('2026-03-02T09:00'), null]];
    const pauses: Stretch[] = [[at('2026-03-02T11:00'), null]];
    const paused = readClock(clock(stretches, 8 * HOUR, pauses), at('2026-03-03T10:00'));
    expect(paused).toMatchObject({ state: 'paused', dueAt: null, elapsedMs: 2 * HOUR, counting: false });
    // Resumed Tuesday 14:00: 2 h before, 6 h to go → Tuesday 14:00–18:00, then Wednesday 09:00–11:00.
    const resumed: Stretch[] = [[at('2026-03-02T11:00'), at('2026-03-03T14:00')]];
    const reading = readClock(clock(stretches, 8 * HOUR, resumed), at('2026-03-03T15:00'));
    expect(reading).toMatchObject({ state: 'running', elapsedMs: 3 * HOUR, counting: true });
    expect(iso(reading.dueAt)).toBe(iso(at('2026-03-04T11:00')));
  });

  it('a pause over a holiday and a night still counts only open time outside the pause', () => {
    const reading = readClock(
      clock([[at('2026-09-30T09:00'), null]], 10 * HOUR, [[at('2026-09-30T10:00'), at('2026-10-08T10:00')]]),
      at('2026-10-08T10:00'),
    );
    expect(reading.elapsedMs).toBe(HOUR);
    // 9 h left from Thursday 10:00: 10–12, 13:30–18 (6.5 h), then Friday 09:00 + 2.5 h.
    expect(iso(reading.dueAt)).toBe(iso(at('2026-10-09T11:30')));
  });

  it('a breach while paused stays a breach, dated when the target was reached', () => {
    const reading = readClock(
      clock([[at('2026-03-02T09:00'), null]], HOUR, [[at('2026-03-02T11:00'), null]]),
      at('2026-03-03T09:00'),
    );
    expect(reading.state).toBe('breached');
    expect(iso(reading.dueAt)).toBe(iso(at('2026-03-02T10:00')));
    expect(reading.remainingMs).toBe(-HOUR);
  });

  it('reopening resumes the resolution clock: the time before still counts', () => {
    const stretches: Stretch[] = [
      [at('2026-03-02T09:00'), at('2026-03-02T12:00')],
      [at('2026-03-03T13:30'), null],
    ];
    const reading = readClock(clock(stretches, 4 * HOUR), at('2026-03-03T15:00'));
    expect(reading).toMatchObject({ state: 'breached', elapsedMs: 4.5 * HOUR, remainingMs: -0.5 * HOUR });
    expect(iso(reading.dueAt)).toBe(iso(at('2026-03-03T14:30')));
    // Resolved in time the first round: met, nothing due.
    const firstRound = readClock(clock([stretches[0]!], 4 * HOUR), at('2026-03-03T09:00'));
    expect(firstRound).toMatchObject({
      state: 'met',
      dueAt: null,
      elapsedMs: 3 * HOUR,
      stoppedAt: at('2026-03-02T12:00'),
    });
  });

  it('stopping in time is met (exactly at due too); stopping late is breached, dated when it was due', () => {
    const start = at('2026-03-02T09:00');
    const met = readClock(clock([[start, at('2026-03-02T10:00')]], HOUR), at('2026-03-05T09:00'));
    expect(met).toMatchObject({ state: 'met', dueAt: null, elapsedMs: HOUR, remainingMs: 0 });
    const late = readClock(clock([[start, at('2026-03-02T14:00')]], HOUR), at('2026-03-05T09:00'));
    expect(late.state).toBe('breached');
    expect(iso(late.dueAt)).toBe(iso(at('2026-03-02T10:00')));
    expect(late.elapsedMs).toBe(3.5 * HOUR);
  });

  it('warns at a share of the target or minutes before due, in business time', () => {
    const stretches: Stretch[] = [[at('2026-03-02T09:00'), null]];
    const target = 5 * HOUR;
    const byPercent = clock(stretches, target, [], warnAfter(target, { mode: 'percent', value: 80 }));
    expect(iso(readClock(byPercent, at('2026-03-02T09:00')).warnAt)).toBe(iso(at('2026-03-02T14:30')));
    expect(readClock(byPercent, at('2026-03-02T14:29')).state).toBe('running');
    expect(readClock(byPercent, at('2026-03-02T14:30')).state).toBe('warning');
    expect(readClock(byPercent, at('2026-03-02T15:30')).state).toBe('breached');
    const byMinutes = clock(stretches, target, [], warnAfter(target, { mode: 'minutes', value: 30 }));
    expect(iso(readClock(byMinutes, at('2026-03-02T09:00')).warnAt)).toBe(iso(at('2026-03-02T15:00')));
    expect(warnAfter(target, { mode: 'off', value: 0 })).toBeNull();
  });

  it('around the clock (no calendar) counts nights and weekends', () => {
    const start = at('2026-03-07T23:00');
    const reading = readClock(
      { calendar: AROUND_THE_CLOCK, stretches: [[start, null]], pauses: [], targetMs: 90 * MINUTE, warnAfterMs: null },
      start,
    );
    expect(iso(reading.dueAt)).toBe(iso(at('2026-03-08T00:30')));
  });

  it('property: a running clock reaches exactly its target at its due time, and pauses only push it later', () => {
    const base = at('2026-09-28T08:00');
    const pause = fc
      .tuple(fc.integer({ min: 0, max: 20 * 24 * 60 }), fc.integer({ min: 1, max: 3 * 24 * 60 }))
      .map(([offset, length]): Stretch => [base + offset * MINUTE, base + (offset + length) * MINUTE]);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5 * 24 * 60 }),
        fc.integer({ min: 1, max: 40 * 60 }),
        fc.array(pause, { maxLength: 3 }),
        (startOffset, targetMinutes, pauses) => {
          const start = base + startOffset * MINUTE;
          const targetMs = targetMinutes * MINUTE;
          const sorted = [...pauses].sort((a, b) => a[0] - b[0]);
          const input = clock([[start, null]], targetMs, sorted);
          const free = readClock(clock([[start, null]], targetMs), start).dueAt!;
          const { dueAt } = readClock(input, start);
          if (dueAt === null) return;
          expect(dueAt).toBeGreaterThanOrEqual(free);
          const atDue = readClock(input, dueAt);
          if (!atDue.counting) return;
          expect(atDue.elapsedMs).toBe(targetMs);
          expect(atDue.state).toBe('breached');
          expect(readClock(input, dueAt - 1).elapsedMs).toBeLessThan(targetMs);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('SLA facts and a policy’s clocks', () => {
  const policy: SlaPolicy = {
    id: 'p',
    name: '投诉处理时限',
    enabled: true,
    position: 0,
    conditions: { typeIds: [], priorities: [], customerTags: [], ticketTags: [] },
    calendarId: null,
    targets: { firstResponse: 60, nextResponse: 120, resolution: 8 * 60 },
    warning: { mode: 'percent', value: 80 },
    onBreach: {
      notifySupervisors: true,
      notifyUserIds: [],
      raisePriority: false,
      reassignToUserId: null,
      reassignToTeamId: null,
    },
    pauseWhenPending: true,
  };
  const clocksAt = (facts: ReturnType<typeof initialFacts>, now: number, pausing = true) =>
    Object.fromEntries(
      evaluateClocks(facts, { ...policy, pauseWhenPending: pausing }, shop, now).map((c) => [c.kind, c.reading]),
    );

  it('a ticket made Friday evening: first response due Saturday 10:30; a reply stops it; resolution runs on', () => {
    const created = at('2026-03-06T17:30');
    let facts = initialFacts(created, 'new');
    expect(iso(clocksAt(facts, created).firstResponse.dueAt)).toBe(iso(at('2026-03-07T10:30')));
    expect(clocksAt(facts, created).nextResponse).toBeUndefined();
    facts = withStaffResponse(facts, at('2026-03-07T10:00'));
    const after = clocksAt(facts, at('2026-03-07T11:00'));
    expect(after.firstResponse).toMatchObject({ state: 'met', elapsedMs: 30 * MINUTE });
    expect(after.resolution).toMatchObject({ state: 'running', elapsedMs: 1.5 * HOUR });
  });

  it('next response: a round per customer message after a staff response, stopped by the next response', () => {
    const created = at('2026-03-02T09:00');
    let facts = withCustomerMessage(initialFacts(created, 'new'), at('2026-03-02T09:10'));
    expect(facts.nextResponse).toBeNull(); // the first response covers it
    facts = withStaffResponse(facts, at('2026-03-02T09:30'));
    // Written before the last response: already answered.
    expect(withCustomerMessage(facts, at('2026-03-02T09:20')).nextResponse).toBeNull();
    facts = withCustomerMessage(facts, at('2026-03-02T11:00'));
    facts = withCustomerMessage(facts, at('2026-03-02T11:30')); // a second message does not restart the round
    expect(facts.nextResponse).toEqual([at('2026-03-02T11:00'), null]);
    // 1 h before lunch, 1 h after: due 14:30.
    expect(iso(clocksAt(facts, at('2026-03-02T11:00')).nextResponse.dueAt)).toBe(iso(at('2026-03-02T14:30')));
    facts = withStaffResponse(facts, at('2026-03-02T15:00'));
    expect(clocksAt(facts, at('2026-03-02T15:00')).nextResponse).toMatchObject({ state: 'breached' });
  });

  it('waiting on the customer pauses every clock when the policy says so, not otherwise', () => {
    let facts = withCategory(initialFacts(at('2026-03-02T09:00'), 'new'), 'new', 'pending', at('2026-03-02T09:30'));
    const paused = clocksAt(facts, at('2026-03-02T16:00'));
    expect(paused.firstResponse).toMatchObject({ state: 'paused', elapsedMs: 30 * MINUTE });
    expect(paused.resolution).toMatchObject({ state: 'paused', elapsedMs: 30 * MINUTE });
    expect(clocksAt(facts, at('2026-03-02T16:00'), false).firstResponse.state).toBe('breached');
    facts = withCategory(facts, 'pending', 'open', at('2026-03-03T09:00'));
    expect(clocksAt(facts, at('2026-03-03T09:20')).firstResponse).toMatchObject({
      state: 'warning',
      elapsedMs: 50 * MINUTE,
    });
  });

  it('a customer writing while the ticket waits on them starts a round that counts although the rest is paused', () => {
    let facts = withStaffResponse(initialFacts(at('2026-03-02T09:00'), 'new'), at('2026-03-02T09:10'));
    facts = withCategory(facts, 'open', 'pending', at('2026-03-02T09:20'));
    facts = withCustomerMessage(facts, at('2026-03-02T10:00'));
    const clocks = clocksAt(facts, at('2026-03-02T11:00'));
    expect(clocks.nextResponse).toMatchObject({ state: 'running', elapsedMs: 60 * MINUTE });
    expect(clocks.resolution).toMatchObject({ state: 'paused', elapsedMs: 20 * MINUTE });
  });

  it('resolving stops every clock; reopening resumes only the resolution clock', () => {
    let facts = initialFacts(at('2026-03-02T09:00'), 'new');
    facts = withCategory(facts, 'open', 'resolved', at('2026-03-02T10:30'));
    const resolved = clocksAt(facts, at('2026-03-04T09:00'));
    expect(resolved.firstResponse).toMatchObject({ state: 'breached', stoppedAt: at('2026-03-02T10:30') });
    expect(resolved.resolution).toMatchObject({ state: 'met', elapsedMs: 1.5 * HOUR });
    // A customer message while resolved starts nothing.
    expect(withCustomerMessage(facts, at('2026-03-03T09:00')).nextResponse).toBeNull();
    facts = withCategory(facts, 'resolved', 'open', at('2026-03-04T09:00'));
    const reopened = clocksAt(facts, at('2026-03-04T10:00'));
    expect(reopened.resolution).toMatchObject({ state: 'running', elapsedMs: 2.5 * HOUR });
    expect(reopened.firstResponse.state).toBe('breached');
  });
});
