import type { BusinessHoursDefinition, SlaClockState } from '@kefu/shared';
import { addBusinessTime, businessTimeBetween } from '../businessHours/calendar.js';

/** A stretch of time a clock ran: from an instant to another, or (null) still running. */
export type Stretch = readonly [from: number, to: number | null];

/** Counting around the clock: a policy without a calendar. One object, so the calendar cache keeps it. */
export const AROUND_THE_CLOCK: BusinessHoursDefinition = {
  timeZone: 'UTC',
  weekly: Object.fromEntries(
    ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [day, [{ start: '00:00', end: '24:00' }]]),
  ) as unknown as BusinessHoursDefinition['weekly'],
  holidays: [],
  specialWorkingDays: [],
};

type Interval = [from: number, to: number];

const closedOrNow = (to: number | null) => (to === null ? Number.POSITIVE_INFINITY : to);

/** The stretches minus the pauses (both may be open-ended), in order. */
export function withoutPauses(stretches: readonly Stretch[], pauses: readonly Stretch[]): Interval[] {
  let remaining: Interval[] = stretches.map(([from, to]) => [from, closedOrNow(to)]);
  for (const [pauseFrom, pauseTo] of pauses) {
    const pauseEnd = closedOrNow(pauseTo);
    remaining = remaining.flatMap(([from, to]): Interval[] => {
      if (pauseEnd <= from || pauseFrom >= to) return [[from, to]];
      const pieces: Interval[] = [];
      if (pauseFrom > from) pieces.push([from, pauseFrom]);
      if (pauseEnd < to) pieces.push([pauseEnd, to]);
      return pieces;
    });
  }
  return remaining.filter(([from, to]) => to > from);
}

/** Business time counted in the intervals up to `now`. */
function elapsedIn(calendar: BusinessHoursDefinition, intervals: readonly Interval[], now: number): number {
  let total = 0;
  for (const [from, to] of intervals) {
    if (from >= now) break;
    total += businessTimeBetween(calendar, from, Math.min(to, now));
  }
  return total;
}

/**
 * The instant at which `amount` of business time has been counted in the intervals; null when they end first
 * (a paused or stopped clock that never got there) or the calendar never opens long enough.
 */
function instantWhenCounted(calendar: BusinessHoursDefinition, intervals: readonly Interval[], amount: number) {
  let counted = 0;
  for (const [from, to] of intervals) {
    const left = amount - counted;
    if (!Number.isFinite(to)) return addBusinessTime(calendar, from, left);
    const span = businessTimeBetween(calendar, from, to);
    if (span >= left) return addBusinessTime(calendar, from, left);
    counted += span;
  }
  return null;
}

export interface ClockInput {
  calendar: BusinessHoursDefinition;
  /** When the clock ran: for the resolution clock, each stretch the ticket was open. */
  stretches: readonly Stretch[];
  /** Stretches it does not count (the ticket waiting on the customer, when the policy pauses). */
  pauses: readonly Stretch[];
  targetMs: number;
  /** Business time after which it warns; null: it does not. */
  warnAfterMs: number | null;
}

export interface ClockReading {
  state: SlaClockState;
  startedAt: number;
  /** When it breaches if it keeps running, or when it did; null while paused short of it or once met. */
  dueAt: number | null;
  warnAt: number | null;
  stoppedAt: number | null;
  elapsedMs: number;
  remainingMs: number;
  /** Neither stopped nor paused. */
  counting: boolean;
}

/**
 * Reads one SLA clock at `now`: business time counted, when it falls due, when it warns, and its state.
 * Pure arithmetic over the calendar: no clock, no database.
 */
export function readClock(input: ClockInput, now: number): ClockReading {
  const { calendar, stretches, targetMs, warnAfterMs } = input;
  const last = stretches.at(-1);
  if (!last) throw new Error('a clock has at least one stretch');
  const intervals = withoutPauses(stretches, input.pauses);
  const stoppedAt = last[1];
  const counting = stoppedAt === null && intervals.length > 0 && !Number.isFinite(intervals.at(-1)![1]);
  const elapsedMs = elapsedIn(calendar, intervals, stoppedAt ?? now);
  const dueAt = instantWhenCounted(calendar, intervals, targetMs);
  const warnAt =
    warnAfterMs === null || warnAfterMs >= targetMs ? null : instantWhenCounted(calendar, intervals, warnAfterMs);
  const stoppedDue = stoppedAt !== null && dueAt !== null && dueAt < stoppedAt;
  let state: SlaClockState;
  if (stoppedAt !== null) state = stoppedDue ? 'breached' : 'met';
  else if (dueAt !== null && dueAt <= now) state = 'breached';
  else if (!counting) state = 'paused';
  else if (warnAt !== null && warnAt <= now) state = 'warning';
  else state = 'running';
  const breachedOrRunning = state === 'breached' || counting;
  return {
    state,
    startedAt: stretches[0]![0],
    dueAt: breachedOrRunning ? dueAt : null,
    warnAt: counting && state !== 'breached' ? warnAt : null,
    stoppedAt,
    elapsedMs,
    remainingMs: targetMs - elapsedMs,
    counting,
  };
}

/** The business time after which a clock of `targetMs` warns, by the policy's warning setting. */
export function warnAfter(targetMs: number, warning: { mode: string; value: number }): number | null {
  if (warning.mode === 'percent') return Math.round((targetMs * warning.value) / 100);
  if (warning.mode === 'minutes') return Math.max(0, targetMs - warning.value * 60_000);
  return null;
}
