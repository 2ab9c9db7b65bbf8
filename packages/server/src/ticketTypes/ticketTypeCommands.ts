import {
  type CreateTicketTypeBody,
  TICKET_TYPE_LIMITS,
  type TicketTypeView,
  type UpdateTicketTypeBody,
  workflowProblems,
} from '@kefu/shared';
import type { AuditActor } from '../audit/auditRecorder.js';
import { recordAudit } from '../audit/auditRecorder.js';
import type { AppContext } from '../context.js';
import { isUniqueViolation } from '../conversations/messageCreator.js';
import { newId } from '../db/ids.js';
import type { Executor } from '../db/transaction.js';
import { AppError, notFound } from '../http/appError.js';
import { presentTicketType, ticketTypeOf } from './ticketTypePresenter.js';
import {
  countTicketTypes,
  deleteTicketType,
  findTicketType,
  findTicketTypeByName,
  insertTicketType,
  recategoriseTickets,
  ticketCountsByState,
  ticketCountsByType,
  updateTicketType,
} from './ticketTypeRepository.js';

const nameTaken = () =>
  new AppError('CONFLICT', 'A ticket type with this name already exists', [
    { field: 'body.name', issue: 'is already in use' },
  ]);

function nameRace(error: unknown): never {
  throw isUniqueViolation(error) ? nameTaken() : error;
}

export async function loadTicketTypeView(db: Executor, accountId: string, id: string): Promise<TicketTypeView> {
  const row = await findTicketType(db, accountId, id);
  if (!row) throw notFound('Ticket type');
  return presentTicketType(row, (await ticketCountsByType(db, accountId)).get(id) ?? 0);
}

export async function ticketTypeCreator(
  ctx: AppContext,
  actor: AuditActor,
  body: CreateTicketTypeBody,
  db: Executor = ctx.db.kysely,
): Promise<TicketTypeView> {
  const now = ctx.clock.now();
  const id = newId(now);
  const work = async (trx: Executor) => {
    const count = await countTicketTypes(trx, actor.accountId);
    if (count >= TICKET_TYPE_LIMITS.typesPerWorkspace) {
      throw new AppError('CONFLICT', `A workspace has at most ${TICKET_TYPE_LIMITS.typesPerWorkspace} ticket types`);
    }
    if (await findTicketTypeByName(trx, actor.accountId, body.name)) throw nameTaken();
    await insertTicketType(trx, {
      id,
      account_id: actor.accountId,
      name: body.name,
      description: body.description,
      enabled: body.enabled ? 1 : 0,
      widget_enabled: body.widgetEnabled ? 1 : 0,
      default_priority: body.defaultPriority,
      fields: JSON.stringify(body.fields),
      workflow: JSON.stringify(body.workflow),
      position: count,
      version: 1,
      created_at: now,
      updated_at: now,
    });
    await recordAudit(
      trx,
      actor,
      {
        action: 'ticket_type.created',
        target: { type: 'ticket_type', id },
        details: { name: body.name, fields: body.fields.length, states: body.workflow.states.length },
      },
      now,
    );
  };
  // The demo seeder passes its own transaction; routes get one of their own.
  if (db === ctx.db.kysely) await ctx.db.kysely.transaction().execute(work).catch(nameRace);
  else await work(db);
  return loadTicketTypeView(db, actor.accountId, id);
}

export async function ticketTypeUpdater(
  ctx: AppContext,
  actor: AuditActor,
  id: string,
  body: UpdateTicketTypeBody,
): Promise<TicketTypeView> {
  const now = ctx.clock.now();
  await ctx.db.kysely
    .transaction()
    .execute(async (trx) => {
      const row = await findTicketType(trx, actor.accountId, id);
      if (!row) throw notFound('Ticket type');
      if (row.version !== body.version) {
        throw new AppError('CONFLICT', 'The ticket type changed since you read it; load it again', {
          currentVersion: row.version,
        });
      }
      const before = ticketTypeOf(row);
      const fields = body.fields ?? before.fields;
      const workflow = body.workflow ?? before.workflow;
      const problems = workflowProblems(workflow, fields);
      if (problems.length > 0) {
        throw new AppError(
          'VALIDATION_FAILED',
          'The workflow does not fit: fix the problems listed',
          problems.map((p) => ({ field: ['body', 'workflow', ...p.path].join('.'), issue: p.message })),
        );
      }
      if (body.name !== undefined && body.name !== row.name) {
        const other = await findTicketTypeByName(trx, actor.accountId, body.name);
        if (other && other.id !== id) throw nameTaken();
      }
      if (body.workflow) await keepTicketsInKnownStates(trx, actor.accountId, id, body.workflow.states);
      const changed = await updateTicketType(
        trx,
        actor.accountId,
        id,
        row.version,
        {
          ...(body.name !== undefined ? { name: body.name } : {}),
          ...(body.description !== undefined ? { description: body.description } : {}),
          ...(body.enabled !== undefined ? { enabled: body.enabled ? 1 : 0 } : {}),
          ...(body.widgetEnabled !== undefined ? { widget_enabled: body.widgetEnabled ? 1 : 0 } : {}),
          ...(body.defaultPriority !== undefined ? { default_priority: body.defaultPriority } : {}),
          ...(body.fields !== undefined ? { fields: JSON.stringify(body.fields) } : {}),
          ...(body.workflow !== undefined ? { workflow: JSON.stringify(body.workflow) } : {}),
          ...(body.position !== undefined ? { position: body.position } : {}),
        },
        now,
      );
      if (!changed) throw new AppError('CONFLICT', 'The ticket type changed since you read it; load it again');
      await recordAudit(
        trx,
        actor,
        {
          action: 'ticket_type.updated',
          target: { type: 'ticket_type', id },
          details: {
            name: row.name,
            changed: Object.keys(body).filter((key) => key !== 'version'),
            ...(body.name !== undefined && body.name !== row.name
              ? { renamed: { from: row.name, to: body.name } }
              : {}),
            version: row.version + 1,
          },
        },
        now,
      );
    })
    .catch(nameRace);
  return loadTicketTypeView(ctx.db.kysely, actor.accountId, id);
}

/**
 * A new workflow may not drop a state tickets are in (they would be stranded); a state whose category changes
 * takes its tickets along, so lists by category stay right.
 */
async function keepTicketsInKnownStates(
  trx: Executor,
  accountId: string,
  typeId: string,
  states: { key: string; category: string }[],
): Promise<void> {
  const counts = await ticketCountsByState(trx, accountId, typeId);
  const byKey = new Map(states.map((s) => [s.key, s]));
  const stranded = [...counts].filter(([state]) => !byKey.has(state));
  if (stranded.length > 0) {
    throw new AppError('CONFLICT', 'Tickets are still in states the new workflow drops; move them first', {
      statesInUse: Object.fromEntries(stranded),
    });
  }
  for (const state of counts.keys())
    await recategoriseTickets(trx, accountId, typeId, state, byKey.get(state)!.category);
}

export async function ticketTypeDeleter(ctx: AppContext, actor: AuditActor, id: string): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const row = await findTicketType(trx, actor.accountId, id);
    if (!row) throw notFound('Ticket type');
    const tickets = (await ticketCountsByType(trx, actor.accountId)).get(id) ?? 0;
    if (tickets > 0) {
      throw new AppError('CONFLICT', 'Tickets of this type exist; disable the type instead', { tickets });
    }
    await deleteTicketType(trx, actor.accountId, id);
    await recordAudit(
      trx,
      actor,
      { action: 'ticket_type.deleted', target: { type: 'ticket_type', id }, details: { name: row.name } },
      now,
    );
  });
}
