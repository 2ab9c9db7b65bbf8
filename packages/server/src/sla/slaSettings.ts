import type { BusinessHoursDefinition } from '@kefu/shared';
import { definitionOf } from '../businessHours/businessCalendarPresenter.js';
import { listBusinessCalendars } from '../businessHours/businessCalendarRepository.js';
import type { Executor } from '../db/transaction.js';
import { AROUND_THE_CLOCK } from './slaClock.js';
import { type SlaPolicy, slaPolicyOf } from './slaPolicyPresenter.js';
import { listSlaPolicies } from './slaPolicyRepository.js';

/** A workspace's policies and the calendars they count in, read once per request or change. */
export interface SlaSettings {
  policies: SlaPolicy[];
  calendars: Map<string, { name: string; definition: BusinessHoursDefinition }>;
}

export async function loadSlaSettings(db: Executor, accountId: string): Promise<SlaSettings> {
  const policies = (await listSlaPolicies(db, accountId)).map(slaPolicyOf);
  const calendars = new Map<string, { name: string; definition: BusinessHoursDefinition }>();
  if (policies.some((p) => p.calendarId !== null)) {
    for (const row of await listBusinessCalendars(db, accountId)) {
      calendars.set(row.id, { name: row.name, definition: definitionOf(row) });
    }
  }
  return { policies, calendars };
}

/** The calendar a policy counts in: its own, or around the clock (none, or one deleted meanwhile). */
export function calendarOf(settings: SlaSettings, policy: SlaPolicy) {
  const calendar = policy.calendarId ? settings.calendars.get(policy.calendarId) : undefined;
  return {
    definition: calendar?.definition ?? AROUND_THE_CLOCK,
    ref: calendar && policy.calendarId ? { id: policy.calendarId, name: calendar.name } : null,
  };
}
