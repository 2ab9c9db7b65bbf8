import type {
  BusinessHoursDefinition,
  BusinessHoursStatus,
  BusinessHoursView,
  Holiday,
  SpecialWorkingDay,
  WeeklyHours,
} from '@kefu/shared';
import type { BusinessCalendarRow } from './businessCalendarRepository.js';
import { isOpenAt, nextClosing, nextOpening } from './calendar.js';

export function definitionOf(row: BusinessCalendarRow): BusinessHoursDefinition {
  return {
    timeZone: row.time_zone,
    weekly: JSON.parse(row.weekly) as WeeklyHours,
    holidays: JSON.parse(row.holidays) as Holiday[],
    specialWorkingDays: JSON.parse(row.special_working_days) as SpecialWorkingDay[],
  };
}

const isoOrNull = (instant: number | null) => (instant === null ? null : new Date(instant).toISOString());

export function statusAt(definition: BusinessHoursDefinition, now: number): BusinessHoursStatus {
  const open = isOpenAt(definition, now);
  return { open, nextChangeAt: isoOrNull(open ? nextClosing(definition, now) : nextOpening(definition, now)) };
}

export function presentBusinessCalendar(row: BusinessCalendarRow, now: number): BusinessHoursView {
  const definition = definitionOf(row);
  return {
    id: row.id,
    name: row.name,
    timeZone: definition.timeZone,
    weekly: definition.weekly,
    holidays: definition.holidays,
    specialWorkingDays: definition.specialWorkingDays,
    status: statusAt(definition, now),
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}
