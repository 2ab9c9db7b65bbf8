import { type BotRangeQuery, dayNumberOf } from '@kefu/shared';
import { findAccount } from '../accounts/accountRepository.js';
import { DAY_MS, zoneClock } from '../businessHours/zoneClock.js';
import type { AppContext } from '../context.js';
import { AppError } from '../http/appError.js';
import type { ReportRange } from './botReportRepository.js';

const DEFAULT_DAYS = 30;
const MAX_DAYS = 366;

const dateOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/**
 * Whole days in the workspace's time zone, both ends included: by default the last 30 days up to today.
 * Returns the instants they span and the dates they are.
 */
export async function reportRange(
  ctx: AppContext,
  accountId: string,
  query: BotRangeQuery,
): Promise<{ range: ReportRange; from: string; to: string }> {
  const account = await findAccount(ctx.db.kysely, accountId);
  const zone = zoneClock(account?.timezone ?? 'Asia/Shanghai');
  const now = ctx.clock.now();
  const today = Math.floor((now + zone.offsetAt(now)) / DAY_MS);
  const toDay = query.to ? dayNumberOf(query.to) : today;
  const fromDay = query.from ? dayNumberOf(query.from) : toDay - (DEFAULT_DAYS - 1);
  if (fromDay > toDay) {
    throw new AppError('VALIDATION_FAILED', 'The range ends before it starts', [
      { field: 'query.from', issue: 'must not be after query.to' },
    ]);
  }
  if (toDay - fromDay >= MAX_DAYS) {
    throw new AppError('VALIDATION_FAILED', 'The range is too long', [
      { field: 'query.from', issue: `must be at most ${MAX_DAYS} days before query.to` },
    ]);
  }
  return {
    range: {
      accountId,
      from: zone.instantOf(fromDay, fromDay * DAY_MS),
      to: zone.instantOf(toDay + 1, (toDay + 1) * DAY_MS),
      inboxId: query.inboxId,
    },
    from: dateOf(fromDay),
    to: dateOf(toDay),
  };
}
