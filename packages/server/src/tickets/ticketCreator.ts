import type { CreateTicketBody, ErrorDetail, TicketSource } from '@kefu/shared';
import { findAccount } from '../accounts/accountRepository.js';
import { insertContact } from '../contacts/contactRepository.js';
import type { AppContext } from '../context.js';
import { findConversation } from '../conversations/conversationRepository.js';
import { listMessages } from '../conversations/messageRepository.js';
import { newId } from '../db/ids.js';
import type { Executor } from '../db/transaction.js';
import { AppError } from '../http/appError.js';
import { type TicketType, ticketTypeOf } from '../ticketTypes/ticketTypePresenter.js';
import { findTicketType } from '../ticketTypes/ticketTypeRepository.js';
import { checkFieldValues } from './fieldValues.js';
import { actorUserId, changeWithin, settleChange, type TicketActor, type TicketChange } from './ticketChange.js';
import { storeFieldUploads } from './ticketFiles.js';
import { insertCall } from './ticketRecordRepository.js';
import { checkTicketReferences } from './ticketReferences.js';
import { addWatchers, insertTicket, linkConversation, takeTicketNumber } from './ticketRepository.js';
import { copyTranscript } from './transcripts.js';
import { initialState } from './workflowEngine.js';

export type NewTicket = CreateTicketBody & { source: TicketSource };

const invalid = (field: string, issue: string, message = `Invalid ${field}`) =>
  new AppError('VALIDATION_FAILED', message, [{ field, issue }]);

/** YYYY-MM-DD of an instant in a time zone. */
export function dateIn(now: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

export async function workspaceTimeZone(db: Executor, accountId: string): Promise<string> {
  return (await findAccount(db, accountId))?.timezone ?? 'Asia/Shanghai';
}

/** T-20260302-0001: the day in the workspace's time zone and the day's sequence. */
async function nextNumber(db: Executor, accountId: string, now: number): Promise<string> {
  const day = dateIn(now, await workspaceTimeZone(db, accountId)).replaceAll('-', '');
  const sequence = await takeTicketNumber(db, accountId, day);
  return `T-${day}-${String(sequence).padStart(4, '0')}`;
}

async function usableType(db: Executor, accountId: string, typeId: string, audience: 'staff' | 'customer') {
  const row = await findTicketType(db, accountId, typeId);
  if (!row) throw invalid('body.typeId', 'is not a ticket type of this workspace');
  const type = ticketTypeOf(row);
  if (!type.enabled) throw invalid('body.typeId', 'is disabled');
  if (audience === 'customer' && !type.widgetEnabled) throw invalid('body.typeId', 'is not offered in the widget');
  return type;
}

/** The customer: an existing contact, a new one (a caller), or the conversation's. */
async function contactFor(trx: Executor, accountId: string, body: NewTicket, now: number) {
  if (body.conversationId) {
    const conversation = await findConversation(trx, accountId, body.conversationId);
    if (!conversation) throw invalid('body.conversationId', 'is not a conversation of this workspace');
    if (body.contact) throw invalid('body.contact', 'the conversation names the customer already');
    if (body.contactId && body.contactId !== conversation.contact_id) {
      throw invalid('body.contactId', "is not the conversation's customer");
    }
    return conversation.contact_id;
  }
  if (body.contact) {
    const id = newId(now);
    await insertContact(trx, {
      id,
      account_id: accountId,
      name: body.contact.name,
      email: body.contact.email ?? null,
      phone: body.contact.phone ?? null,
      verified: 0,
      created_at: now,
      updated_at: now,
    });
    return id;
  }
  return body.contactId!;
}

/** A ticket from a conversation is titled with the customer's first words there. */
async function titleFromConversation(trx: Executor, accountId: string, conversationId: string): Promise<string> {
  const first = (
    await listMessages(trx, accountId, conversationId, { afterSeq: 0, limit: 20, includeNotes: false })
  ).find((m) => m.kind === 'incoming' && m.content.trim().length > 0);
  return first ? first.content.trim().replace(/\s+/g, ' ').slice(0, 100) : '会话工单';
}

/**
 * Creates a ticket in the type's initial state, from the console, a conversation (linked, its transcript
 * copied), a phone call (logged) or the API; the widget passes the customer as actor. The recorder (记录人) is
 * the staff member who creates it. Returns the new ticket's id.
 */
export async function ticketCreator(
  ctx: AppContext,
  creator: TicketActor,
  body: NewTicket,
  audience: 'staff' | 'customer',
): Promise<string> {
  const now = ctx.clock.now();
  const accountId = creator.accountId;
  const id = newId(now);
  const done = await ctx.db.kysely.transaction().execute(async (trx) => {
    const type = await usableType(trx, accountId, body.typeId, audience);
    await checkTicketReferences(trx, accountId, {
      contactId: body.conversationId ? undefined : body.contactId,
      assigneeId: body.assigneeId,
      teamId: body.teamId,
      categoryId: body.categoryId,
      watcherIds: body.watcherIds,
    });
    if (body.promisedReplyAt !== null && Date.parse(body.promisedReplyAt) <= now) {
      throw invalid('body.promisedReplyAt', 'must be in the future');
    }
    const today = dateIn(now, await workspaceTimeZone(trx, accountId));
    const check = checkFieldValues(type.fields, body.fields, {}, { mode: 'create', audience, now, today });
    if (check.issues.length > 0) throw formInvalid(check.issues);
    const contactId = await contactFor(trx, accountId, body, now);
    const initial = initialState(type.workflow);
    const recorderId = actorUserId(creator);
    const row = {
      id,
      account_id: accountId,
      number: await nextNumber(trx, accountId, now),
      type_id: type.id,
      title: body.title ?? (await titleFromConversation(trx, accountId, body.conversationId!)),
      description: body.description,
      state: initial.key,
      state_category: initial.category,
      priority: body.priority ?? type.defaultPriority,
      source: body.source,
      contact_id: contactId,
      assignee_id: body.assigneeId,
      team_id: body.teamId,
      category_id: body.categoryId,
      tags: JSON.stringify([...new Set(body.tags)]),
      fields: '{}',
      order_numbers: JSON.stringify([...new Set(body.orderNumbers)]),
      promised_reply_at: body.promisedReplyAt === null ? null : Date.parse(body.promisedReplyAt),
      promise_kept_at: null,
      promise_reminded_at: null,
      promise_overdue_at: null,
      current_resolution_id: null,
      open_task_count: 0,
      reopen_count: 0,
      recorded_by: recorderId,
      recorder_name: creator.type === 'user' ? creator.name : null,
      // The creating change below makes it version 1.
      version: 0,
      created_at: now,
      updated_at: now,
      closed_at: null,
    };
    await insertTicket(trx, row);
    const uploader = creator.type === 'user' ? { type: 'user' as const, id: creator.userId } : creatorContact(creator);
    const fields = await storeFieldUploads(trx, row, uploader, check.values, check.uploads, now);
    return changeWithin(ctx, trx, now, creator, row, type, (change) => creationOf(change, type, body, fields));
  });
  await settleChange(ctx, done);
  return id;
}

function creatorContact(creator: TicketActor) {
  if (creator.type !== 'contact') throw new Error('only people and customers create tickets');
  return { type: 'contact' as const, id: creator.contactId };
}

export const formInvalid = (issues: ErrorDetail[]) =>
  new AppError('VALIDATION_FAILED', `Invalid ${issues.map((i) => i.field).join(', ')}`, issues);

async function creationOf(
  change: TicketChange,
  type: TicketType,
  body: NewTicket,
  fields: Record<string, unknown>,
): Promise<void> {
  const { trx, now, actor } = change;
  const ticket = change.before;
  change.set({ fields: JSON.stringify(fields) });
  change.record({
    action: 'created',
    detail: { number: ticket.number, type: type.name, source: body.source, state: ticket.state },
  });
  const watchers = [actorUserId(actor), body.assigneeId, ...body.watcherIds].filter((w): w is string => !!w);
  await addWatchers(trx, ticket.account_id, ticket.id, [...new Set(watchers)], now);
  if (body.conversationId) {
    await linkConversation(trx, {
      ticket_id: ticket.id,
      conversation_id: body.conversationId,
      account_id: ticket.account_id,
      linked_by: actorUserId(actor),
      created_at: now,
    });
    const copied = await copyTranscript(trx, ticket, body.conversationId, now);
    change.record({ action: 'conversation.linked', to: body.conversationId, detail: { transcriptMessages: copied } });
  }
  if (body.call) {
    const callId = newId(now);
    await insertCall(trx, {
      id: callId,
      account_id: ticket.account_id,
      ticket_id: ticket.id,
      phone_number: body.call.phoneNumber,
      direction: body.call.direction,
      started_at: Date.parse(body.call.startedAt),
      duration_seconds: body.call.durationSeconds,
      summary: body.call.summary,
      recorded_by: actorUserId(actor),
      recorder_name: actor.type === 'user' ? actor.name : null,
      created_at: now,
    });
    change.record({
      action: 'call.logged',
      detail: { callId, direction: body.call.direction, durationSeconds: body.call.durationSeconds },
    });
  }
  change.notify([body.assigneeId], 'ticket.assigned');
  change.notify(body.watcherIds, 'ticket.watching');
}
