import type { BulkAssignBody, BulkCloseBody, BulkResponse, BulkResult } from '@kefu/shared';
import type { AppContext } from '../context.js';
import type { Actor } from '../http/actor.js';
import { AppError } from '../http/appError.js';
import { noteWithChange } from '../tickets/resolutionCommands.js';
import { type TicketChange, ticketChange, userActor } from '../tickets/ticketChange.js';
import { checkTicketReferences } from '../tickets/ticketReferences.js';
import { findTicket } from '../tickets/ticketRepository.js';
import { blockedError, manualTransition } from '../tickets/ticketTransitions.js';
import { ticketUpdater } from '../tickets/ticketUpdater.js';
import { manualTransitionsFrom, stateOf, transitionBlockers } from '../tickets/workflowEngine.js';

type BulkItem = { id: string; version?: number | undefined };

/**
 * Runs `apply` for each ticket in turn, each its own change (its own transaction: applied whole or not at all),
 * and reports every outcome in request order. A refusal is the error a single request would get.
 */
async function eachTicket(
  ctx: AppContext,
  actor: Actor,
  items: BulkItem[],
  apply: (item: BulkItem) => Promise<void>,
): Promise<BulkResponse> {
  const results: BulkResult[] = [];
  for (const item of items) {
    try {
      await apply(item);
      const after = await findTicket(ctx.db.kysely, actor.accountId, item.id);
      results.push({ id: item.id, ok: true, version: after?.version ?? null, error: null });
    } catch (error) {
      if (!(error instanceof AppError))
        ctx.log.error({ err: error, ticketId: item.id }, 'bulk change of a ticket failed');
      const known =
        error instanceof AppError ? error : new AppError('INTERNAL', 'Something went wrong with this ticket');
      results.push({
        id: item.id,
        ok: false,
        version: null,
        error: { code: known.code, message: known.message, details: known.details },
      });
    }
  }
  const succeeded = results.filter((r) => r.ok).length;
  return { results, succeeded, failed: results.length - succeeded };
}

/** The version to change from: the one the client read, else the ticket's current one. */
async function versionOf(ctx: AppContext, actor: Actor, item: BulkItem): Promise<number> {
  if (item.version !== undefined) return item.version;
  const ticket = await findTicket(ctx.db.kysely, actor.accountId, item.id);
  if (!ticket) throw new AppError('NOT_FOUND', 'Ticket not found');
  return ticket.version;
}

/**
 * Assigns many tickets, each through the same change as PATCH /api/tickets/:id (watchers, notifications,
 * timeline, SLA). The person and team are checked once: naming someone unusable refuses the whole request.
 */
export async function bulkAssigner(ctx: AppContext, actor: Actor, body: BulkAssignBody): Promise<BulkResponse> {
  await checkTicketReferences(ctx.db.kysely, actor.accountId, { assigneeId: body.assigneeId, teamId: body.teamId });
  return eachTicket(ctx, actor, body.tickets, async (item) => {
    await ticketUpdater(ctx, userActor(actor), item.id, {
      version: await versionOf(ctx, actor, item),
      ...(body.assigneeId !== undefined ? { assigneeId: body.assigneeId } : {}),
      ...(body.teamId !== undefined ? { teamId: body.teamId } : {}),
    });
  });
}

/**
 * The manual transition that closes the ticket from its state, whose conditions hold for the caller; else why
 * not: INVALID_TRANSITION when the workflow has no such transition from here (a complaint closes only by its
 * satisfied follow-up), otherwise the first one's blockers.
 */
async function closingTransition(change: TicketChange): Promise<string> {
  const workflow = change.type.workflow;
  const state = change.current.state;
  const closing = manualTransitionsFrom(workflow, state).filter((t) => stateOf(workflow, t.to).category === 'closed');
  const first = closing[0];
  if (!first) {
    throw new AppError(
      'INVALID_TRANSITION',
      `No manual way to close a ticket in the state ${stateOf(workflow, state).name}`,
      {
        state,
      },
    );
  }
  const facts = await change.facts();
  const caller = change.actor.type === 'user' ? { role: change.actor.role } : null;
  const allowed = closing.find((t) => transitionBlockers(workflow, t, facts, caller).length === 0);
  if (!allowed) throw blockedError(first, transitionBlockers(workflow, first, facts, caller));
  return allowed.key;
}

/** Closes many tickets, each by a manual transition of its own workflow (conditions checked, as one by one). */
export async function bulkCloser(ctx: AppContext, actor: Actor, body: BulkCloseBody): Promise<BulkResponse> {
  return eachTicket(ctx, actor, body.tickets, async (item) => {
    const options = item.version === undefined ? {} : { expectedVersion: item.version };
    await ticketChange(ctx, userActor(actor), item.id, options, async (change) => {
      await manualTransition(change, await closingTransition(change));
      await noteWithChange(change, body.comment);
    });
  });
}
