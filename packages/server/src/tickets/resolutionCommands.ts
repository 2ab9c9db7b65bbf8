import type { ApprovalBody, FollowUpBody, ProposeResolutionBody, TransitionBody } from '@kefu/shared';
import type { AppContext } from '../context.js';
import { newId } from '../db/ids.js';
import { AppError } from '../http/appError.js';
import { type TicketActor, type TicketChange, ticketChange, type UserTicketActor } from './ticketChange.js';
import { insertComment } from './ticketCommentRepository.js';
import {
  findResolution,
  insertApproval,
  insertFollowUp,
  insertResolution,
  listApprovals,
  type ResolutionRow,
  supersedeOpenResolutions,
  updateResolution,
} from './ticketRecordRepository.js';
import { activeUsersWithRoles } from './ticketRefsRepository.js';
import { fireEvent, manualTransition, transitionForEvent } from './ticketTransitions.js';

type UserActor = UserTicketActor;

const cents = (yuan: number) => Math.round(yuan * 100);

/** Someone answered the customer (a reply, a call, a decision or follow-up taken with them): the promise is kept. */
export function keepPromise(change: TicketChange): void {
  const ticket = change.current;
  if (ticket.promised_reply_at === null || ticket.promise_kept_at !== null) return;
  change.set({ promise_kept_at: change.now });
  change.record({
    action: 'updated',
    field: 'promisedReply.keptAt',
    from: null,
    to: new Date(change.now).toISOString(),
  });
}

/** An internal comment saved with a change (why it was made). */
export async function noteWithChange(change: TicketChange, body: string): Promise<void> {
  if (body.length === 0 || change.actor.type !== 'user') return;
  const id = newId(change.now);
  await insertComment(change.trx, {
    id,
    account_id: change.before.account_id,
    ticket_id: change.before.id,
    kind: 'internal',
    body,
    author_type: 'user',
    author_id: change.actor.userId,
    author_name: change.actor.name,
    mentions: '[]',
    task_id: null,
    conversation_id: null,
    message_id: null,
    files: '[]',
    created_at: change.now,
  });
  change.record({ action: 'comment.added', appended: true, detail: { commentId: id } });
}

export async function transitionPerformer(ctx: AppContext, actor: UserActor, ticketId: string, body: TransitionBody) {
  await ticketChange(ctx, actor, ticketId, { expectedVersion: body.version }, async (change) => {
    await manualTransition(change, body.transition);
    await noteWithChange(change, body.comment);
  });
}

async function currentResolution(change: TicketChange, resolutionId: string): Promise<ResolutionRow> {
  const currentId = change.current.current_resolution_id;
  const resolution = currentId ? await findResolution(change.trx, change.before.id, currentId) : undefined;
  if (!resolution || resolution.id !== resolutionId) {
    throw new AppError('CONFLICT', 'That is not the current resolution of the ticket; load it again', {
      currentResolutionId: currentId,
    });
  }
  return resolution;
}

/** Approvers to ask: admins and supervisors, except the proposer and anyone who decided already. */
async function approverIds(change: TicketChange, except: string[]): Promise<string[]> {
  const approvers = await activeUsersWithRoles(change.trx, change.before.account_id, ['admin', 'supervisor']);
  return approvers.map((a) => a.id).filter((id) => !except.includes(id));
}

/**
 * Proposes a resolution (处理方案): it replaces any earlier one and fires the state's `resolution.proposed`
 * transition (e.g. 处理中 → 待审批), whose required fields must be filled. Above the workflow's amount it needs
 * two approvers.
 */
export async function resolutionProposer(
  ctx: AppContext,
  actor: UserActor,
  ticketId: string,
  body: ProposeResolutionBody,
): Promise<void> {
  await ticketChange(ctx, actor, ticketId, { expectedVersion: body.version }, async (change) => {
    transitionForEvent(change, 'resolution.proposed');
    const threshold = change.type.workflow.secondApprovalAbove;
    const requiredApprovals = threshold !== null && body.compensationAmount > threshold ? 2 : 1;
    const id = newId(change.now);
    await supersedeOpenResolutions(change.trx, change.before.id, change.now);
    await insertResolution(change.trx, {
      id,
      account_id: change.before.account_id,
      ticket_id: change.before.id,
      summary: body.summary,
      compensation_cents: cents(body.compensationAmount),
      status: 'pending',
      required_approvals: requiredApprovals,
      proposed_by: actor.userId,
      proposer_name: actor.name,
      approved_at: null,
      customer_decision: null,
      customer_decision_by: null,
      customer_recorder_id: null,
      customer_recorder_name: null,
      customer_channel: null,
      customer_note: null,
      customer_decided_at: null,
      created_at: change.now,
      updated_at: change.now,
    });
    change.set({ current_resolution_id: id });
    change.record({
      action: 'resolution.proposed',
      field: 'resolution',
      from: change.before.current_resolution_id,
      to: id,
      detail: { summary: body.summary, compensationAmount: body.compensationAmount, requiredApprovals },
    });
    await fireEvent(change, 'resolution.proposed');
    change.notify(await approverIds(change, [actor.userId]), 'approval.requested', {
      resolutionId: id,
      compensationAmount: body.compensationAmount,
    });
  });
}

/**
 * An approver decides on the current resolution. The proposer may not approve their own, nobody decides twice,
 * and above the amount the second approval must come from a different person (the database holds one decision
 * per person and resolution too). Approved by enough people, the `resolution.approved` transition fires; a
 * rejection fires `resolution.rejected` (back to 处理中) and tells the proposer why.
 */
export async function approvalRecorder(ctx: AppContext, actor: UserActor, ticketId: string, body: ApprovalBody) {
  await ticketChange(ctx, actor, ticketId, {}, async (change) => {
    const resolution = await currentResolution(change, body.resolutionId);
    if (resolution.status !== 'pending') {
      throw new AppError('CONFLICT', `The resolution is ${resolution.status}, no longer awaiting approval`, {
        currentResolutionId: resolution.id,
        status: resolution.status,
      });
    }
    transitionForEvent(change, body.decision === 'approve' ? 'resolution.approved' : 'resolution.rejected');
    if (resolution.proposed_by === actor.userId) {
      throw new AppError('APPROVER_NOT_ELIGIBLE', 'You proposed this resolution; another approver must decide');
    }
    const earlier = (await listApprovals(change.trx, change.before.id)).filter(
      (a) => a.resolution_id === resolution.id,
    );
    if (earlier.some((a) => a.approver_id === actor.userId)) {
      throw new AppError(
        'APPROVER_NOT_ELIGIBLE',
        'You approved this resolution already; the second approver must be someone else',
      );
    }
    const level = earlier.length + 1;
    await insertApproval(change.trx, {
      id: newId(change.now),
      account_id: change.before.account_id,
      ticket_id: change.before.id,
      resolution_id: resolution.id,
      approver_id: actor.userId,
      approver_name: actor.name,
      approver_role: actor.role,
      decision: body.decision === 'approve' ? 'approved' : 'rejected',
      reason: body.reason,
      level,
      created_at: change.now,
    });
    const tell = [resolution.proposed_by, change.current.assignee_id];
    if (body.decision === 'reject') {
      await updateResolution(change.trx, resolution.id, { status: 'rejected', updated_at: change.now });
      change.record({
        action: 'approval.rejected',
        field: 'resolution.status',
        from: 'pending',
        to: 'rejected',
        detail: { resolutionId: resolution.id, level, reason: body.reason },
      });
      await fireEvent(change, 'resolution.rejected');
      change.notify(tell, 'approval.rejected', { resolutionId: resolution.id, reason: body.reason });
      return;
    }
    const complete = level >= resolution.required_approvals;
    if (complete) {
      await updateResolution(change.trx, resolution.id, {
        status: 'approved',
        approved_at: change.now,
        updated_at: change.now,
      });
    }
    change.record({
      action: 'approval.approved',
      field: 'resolution.status',
      from: 'pending',
      to: complete ? 'approved' : 'pending',
      detail: {
        resolutionId: resolution.id,
        level,
        requiredApprovals: resolution.required_approvals,
        reason: body.reason,
      },
    });
    if (complete) {
      await fireEvent(change, 'resolution.approved');
      change.notify(tell, 'approval.approved', { resolutionId: resolution.id });
    } else {
      const decided = [resolution.proposed_by, ...earlier.map((a) => a.approver_id), actor.userId];
      change.notify(await approverIds(change, decided), 'approval.requested', {
        resolutionId: resolution.id,
        level: level + 1,
      });
    }
  });
}

export interface CustomerDecision {
  resolutionId: string;
  decision: 'accept' | 'reject';
  channel: string;
  note: string;
  /** Staff recording it send the version they read; the widget does not know one. */
  version?: number;
}

/**
 * The customer accepts or rejects the approved resolution (签下处理协议), in the widget or through staff who
 * reached them. Fires `customer.accepted` (→ 执行中) or `customer.rejected` (→ 处理中, for a new proposal).
 */
export async function customerDecisionRecorder(
  ctx: AppContext,
  actor: TicketActor,
  ticketId: string,
  input: CustomerDecision,
  guard?: Parameters<typeof ticketChange>[3]['guard'],
): Promise<void> {
  const options = {
    ...(input.version !== undefined ? { expectedVersion: input.version } : {}),
    ...(guard ? { guard } : {}),
  };
  await ticketChange(ctx, actor, ticketId, options, async (change) => {
    const resolution = await currentResolution(change, input.resolutionId);
    if (resolution.status !== 'approved' || resolution.customer_decision !== null) {
      throw new AppError('CONFLICT', 'The resolution is not waiting for the customer', {
        currentResolutionId: resolution.id,
        status: resolution.status,
        customerDecision: resolution.customer_decision,
      });
    }
    const trigger = input.decision === 'accept' ? 'customer.accepted' : 'customer.rejected';
    transitionForEvent(change, trigger);
    const byStaff = actor.type === 'user';
    await updateResolution(change.trx, resolution.id, {
      customer_decision: input.decision === 'accept' ? 'accepted' : 'rejected',
      customer_decision_by: byStaff ? 'staff' : 'customer',
      customer_recorder_id: byStaff ? actor.userId : null,
      customer_recorder_name: byStaff ? actor.name : null,
      customer_channel: input.channel,
      customer_note: input.note,
      customer_decided_at: change.now,
      updated_at: change.now,
    });
    change.record({
      action: trigger,
      field: 'resolution.customerDecision',
      from: null,
      to: input.decision === 'accept' ? 'accepted' : 'rejected',
      detail: {
        resolutionId: resolution.id,
        by: byStaff ? 'staff' : 'customer',
        channel: input.channel,
        note: input.note,
      },
    });
    if (byStaff) keepPromise(change);
    await fireEvent(change, trigger);
    change.notify(await change.followers(), 'customer.decided', {
      resolutionId: resolution.id,
      decision: input.decision,
    });
  });
}

/**
 * The follow-up record (回访记录): who called (the caller), when, how, satisfied or not, notes. Satisfied fires
 * `followUp.satisfied` (→ 已关闭, which in a closed loop also needs the approval, consent and done tasks);
 * unsatisfied fires `followUp.unsatisfied` and the ticket reopens.
 */
export async function followUpRecorder(ctx: AppContext, actor: UserActor, ticketId: string, body: FollowUpBody) {
  await ticketChange(ctx, actor, ticketId, { expectedVersion: body.version }, async (change) => {
    const trigger = body.satisfied ? 'followUp.satisfied' : 'followUp.unsatisfied';
    transitionForEvent(change, trigger);
    const contactedAt = body.contactedAt ? Date.parse(body.contactedAt) : change.now;
    if (contactedAt > change.now + 60_000) {
      throw new AppError('VALIDATION_FAILED', 'A follow-up is recorded after it took place', [
        { field: 'body.contactedAt', issue: 'must not be in the future' },
      ]);
    }
    const id = newId(change.now);
    await insertFollowUp(change.trx, {
      id,
      account_id: change.before.account_id,
      ticket_id: change.before.id,
      resolution_id: change.current.current_resolution_id,
      recorded_by: actor.userId,
      recorder_name: actor.name,
      contacted_at: contactedAt,
      channel: body.channel,
      satisfied: body.satisfied ? 1 : 0,
      notes: body.notes,
      created_at: change.now,
    });
    change.record({
      action: 'follow_up.recorded',
      detail: { followUpId: id, satisfied: body.satisfied, channel: body.channel, notes: body.notes },
    });
    keepPromise(change);
    await fireEvent(change, trigger);
    change.notify(await change.followers(), body.satisfied ? 'follow_up.satisfied' : 'follow_up.unsatisfied', {
      followUpId: id,
    });
  });
}
