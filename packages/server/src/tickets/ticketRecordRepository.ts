import type {
  TicketApprovalsTable,
  TicketCallsTable,
  TicketFollowUpsTable,
  TicketResolutionsTable,
} from '../db/schema.js';
import type { Executor } from '../db/transaction.js';

export type ResolutionRow = TicketResolutionsTable;
export type ApprovalRow = TicketApprovalsTable;
export type FollowUpRow = TicketFollowUpsTable;
export type CallRow = TicketCallsTable;

export async function insertResolution(db: Executor, row: ResolutionRow): Promise<void> {
  await db.insertInto('ticket_resolutions').values(row).execute();
}

export function findResolution(db: Executor, ticketId: string, id: string): Promise<ResolutionRow | undefined> {
  return db
    .selectFrom('ticket_resolutions')
    .selectAll()
    .where('ticket_id', '=', ticketId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Newest first. */
export function listResolutions(db: Executor, ticketId: string): Promise<ResolutionRow[]> {
  return db
    .selectFrom('ticket_resolutions')
    .selectAll()
    .where('ticket_id', '=', ticketId)
    .orderBy('id', 'desc')
    .execute();
}

export async function updateResolution(
  db: Executor,
  id: string,
  changes: Partial<Omit<ResolutionRow, 'id' | 'account_id' | 'ticket_id'>>,
): Promise<void> {
  await db.updateTable('ticket_resolutions').set(changes).where('id', '=', id).execute();
}

/** A newer proposal replaces the pending or earlier ones as the one the ticket works to. */
export async function supersedeOpenResolutions(db: Executor, ticketId: string, now: number): Promise<void> {
  await db
    .updateTable('ticket_resolutions')
    .set({ status: 'superseded', updated_at: now })
    .where('ticket_id', '=', ticketId)
    .where('status', 'in', ['pending', 'approved'])
    .execute();
}

export async function insertApproval(db: Executor, row: ApprovalRow): Promise<void> {
  await db.insertInto('ticket_approvals').values(row).execute();
}

/** In the order given. */
export function listApprovals(db: Executor, ticketId: string): Promise<ApprovalRow[]> {
  return db.selectFrom('ticket_approvals').selectAll().where('ticket_id', '=', ticketId).orderBy('id').execute();
}

export async function insertFollowUp(db: Executor, row: FollowUpRow): Promise<void> {
  await db.insertInto('ticket_follow_ups').values(row).execute();
}

/** Newest first. */
export function listFollowUps(db: Executor, ticketId: string): Promise<FollowUpRow[]> {
  return db
    .selectFrom('ticket_follow_ups')
    .selectAll()
    .where('ticket_id', '=', ticketId)
    .orderBy('id', 'desc')
    .execute();
}

export async function insertCall(db: Executor, row: CallRow): Promise<void> {
  await db.insertInto('ticket_calls').values(row).execute();
}

/** Newest first. */
export function listCalls(db: Executor, ticketId: string): Promise<CallRow[]> {
  return db.selectFrom('ticket_calls').selectAll().where('ticket_id', '=', ticketId).orderBy('id', 'desc').execute();
}

export function findCall(db: Executor, ticketId: string, id: string): Promise<CallRow | undefined> {
  return db
    .selectFrom('ticket_calls')
    .selectAll()
    .where('ticket_id', '=', ticketId)
    .where('id', '=', id)
    .executeTakeFirst();
}
