import {
  type CreateSlaPolicyBody,
  type ErrorDetail,
  type Role,
  roleHasPermission,
  SLA_LIMITS,
  type SlaBreachActions,
  type SlaPolicyView,
  type UpdateSlaPolicyBody,
} from '@kefu/shared';
import { type AuditActor, recordAudit } from '../audit/auditRecorder.js';
import { listBusinessCalendars, lockBusinessCalendar } from '../businessHours/businessCalendarRepository.js';
import type { AppContext } from '../context.js';
import { isUniqueViolation } from '../conversations/messageCreator.js';
import { newId } from '../db/ids.js';
import type { Executor } from '../db/transaction.js';
import { AppError, notFound } from '../http/appError.js';
import { activeUsersOf, teamNamesOf } from '../tickets/ticketRefsRepository.js';
import { listTicketTypes } from '../ticketTypes/ticketTypeRepository.js';
import { presentSlaPolicy } from './slaPolicyPresenter.js';
import {
  deleteSlaPolicy,
  findSlaPolicy,
  findSlaPolicyByName,
  insertSlaPolicy,
  listSlaPolicies,
  reorderSlaPolicies,
  type SlaPolicyRow,
  updateSlaPolicy,
} from './slaPolicyRepository.js';
import { recheckOpenTicketSlas } from './ticketSlaRepository.js';

const nameTaken = () =>
  new AppError('CONFLICT', 'An SLA policy with this name already exists', [
    { field: 'body.name', issue: 'is already in use' },
  ]);

function nameRace(error: unknown): never {
  throw isUniqueViolation(error) ? nameTaken() : error;
}

async function calendarNames(db: Executor, accountId: string): Promise<Map<string, string>> {
  return new Map((await listBusinessCalendars(db, accountId)).map((row) => [row.id, row.name]));
}

export async function listSlaPolicyViews(db: Executor, accountId: string): Promise<SlaPolicyView[]> {
  const calendars = await calendarNames(db, accountId);
  return (await listSlaPolicies(db, accountId)).map((row) => presentSlaPolicy(row, calendars));
}

export async function loadSlaPolicyView(db: Executor, accountId: string, id: string): Promise<SlaPolicyView> {
  const row = await findSlaPolicy(db, accountId, id);
  if (!row) throw notFound('SLA policy');
  return presentSlaPolicy(row, await calendarNames(db, accountId));
}

interface PolicyReferences {
  calendarId?: string | null | undefined;
  typeIds?: string[] | undefined;
  onBreach?: SlaBreachActions | undefined;
}

const worksTickets = (role: string) => roleHasPermission(role as Role, 'tickets.write');

/** Every id a policy names must be of this workspace (and people must be staff); all problems at once. */
async function checkReferences(db: Executor, accountId: string, refs: PolicyReferences): Promise<void> {
  const issues: ErrorDetail[] = [];
  // Locked: a deletion of the calendar waits for this change, or this change sees it gone.
  if (refs.calendarId && !(await lockBusinessCalendar(db, accountId, refs.calendarId))) {
    issues.push({ field: 'body.calendarId', issue: 'is not a business-hours calendar of this workspace' });
  }
  if (refs.typeIds && refs.typeIds.length > 0) {
    const types = new Set((await listTicketTypes(db, accountId)).map((t) => t.id));
    refs.typeIds.forEach((id, i) => {
      if (!types.has(id)) issues.push({ field: `body.conditions.typeIds.${i}`, issue: 'is not a ticket type here' });
    });
  }
  const onBreach = refs.onBreach;
  if (onBreach) {
    const people = [...onBreach.notifyUserIds, ...(onBreach.reassignToUserId ? [onBreach.reassignToUserId] : [])];
    const staff = new Set(
      (await activeUsersOf(db, accountId, people)).filter((u) => worksTickets(u.role)).map((u) => u.id),
    );
    onBreach.notifyUserIds.forEach((id, i) => {
      if (!staff.has(id)) {
        issues.push({ field: `body.onBreach.notifyUserIds.${i}`, issue: 'is not an active staff member' });
      }
    });
    if (onBreach.reassignToUserId && !staff.has(onBreach.reassignToUserId)) {
      issues.push({ field: 'body.onBreach.reassignToUserId', issue: 'is not an active staff member' });
    }
    if (
      onBreach.reassignToTeamId &&
      !(await teamNamesOf(db, accountId, [onBreach.reassignToTeamId])).has(onBreach.reassignToTeamId)
    ) {
      issues.push({ field: 'body.onBreach.reassignToTeamId', issue: 'is not a team of this workspace' });
    }
  }
  if (issues.length > 0) throw new AppError('VALIDATION_FAILED', 'Some ids name nothing usable here', issues);
}

/** A policy's columns from a request body (whole, or the keys a change names). */
function columnsOf(body: Partial<CreateSlaPolicyBody>): Partial<SlaPolicyRow> {
  return {
    ...(body.name !== undefined ? { name: body.name } : {}),
    ...(body.description !== undefined ? { description: body.description } : {}),
    ...(body.enabled !== undefined ? { enabled: body.enabled ? 1 : 0 } : {}),
    ...(body.conditions !== undefined ? { conditions: JSON.stringify(body.conditions) } : {}),
    ...(body.calendarId !== undefined ? { calendar_id: body.calendarId } : {}),
    ...(body.targets !== undefined
      ? {
          first_response_minutes: body.targets.firstResponseMinutes,
          next_response_minutes: body.targets.nextResponseMinutes,
          resolution_minutes: body.targets.resolutionMinutes,
        }
      : {}),
    ...(body.warning !== undefined ? { warn_mode: body.warning.mode, warn_value: body.warning.value } : {}),
    ...(body.onBreach !== undefined ? { on_breach: JSON.stringify(body.onBreach) } : {}),
    ...(body.pauseWhenPending !== undefined ? { pause_when_pending: body.pauseWhenPending ? 1 : 0 } : {}),
  };
}

export async function slaPolicyCreator(
  ctx: AppContext,
  actor: AuditActor,
  body: CreateSlaPolicyBody,
  db: Executor = ctx.db.kysely,
): Promise<SlaPolicyView> {
  const now = ctx.clock.now();
  const id = newId(now);
  const work = async (trx: Executor) => {
    const existing = await listSlaPolicies(trx, actor.accountId);
    if (existing.length >= SLA_LIMITS.policiesPerWorkspace) {
      throw new AppError('CONFLICT', `A workspace has at most ${SLA_LIMITS.policiesPerWorkspace} SLA policies`);
    }
    if (await findSlaPolicyByName(trx, actor.accountId, body.name)) throw nameTaken();
    await checkReferences(trx, actor.accountId, {
      calendarId: body.calendarId,
      typeIds: body.conditions.typeIds,
      onBreach: body.onBreach,
    });
    await insertSlaPolicy(trx, {
      id,
      account_id: actor.accountId,
      position: existing.length,
      version: 1,
      created_at: now,
      updated_at: now,
      ...(columnsOf(body) as Omit<
        SlaPolicyRow,
        'id' | 'account_id' | 'position' | 'version' | 'created_at' | 'updated_at'
      >),
    });
    await recordAudit(
      trx,
      actor,
      {
        action: 'sla_policy.created',
        target: { type: 'sla_policy', id },
        details: { name: body.name, targets: body.targets, calendarId: body.calendarId },
      },
      now,
    );
    await recheckOpenTicketSlas(trx, actor.accountId, now);
  };
  // The demo seeder passes its own transaction; routes get one of their own.
  if (db === ctx.db.kysely) await ctx.db.kysely.transaction().execute(work).catch(nameRace);
  else await work(db);
  return loadSlaPolicyView(db, actor.accountId, id);
}

export async function slaPolicyUpdater(
  ctx: AppContext,
  actor: AuditActor,
  id: string,
  body: UpdateSlaPolicyBody,
): Promise<SlaPolicyView> {
  const now = ctx.clock.now();
  await ctx.db.kysely
    .transaction()
    .execute(async (trx) => {
      const row = await findSlaPolicy(trx, actor.accountId, id);
      if (!row) throw notFound('SLA policy');
      if (row.version !== body.version) {
        throw new AppError('CONFLICT', 'The SLA policy changed since you read it; load it again', {
          currentVersion: row.version,
        });
      }
      if (body.name !== undefined && body.name !== row.name) {
        const other = await findSlaPolicyByName(trx, actor.accountId, body.name);
        if (other && other.id !== id) throw nameTaken();
      }
      await checkReferences(trx, actor.accountId, {
        calendarId: body.calendarId,
        typeIds: body.conditions?.typeIds,
        onBreach: body.onBreach,
      });
      const { version: _version, position, ...changes } = body;
      await updateSlaPolicy(trx, actor.accountId, id, {
        ...columnsOf(changes),
        version: row.version + 1,
        updated_at: now,
      });
      if (position !== undefined && position !== row.position) {
        const others = (await listSlaPolicies(trx, actor.accountId)).filter((p) => p.id !== id).map((p) => p.id);
        others.splice(Math.min(position, others.length), 0, id);
        await reorderSlaPolicies(trx, actor.accountId, others);
      }
      const details = Object.fromEntries(
        Object.entries({ ...changes, ...(position !== undefined ? { position } : {}) }).map(([key, to]) => [
          key,
          { from: previousValue(row, key), to },
        ]),
      );
      await recordAudit(
        trx,
        actor,
        { action: 'sla_policy.updated', target: { type: 'sla_policy', id }, details: { name: row.name, ...details } },
        now,
      );
      await recheckOpenTicketSlas(trx, actor.accountId, now);
    })
    .catch(nameRace);
  return loadSlaPolicyView(ctx.db.kysely, actor.accountId, id);
}

/** A setting's value before a change, as the request would name it, for the audit log. */
function previousValue(row: SlaPolicyRow, key: string): unknown {
  switch (key) {
    case 'name':
      return row.name;
    case 'description':
      return row.description;
    case 'enabled':
      return row.enabled === 1;
    case 'conditions':
      return JSON.parse(row.conditions);
    case 'calendarId':
      return row.calendar_id;
    case 'targets':
      return {
        firstResponseMinutes: row.first_response_minutes,
        nextResponseMinutes: row.next_response_minutes,
        resolutionMinutes: row.resolution_minutes,
      };
    case 'warning':
      return { mode: row.warn_mode, value: row.warn_value };
    case 'onBreach':
      return JSON.parse(row.on_breach);
    case 'pauseWhenPending':
      return row.pause_when_pending === 1;
    case 'position':
      return row.position;
    default:
      return null;
  }
}

export async function slaPolicyDeleter(ctx: AppContext, actor: AuditActor, id: string): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const row = await findSlaPolicy(trx, actor.accountId, id);
    if (!row) throw notFound('SLA policy');
    await deleteSlaPolicy(trx, actor.accountId, id);
    await reorderSlaPolicies(
      trx,
      actor.accountId,
      (await listSlaPolicies(trx, actor.accountId)).map((p) => p.id),
    );
    await recordAudit(
      trx,
      actor,
      { action: 'sla_policy.deleted', target: { type: 'sla_policy', id }, details: { name: row.name } },
      now,
    );
    await recheckOpenTicketSlas(trx, actor.accountId, now);
  });
}
