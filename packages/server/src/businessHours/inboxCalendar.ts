import type { WidgetSettings } from '@kefu/shared';
import type { Executor } from '../db/transaction.js';
import { AppError } from '../http/appError.js';
import { parseSettings } from '../inboxes/inboxPresenter.js';
import { listInboxes } from '../inboxes/inboxRepository.js';
import { definitionOf } from './businessCalendarPresenter.js';
import { findBusinessCalendar } from './businessCalendarRepository.js';
import { isOpenAt, nextOpening } from './calendar.js';

/** An inbox may name only a calendar of its own workspace. */
export async function assertCalendarUsable(db: Executor, accountId: string, calendarId: string | null): Promise<void> {
  if (calendarId === null) return;
  if (!(await findBusinessCalendar(db, accountId, calendarId))) {
    throw new AppError('VALIDATION_FAILED', 'No such business-hours calendar in this workspace', [
      { field: 'body.settings.businessHours.calendarId', issue: 'is not a calendar of this workspace' },
    ]);
  }
}

/** Inboxes whose settings name the calendar; it cannot be deleted while they do. */
export async function inboxesUsingCalendar(db: Executor, accountId: string, calendarId: string) {
  const inboxes = await listInboxes(db, accountId);
  return inboxes
    .filter((inbox) => parseSettings(inbox).businessHours.calendarId === calendarId)
    .map((inbox) => ({ id: inbox.id, name: inbox.name }));
}

export interface InboxHoursState {
  /** Inside the inbox's business hours (always, without a calendar). */
  open: boolean;
  /** When closed: the instant it opens again; null when open, or when the calendar never opens again. */
  nextOpenAt: number | null;
}

/**
 * Whether an inbox is within its business hours at `now`. An inbox without a calendar is always open, and so
 * is one whose calendar has gone (a deletion that raced with the inbox choosing it).
 */
export async function inboxHoursState(
  db: Executor,
  accountId: string,
  settings: WidgetSettings,
  now: number,
): Promise<InboxHoursState> {
  const { calendarId } = settings.businessHours;
  const row = calendarId ? await findBusinessCalendar(db, accountId, calendarId) : undefined;
  if (!row) return { open: true, nextOpenAt: null };
  const definition = definitionOf(row);
  return isOpenAt(definition, now)
    ? { open: true, nextOpenAt: null }
    : { open: false, nextOpenAt: nextOpening(definition, now) };
}
