import type {
  AnyTicketView,
  CallLogView,
  FollowUpView,
  ResolutionView,
  RestrictedTicketView,
  TicketListQuery,
  TicketSummary,
  TicketView,
} from '@kefu/shared';
import { findContact } from '../contacts/contactRepository.js';
import { maskEmail, maskPhone } from '../contacts/masking.js';
import type { AppContext } from '../context.js';
import type { Executor } from '../db/transaction.js';
import { presentTask } from '../departmentTasks/taskPresenter.js';
import { listTasksOfTicket, type TaskRow } from '../departmentTasks/taskRepository.js';
import { seesAllTickets, sharedTasksOf } from '../departmentTasks/taskVisibility.js';
import type { Actor } from '../http/actor.js';
import { notFound } from '../http/appError.js';
import { loadTicketSlas } from '../sla/slaReader.js';
import { type TicketType, ticketTypeOf } from '../ticketTypes/ticketTypePresenter.js';
import { findTicketType, listTicketTypes } from '../ticketTypes/ticketTypeRepository.js';
import { viewScopeOf } from '../ticketViews/builtInViews.js';
import { listTicketFiles, type TicketFileMeta } from './ticketCommentRepository.js';
import { presentFieldValues, presentTicketSummary, stateViewOf, type TicketRefs } from './ticketPresenter.js';
import {
  type ApprovalRow,
  type CallRow,
  type FollowUpRow,
  listApprovals,
  listCalls,
  listFollowUps,
  listResolutions,
  type ResolutionRow,
} from './ticketRecordRepository.js';
import { contactNamesOf, teamNamesOf, userNamesOf } from './ticketRefsRepository.js';
import {
  findTicket,
  linkedConversations,
  listTickets,
  type TicketListFilter,
  type TicketRow,
  transcriptSizes,
  watcherIdsOf,
} from './ticketRepository.js';
import { awaitedEvents, manualTransitionsFrom, stateOf, transitionBlockers } from './workflowEngine.js';
import { workflowFactsOf } from './workflowFacts.js';

const iso = (ms: number) => new Date(ms).toISOString();
const yuan = (cents: number) => cents / 100;

/** A ticket the caller may see, or NOT_FOUND: department users see only tickets a task of theirs belongs to. */
export async function readableTicket(
  db: Executor,
  actor: Actor,
  ticketId: string,
): Promise<{ ticket: TicketRow; sharedTasks: TaskRow[] | null }> {
  const ticket = await findTicket(db, actor.accountId, ticketId);
  if (!ticket) throw notFound('Ticket');
  if (seesAllTickets(actor.role)) return { ticket, sharedTasks: null };
  const sharedTasks = await sharedTasksOf(db, actor.accountId, actor.userId, ticket.id);
  if (sharedTasks.length === 0) throw notFound('Ticket');
  return { ticket, sharedTasks };
}

/** Staff-only parts of a ticket (timeline, comments, transcripts): a department user gets NOT_FOUND, as for any. */
export async function staffTicket(db: Executor, actor: Actor, ticketId: string): Promise<TicketRow> {
  const { ticket, sharedTasks } = await readableTicket(db, actor, ticketId);
  if (sharedTasks) throw notFound('Ticket');
  return ticket;
}

async function typeOf(db: Executor, ticket: TicketRow): Promise<TicketType> {
  const row = await findTicketType(db, ticket.account_id, ticket.type_id);
  if (!row) throw notFound('Ticket type');
  return ticketTypeOf(row);
}

async function filesOfValues(db: Executor, ticket: TicketRow, type: TicketType): Promise<Map<string, TicketFileMeta>> {
  const values = JSON.parse(ticket.fields) as Record<string, unknown>;
  const ids = type.fields
    .filter((f) => f.kind === 'attachment')
    .flatMap((f) => (values[f.key] as string[] | undefined) ?? []);
  return new Map((await listTicketFiles(db, ticket.id, ids)).map((f) => [f.id, f]));
}

export async function loadTicketView(ctx: AppContext, actor: Actor, ticketId: string): Promise<AnyTicketView> {
  const db = ctx.db.kysely;
  const { ticket, sharedTasks } = await readableTicket(db, actor, ticketId);
  return sharedTasks ? restrictedView(ctx, db, ticket, sharedTasks) : fullView(ctx, db, actor, ticket);
}

function presentResolution(row: ResolutionRow, approvals: ApprovalRow[]): ResolutionView {
  return {
    id: row.id,
    summary: row.summary,
    compensationAmount: yuan(row.compensation_cents),
    status: row.status as ResolutionView['status'],
    requiredApprovals: row.required_approvals,
    proposedBy: { id: row.proposed_by, name: row.proposer_name },
    proposedAt: iso(row.created_at),
    approvals: approvals
      .filter((a) => a.resolution_id === row.id)
      .map((a) => ({
        id: a.id,
        approver: { id: a.approver_id, name: a.approver_name },
        approverRole: a.approver_role,
        decision: a.decision as 'approved' | 'rejected',
        reason: a.reason,
        level: a.level,
        createdAt: iso(a.created_at),
      })),
    customerDecision:
      row.customer_decision === null || row.customer_decided_at === null
        ? null
        : {
            decision: row.customer_decision as 'accepted' | 'rejected',
            by: row.customer_decision_by as 'customer' | 'staff',
            recordedBy: row.customer_recorder_id
              ? { id: row.customer_recorder_id, name: row.customer_recorder_name ?? '' }
              : null,
            channel: row.customer_channel ?? '',
            note: row.customer_note ?? '',
            at: iso(row.customer_decided_at),
          },
  };
}

function presentFollowUp(row: FollowUpRow): FollowUpView {
  return {
    id: row.id,
    resolutionId: row.resolution_id,
    recordedBy: { id: row.recorded_by, name: row.recorder_name },
    contactedAt: iso(row.contacted_at),
    channel: row.channel,
    satisfied: row.satisfied === 1,
    notes: row.notes,
    createdAt: iso(row.created_at),
  };
}

function presentCall(row: CallRow): CallLogView {
  return {
    id: row.id,
    phoneNumber: maskPhone(row.phone_number) ?? '',
    direction: row.direction as CallLogView['direction'],
    startedAt: iso(row.started_at),
    durationSeconds: row.duration_seconds,
    summary: row.summary,
    recordedBy: row.recorded_by ? { id: row.recorded_by, name: row.recorder_name ?? '' } : null,
    createdAt: iso(row.created_at),
  };
}

async function fullView(ctx: AppContext, db: Executor, actor: Actor, ticket: TicketRow): Promise<TicketView> {
  const now = ctx.clock.now();
  const type = await typeOf(db, ticket);
  const contact = await findContact(db, ticket.account_id, ticket.contact_id);
  const watcherIds = await watcherIdsOf(db, ticket.id);
  const tasks = await listTasksOfTicket(db, ticket.id);
  const users = await userNamesOf(db, ticket.account_id, [
    ...(ticket.assignee_id ? [ticket.assignee_id] : []),
    ...watcherIds,
    ...tasks.flatMap((t) => (t.owner_id ? [t.owner_id] : [])),
  ]);
  const teams = await teamNamesOf(db, ticket.account_id, ticket.team_id ? [ticket.team_id] : []);
  const refs: TicketRefs = {
    users,
    teams,
    types: new Map([[type.id, type]]),
    slas: await loadTicketSlas(db, ticket.account_id, [ticket.id], now),
  };
  const summary = presentTicketSummary(ticket, contact?.name ?? '', refs, now);
  const resolutions = await listResolutions(db, ticket.id);
  const approvals = await listApprovals(db, ticket.id);
  const sizes = await transcriptSizes(db, ticket.id);
  const facts = await workflowFactsOf(db, ticket);
  const ref = { id: ticket.id, number: ticket.number, title: ticket.title };
  const { fields } = presentFieldValues(
    type.fields,
    JSON.parse(ticket.fields) as Record<string, unknown>,
    await filesOfValues(db, ticket, type),
    ticket.id,
    'mask',
  );
  const current = resolutions.find((r) => r.id === ticket.current_resolution_id);
  return {
    ...summary,
    access: 'full',
    description: ticket.description,
    contact: {
      id: ticket.contact_id,
      name: contact?.name ?? '',
      phone: maskPhone(contact?.phone ?? null),
      email: maskEmail(contact?.email ?? null),
      verified: contact?.verified === 1,
    },
    watchers: watcherIds.map((id) => ({ id, name: users.get(id) ?? '' })),
    recordedBy: ticket.recorded_by ? { id: ticket.recorded_by, name: ticket.recorder_name ?? '' } : null,
    fields,
    typeVersion: type.version,
    orderNumbers: JSON.parse(ticket.order_numbers) as string[],
    conversations: (await linkedConversations(db, ticket.id)).map((c) => ({
      id: c.id,
      inboxId: c.inbox_id,
      status: c.status,
      linkedAt: iso(c.linked_at),
      transcriptMessages: sizes.get(c.id) ?? 0,
    })),
    resolution: current ? presentResolution(current, approvals) : null,
    resolutions: resolutions.map((r) => presentResolution(r, approvals)),
    followUps: (await listFollowUps(db, ticket.id)).map(presentFollowUp),
    calls: (await listCalls(db, ticket.id)).map(presentCall),
    tasks: tasks.map((t) => presentTask(t, ref, users, now)),
    transitions: manualTransitionsFrom(type.workflow, ticket.state).map((t) => {
      const blockers = transitionBlockers(type.workflow, t, facts, { role: actor.role });
      return {
        key: t.key,
        name: t.name,
        to: stateViewOf(type.workflow, { state: t.to, state_category: stateOf(type.workflow, t.to).category }),
        allowed: blockers.length === 0,
        blockers,
      };
    }),
    awaiting: awaitedEvents(type.workflow, ticket.state),
    reopenCount: ticket.reopen_count,
  };
}

async function restrictedView(
  ctx: AppContext,
  db: Executor,
  ticket: TicketRow,
  sharedTasks: TaskRow[],
): Promise<RestrictedTicketView> {
  const now = ctx.clock.now();
  const type = await typeOf(db, ticket);
  const contact = await findContact(db, ticket.account_id, ticket.contact_id);
  const shares = sharedTasks.some((t) => t.share_contact === 1);
  const { fields, hidden } = presentFieldValues(
    type.fields,
    JSON.parse(ticket.fields) as Record<string, unknown>,
    await filesOfValues(db, ticket, type),
    ticket.id,
    shares ? 'show' : 'hide',
  );
  const users = await userNamesOf(
    db,
    ticket.account_id,
    sharedTasks.flatMap((t) => (t.owner_id ? [t.owner_id] : [])),
  );
  const current = ticket.current_resolution_id
    ? (await listResolutions(db, ticket.id)).find((r) => r.id === ticket.current_resolution_id)
    : undefined;
  const ref = { id: ticket.id, number: ticket.number, title: ticket.title };
  return {
    access: 'restricted',
    id: ticket.id,
    number: ticket.number,
    title: ticket.title,
    description: ticket.description,
    type: { id: type.id, name: type.name },
    state: stateViewOf(type.workflow, ticket),
    priority: ticket.priority as RestrictedTicketView['priority'],
    contact: {
      name: contact?.name ?? '',
      phone: shares ? (contact?.phone ?? null) : maskPhone(contact?.phone ?? null),
      email: shares ? (contact?.email ?? null) : maskEmail(contact?.email ?? null),
    },
    fields,
    form: type.fields
      .filter((f) => f.key in fields || hidden.includes(f.key))
      .map((f) => ({ key: f.key, label: f.label, kind: f.kind })),
    hiddenFields: hidden,
    orderNumbers: JSON.parse(ticket.order_numbers) as string[],
    resolution:
      current && current.status === 'approved'
        ? { summary: current.summary, compensationAmount: yuan(current.compensation_cents) }
        : null,
    tasks: sharedTasks.map((t) => presentTask(t, ref, users, now)),
    createdAt: iso(ticket.created_at),
    updatedAt: iso(ticket.updated_at),
    version: ticket.version,
  };
}

/** The list's query as the repository filters it, for the caller (the list and the export share it). */
export async function ticketListFilterOf(
  db: Executor,
  actor: Actor,
  query: Omit<TicketListQuery, 'cursor' | 'limit'>,
  now: number,
): Promise<Omit<TicketListFilter, 'limit'>> {
  const { assignee, ...filters } = query;
  return {
    ...filters,
    assigneeId: assignee === 'me' ? actor.userId : assignee === 'none' ? null : assignee,
    sharedWithUserId: seesAllTickets(actor.role) ? undefined : actor.userId,
    viewScope: query.view ? await viewScopeOf(db, actor, query.view, now) : undefined,
    now,
  };
}

/** A page of tickets, newest first; department users get only tickets shared with them. */
export async function loadTicketList(
  ctx: AppContext,
  actor: Actor,
  query: TicketListQuery,
): Promise<{ items: TicketSummary[]; nextCursor: string | null }> {
  const db = ctx.db.kysely;
  const now = ctx.clock.now();
  const rows = await listTickets(db, actor.accountId, {
    ...(await ticketListFilterOf(db, actor, query, now)),
    cursor: query.cursor,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const types = new Map((await listTicketTypes(db, actor.accountId)).map((row) => [row.id, ticketTypeOf(row)]));
  const refs: TicketRefs = {
    users: await userNamesOf(
      db,
      actor.accountId,
      page.flatMap((r) => (r.assignee_id ? [r.assignee_id] : [])),
    ),
    teams: await teamNamesOf(
      db,
      actor.accountId,
      page.flatMap((r) => (r.team_id ? [r.team_id] : [])),
    ),
    types,
    slas: await loadTicketSlas(
      db,
      actor.accountId,
      page.map((r) => r.id),
      now,
    ),
  };
  const contacts = await contactNamesOf(
    db,
    actor.accountId,
    page.map((r) => r.contact_id),
  );
  return {
    items: page.map((row) => presentTicketSummary(row, contacts.get(row.contact_id) ?? '', refs, now)),
    nextCursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
  };
}
