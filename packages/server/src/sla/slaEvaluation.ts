import {
  type BusinessHoursDefinition,
  SLA_CLOCKS,
  type SlaClockKind,
  type SlaClockState,
  type TicketSlaView,
} from '@kefu/shared';
import { type ClockReading, readClock, type Stretch, warnAfter } from './slaClock.js';
import type { SlaFacts } from './slaFacts.js';
import type { SlaPolicy } from './slaPolicyPresenter.js';

const MINUTE_MS = 60_000;

/** Warnings and breaches already acted on, per clock round (`kind@startedAt`): each is sent once. */
export type SlaNotices = Record<string, { warnedAt?: number; breachedAt?: number }>;

export interface EvaluatedClock {
  kind: SlaClockKind;
  /** The round this reading belongs to: notices are kept per round. */
  key: string;
  targetMinutes: number;
  reading: ClockReading;
}

function stretchesOf(facts: SlaFacts, kind: SlaClockKind): readonly Stretch[] | null {
  if (kind === 'firstResponse') return [facts.firstResponse];
  if (kind === 'nextResponse') return facts.nextResponse ? [facts.nextResponse] : null;
  return facts.resolution;
}

/** The policy's clocks on a ticket at `now`; a clock without a target, or not started, is left out. */
export function evaluateClocks(
  facts: SlaFacts,
  policy: SlaPolicy,
  calendar: BusinessHoursDefinition,
  now: number,
): EvaluatedClock[] {
  const clocks: EvaluatedClock[] = [];
  for (const kind of SLA_CLOCKS) {
    const targetMinutes = policy.targets[kind];
    const stretches = stretchesOf(facts, kind);
    if (targetMinutes === null || !stretches || stretches.length === 0) continue;
    const targetMs = targetMinutes * MINUTE_MS;
    const reading = readClock(
      {
        calendar,
        stretches,
        // A customer who wrote is no longer the one being waited on: a next-response round never pauses.
        pauses: policy.pauseWhenPending && kind !== 'nextResponse' ? facts.pending : [],
        targetMs,
        warnAfterMs: warnAfter(targetMs, policy.warning),
      },
      now,
    );
    clocks.push({ kind, key: `${kind}@${reading.startedAt}`, targetMinutes, reading });
  }
  return clocks;
}

/**
 * Notices of rounds that are over are forgotten, and so is a warning or breach the clock no longer stands at
 * (the policy changed to a longer target): it may then be sent again when the new point comes.
 */
export function reconciledNotices(clocks: EvaluatedClock[], notices: SlaNotices): SlaNotices {
  const kept: SlaNotices = {};
  for (const clock of clocks) {
    const notice = notices[clock.key];
    if (!notice) continue;
    const { state } = clock.reading;
    const next: { warnedAt?: number; breachedAt?: number } = {};
    if (notice.breachedAt !== undefined && state === 'breached') next.breachedAt = notice.breachedAt;
    if (notice.warnedAt !== undefined && state !== 'running') next.warnedAt = notice.warnedAt;
    if (Object.keys(next).length > 0) kept[clock.key] = next;
  }
  return kept;
}

const minOf = (values: (number | null)[]) => {
  const present = values.filter((v): v is number => v !== null);
  return present.length === 0 ? null : Math.min(...present);
};

/** The soonest due time of a clock that is not stopped: in the future while running, in the past once breached. */
export function dueAtOf(clocks: EvaluatedClock[]): number | null {
  return minOf(clocks.filter((c) => c.reading.stoppedAt === null).map((c) => c.reading.dueAt));
}

/** When the sweeper must look again: the next warning or breach not yet acted on. */
export function nextCheckOf(clocks: EvaluatedClock[], notices: SlaNotices): number | null {
  return minOf(
    clocks
      .filter((c) => c.reading.stoppedAt === null)
      .flatMap((c) => {
        const notice = notices[c.key] ?? {};
        if (notice.breachedAt !== undefined) return [];
        return [c.reading.dueAt, notice.warnedAt === undefined ? c.reading.warnAt : null];
      }),
  );
}

const SEVERITY: SlaClockState[] = ['breached', 'warning', 'running', 'paused', 'met'];

export function presentTicketSla(
  policy: { id: string; name: string },
  calendar: { id: string; name: string } | null,
  clocks: EvaluatedClock[],
): TicketSlaView {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  const states = clocks.map((c) => c.reading.state);
  const due = dueAtOf(clocks);
  return {
    policy,
    calendar,
    state: SEVERITY.find((s) => states.includes(s)) ?? 'met',
    dueAt: iso(due),
    paused: clocks.some((c) => !c.reading.counting && c.reading.stoppedAt === null),
    clocks: clocks.map(({ kind, targetMinutes, reading }) => ({
      kind,
      state: reading.state,
      targetMinutes,
      startedAt: new Date(reading.startedAt).toISOString(),
      dueAt: iso(reading.dueAt),
      warnAt: iso(reading.warnAt),
      stoppedAt: iso(reading.stoppedAt),
      elapsedMs: Math.round(reading.elapsedMs),
      remainingMs: Math.round(reading.remainingMs),
    })),
  };
}
