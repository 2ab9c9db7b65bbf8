import type { CreateBusinessHoursBody, HoursInterval } from '@kefu/shared';
import { recordAudit } from '../audit/auditRecorder.js';
import type { AppContext } from '../context.js';
import { newId } from '../db/ids.js';
import { findBusinessCalendarByName, insertBusinessCalendar } from './businessCalendarRepository.js';

export const DEMO_CALENDAR_NAME = '悦家客服营业时间（含 2026 年法定节假日）';

const weekday: HoursInterval[] = [{ start: '09:00', end: '21:00' }];
const weekend: HoursInterval[] = [{ start: '10:00', end: '18:00' }];

/**
 * The demo shop's hours with mainland China's 2026 public holidays and 调休 working days as the State Council's
 * notice for 2026 sets them (check against the notice before relying on it). Working weekend days keep weekday
 * hours. Admins edit it in 营业时间.
 */
export const DEMO_CALENDAR: CreateBusinessHoursBody = {
  name: DEMO_CALENDAR_NAME,
  timeZone: 'Asia/Shanghai',
  weekly: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday, sat: weekend, sun: weekend },
  holidays: [
    { name: '元旦', from: '2026-01-01', to: '2026-01-03' },
    { name: '春节', from: '2026-02-15', to: '2026-02-23' },
    { name: '清明节', from: '2026-04-04', to: '2026-04-06' },
    { name: '劳动节', from: '2026-05-01', to: '2026-05-05' },
    { name: '端午节', from: '2026-06-19', to: '2026-06-21' },
    { name: '中秋节', from: '2026-09-25', to: '2026-09-27' },
    { name: '国庆节', from: '2026-10-01', to: '2026-10-07' },
  ],
  specialWorkingDays: [
    { name: '元旦调休上班', date: '2026-01-04', hours: weekday },
    { name: '春节调休上班', date: '2026-02-14', hours: weekday },
    { name: '春节调休上班', date: '2026-02-28', hours: weekday },
    { name: '劳动节调休上班', date: '2026-05-09', hours: weekday },
    { name: '国庆节调休上班', date: '2026-09-20', hours: weekday },
    { name: '国庆节调休上班', date: '2026-10-10', hours: weekday },
  ],
};

/**
 * Adds the demo calendar unless the workspace has one of that name. It is not attached to the demo inbox, so
 * the demo chat works at any hour; an admin chooses it in the inbox settings to try 营业时间.
 */
export async function demoCalendarSeeder(ctx: AppContext, accountId: string): Promise<boolean> {
  const now = ctx.clock.now();
  return ctx.db.kysely.transaction().execute(async (trx) => {
    if (await findBusinessCalendarByName(trx, accountId, DEMO_CALENDAR_NAME)) return false;
    const id = newId(now);
    await insertBusinessCalendar(trx, {
      id,
      account_id: accountId,
      name: DEMO_CALENDAR.name,
      time_zone: DEMO_CALENDAR.timeZone,
      weekly: JSON.stringify(DEMO_CALENDAR.weekly),
      holidays: JSON.stringify(DEMO_CALENDAR.holidays),
      special_working_days: JSON.stringify(DEMO_CALENDAR.specialWorkingDays),
      created_at: now,
      updated_at: now,
    });
    const system = { accountId, userId: null, name: 'system', ip: null };
    await recordAudit(
      trx,
      system,
      {
        action: 'business_hours.created',
        target: { type: 'business_hours', id },
        details: { name: DEMO_CALENDAR.name, timeZone: DEMO_CALENDAR.timeZone, demo: true },
      },
      now,
    );
    return true;
  });
}
