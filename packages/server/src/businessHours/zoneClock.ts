export const DAY_MS = 86_400_000;

/** Above this many remembered days a zone forgets them all; a sweep over a few years stays far below it. */
const MAX_REMEMBERED_DAYS = 20_000;

/**
 * Wall-clock offsets of one IANA zone, read from `Intl` (the only time-zone database Node carries). An offset
 * is `wall time − instant` in milliseconds, e.g. +8 h for Asia/Shanghai.
 */
export class ZoneClock {
  private readonly format: Intl.DateTimeFormat;
  /** Offset at 00:00 UTC of a day number: cheap bounds for every wall time of the days around it. */
  private readonly dayMarks = new Map<number, number>();

  constructor(readonly timeZone: string) {
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  }

  offsetAt(instant: number): number {
    const wholeSecond = Math.floor(instant / 1000) * 1000;
    const fields: Record<string, number> = {};
    for (const part of this.format.formatToParts(wholeSecond)) {
      if (part.type !== 'literal') fields[part.type] = Number(part.value);
    }
    const wall = Date.UTC(
      fields.year ?? 1970,
      (fields.month ?? 1) - 1,
      fields.day ?? 1,
      fields.hour ?? 0,
      fields.minute ?? 0,
      fields.second ?? 0,
    );
    return wall - wholeSecond;
  }

  /** The offset at 00:00 UTC of `day` (days since 1970-01-01), remembered. */
  dayMarkOffset(day: number): number {
    let offset = this.dayMarks.get(day);
    if (offset === undefined) {
      if (this.dayMarks.size >= MAX_REMEMBERED_DAYS) this.dayMarks.clear();
      offset = this.offsetAt(day * DAY_MS);
      this.dayMarks.set(day, offset);
    }
    return offset;
  }

  /**
   * A local day no later than the one `instant` falls on, and at most one day earlier. Offsets stay within
   * ±18 h, so the offset of the nearest day mark is wrong by less than a day.
   */
  dayAtOrBefore(instant: number): number {
    const utcDay = Math.floor(instant / DAY_MS);
    return Math.floor((instant + this.dayMarkOffset(utcDay)) / DAY_MS) - 1;
  }

  /**
   * The instant the local clock first shows the wall time `wall` (wall-clock ms as if UTC) of local day `day`.
   * Where clocks go back, a wall time happens twice and the first one counts; where they jump forward, a
   * skipped wall time maps to the instant of the jump, when the clock passed it.
   */
  instantOf(day: number, wall: number): number {
    // Every wall time of `day` lies between these two instants (offsets stay within ±18 h).
    const before = this.dayMarkOffset(day - 1);
    const after = this.dayMarkOffset(day + 2);
    if (before === after) return wall - before;
    const early = wall - Math.max(before, after);
    const late = wall - Math.min(before, after);
    const earlyValid = this.offsetAt(early) === Math.max(before, after);
    if (earlyValid) return early;
    if (this.offsetAt(late) === Math.min(before, after)) return late;
    return this.transitionBetween(early, late);
  }

  /** The first instant after `from` whose offset differs from the offset at `from`. */
  private transitionBetween(from: number, to: number): number {
    const offset = this.offsetAt(from);
    let lo = from;
    let hi = to;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (this.offsetAt(mid) === offset) lo = mid;
      else hi = mid;
    }
    return hi;
  }
}

const zones = new Map<string, ZoneClock>();

/** One clock per zone for the whole process, so every calendar in a zone shares its remembered offsets. */
export function zoneClock(timeZone: string): ZoneClock {
  let clock = zones.get(timeZone);
  if (!clock) {
    clock = new ZoneClock(timeZone);
    zones.set(timeZone, clock);
  }
  return clock;
}
