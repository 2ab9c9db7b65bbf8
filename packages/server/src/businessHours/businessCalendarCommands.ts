import {
  type BusinessHoursView,
  type CreateBusinessHoursBody,
  calendarConflictDetails,
  type UpdateBusinessHoursBody,
} from '@kefu/shared';
import { recordAudit } from '../audit/auditRecorder.js';
import type { AppContext } from '../context.js';
import { isUniqueViolation } from '../conversations/messageCreator.js';
import { newId } from '../db/ids.js';
import type { Executor } from '../db/transaction.js';
import type { Actor } from '../http/actor.js';
import { AppError, notFound } from '../http/appError.js';
import { slaPoliciesUsingCalendar } from '../sla/slaPolicyRepository.js';
import { definitionOf, presentBusinessCalendar } from './businessCalendarPresenter.js';
import {
  deleteBusinessCalendar,
  findBusinessCalendar,
  findBusinessCalendarByName,
  insertBusinessCalendar,
  lockBusinessCalendar,
  updateBusinessCalendar,
} from './businessCalendarRepository.js';
import { inboxesUsingCalendar } from './inboxCalendar.js';

const nameTaken = () =>
  new AppError('CONFLICT', 'A business-hours calendar with this name already exists', [
    { field: 'body.name', issue: 'is already in use' },
  ]);

async function assertNameFree(db: Executor, accountId: string, name: string, exceptId?: string) {
  const existing = await findBusinessCalendarByName(db, accountId, name);
  if (existing && existing.id !== exceptId) throw nameTaken();
}

/** Two admins saving the same new name at once: the unique index decides, and the loser hears why. */
function nameRace(error: unknown): never {
  throw isUniqueViolation(error) ? nameTaken() : error;
}

export async function loadBusinessCalendarView(
  ctx: AppContext,
  db: Executor,
  accountId: string,
  id: string,
): Promise<BusinessHoursView> {
  const row = await findBusinessCalendar(db, accountId, id);
  if (!row) throw notFound('Business-hours calendar');
  return presentBusinessCalendar(row, ctx.clock.now());
}

export async function businessCalendarCreator(
  ctx: AppContext,
  actor: Actor,
  body: CreateBusinessHoursBody,
): Promise<BusinessHoursView> {
  const now = ctx.clock.now();
  const id = newId(now);
  await ctx.db.kysely
    .transaction()
    .execute(async (trx) => {
      await assertNameFree(trx, actor.accountId, body.name);
      await insertBusinessCalendar(trx, {
        id,
        account_id: actor.accountId,
        name: body.name,
        time_zone: body.timeZone,
        weekly: JSON.stringify(body.weekly),
        holidays: JSON.stringify(body.holidays),
        special_working_days: JSON.stringify(body.specialWorkingDays),
        created_at: now,
        updated_at: now,
      });
      await recordAudit(
        trx,
        actor,
        {
          action: 'business_hours.created',
          target: { type: 'business_hours', id },
          details: { name: body.name, timeZone: body.timeZone },
        },
        now,
      );
    })
    .catch(nameRace);
  return loadBusinessCalendarView(ctx, ctx.db.kysely, actor.accountId, id);
}

export async function businessCalendarUpdater(
  ctx: AppContext,
  actor: Actor,
  id: string,
  changes: UpdateBusinessHoursBody,
): Promise<BusinessHoursView> {
  const now = ctx.clock.now();
  await ctx.db.kysely
    .transaction()
    .execute(async (trx) => {
      const row = await findBusinessCalendar(trx, actor.accountId, id);
      if (!row) throw notFound('Business-hours calendar');
      const before = { name: row.name, ...definitionOf(row) };
      const after = { ...before, ...changes };
      // A new holiday may cover a working day kept from before, or the other way round.
      const conflicts = calendarConflictDetails(after);
      if (conflicts.length > 0) {
        throw new AppError('VALIDATION_FAILED', 'A date is both a holiday and a special working day', conflicts);
      }
      if (changes.name) await assertNameFree(trx, actor.accountId, changes.name, id);
      await updateBusinessCalendar(
        trx,
        actor.accountId,
        id,
        {
          ...(changes.name !== undefined ? { name: changes.name } : {}),
          ...(changes.timeZone !== undefined ? { time_zone: changes.timeZone } : {}),
          ...(changes.weekly !== undefined ? { weekly: JSON.stringify(changes.weekly) } : {}),
          ...(changes.holidays !== undefined ? { holidays: JSON.stringify(changes.holidays) } : {}),
          ...(changes.specialWorkingDays !== undefined
            ? { special_working_days: JSON.stringify(changes.specialWorkingDays) }
            : {}),
        },
        now,
      );
      const details = Object.fromEntries(
        Object.entries(changes).map(([key, to]) => [key, { from: before[key as keyof typeof before], to }]),
      );
      await recordAudit(
        trx,
        actor,
        { action: 'business_hours.updated', target: { type: 'business_hours', id }, details },
        now,
      );
    })
    .catch(nameRace);
  return loadBusinessCalendarView(ctx, ctx.db.kysely, actor.accountId, id);
}

/**
 * Deletes a calendar nothing names: an inbox (its open hours) or an SLA policy (the time its targets count in)
 * would otherwise change meaning silently, so both must be given another calendar first.
 */
export async function businessCalendarDeleter(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    // Locked first, so a policy choosing this calendar meanwhile either commits before the check sees it or waits.
    const row = await lockBusinessCalendar(trx, actor.accountId, id);
    if (!row) throw notFound('Business-hours calendar');
    const inboxes = await inboxesUsingCalendar(trx, actor.accountId, id);
    const slaPolicies = await slaPoliciesUsingCalendar(trx, actor.accountId, id);
    if (inboxes.length > 0 || slaPolicies.length > 0) {
      throw new AppError(
        'CALENDAR_IN_USE',
        'Inboxes or SLA policies still use this calendar; choose another for them first',
        { inboxes, slaPolicies },
      );
    }
    await deleteBusinessCalendar(trx, actor.accountId, id);
    await recordAudit(
      trx,
      actor,
      { action: 'business_hours.deleted', target: { type: 'business_hours', id }, details: { name: row.name } },
      now,
    );
  });
}
