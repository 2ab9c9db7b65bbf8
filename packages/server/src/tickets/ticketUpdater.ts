import { isPersonalField, type UpdateTicketBody } from '@kefu/shared';
import type { AppContext } from '../context.js';
import { AppError } from '../http/appError.js';
import { checkFieldValues } from './fieldValues.js';
import { type TicketChange, ticketChange, type UserTicketActor } from './ticketChange.js';
import { dateIn, formInvalid, workspaceTimeZone } from './ticketCreator.js';
import { storeFieldUploads } from './ticketFiles.js';
import { maskPersonalValue } from './ticketPresenter.js';
import { checkTicketReferences } from './ticketReferences.js';
import { addWatchers, removeWatchers, type TicketRow, watcherIdsOf } from './ticketRepository.js';

/** Long texts are cut in the timeline: it shows that they changed, the ticket shows what they say. */
const TIMELINE_TEXT_CHARS = 500;
const cut = (text: string) => (text.length > TIMELINE_TEXT_CHARS ? `${text.slice(0, TIMELINE_TEXT_CHARS)}…` : text);

type Column = keyof TicketRow;

/**
 * Changes a ticket's fields. Only real changes count: a PATCH that changes nothing leaves the version alone;
 * each changed field is one timeline entry (personal values masked there too).
 */
export async function ticketUpdater(
  ctx: AppContext,
  actor: UserTicketActor,
  ticketId: string,
  body: UpdateTicketBody,
): Promise<void> {
  await ticketChange(ctx, actor, ticketId, { expectedVersion: body.version }, async (change) => {
    const ticket = change.current;
    await checkTicketReferences(change.trx, ticket.account_id, {
      contactId: body.contactId,
      assigneeId: body.assigneeId,
      teamId: body.teamId,
      categoryId: body.categoryId,
      watcherIds: body.watcherIds,
    });
    const plain = (field: string, column: Column, to: unknown, shown: (v: unknown) => unknown = (v) => v) => {
      if (to === undefined || ticket[column] === to) return;
      change.set({ [column]: to } as Partial<TicketRow>);
      change.record({ action: 'updated', field, from: shown(ticket[column]), to: shown(to) });
    };
    plain('title', 'title', body.title);
    plain('description', 'description', body.description, (v) => cut(v as string));
    plain('priority', 'priority', body.priority);
    plain('contactId', 'contact_id', body.contactId);
    plain('categoryId', 'category_id', body.categoryId);
    plain('teamId', 'team_id', body.teamId);
    if (body.assigneeId !== undefined && body.assigneeId !== ticket.assignee_id) {
      plain('assigneeId', 'assignee_id', body.assigneeId);
      if (body.assigneeId) {
        await addWatchers(change.trx, ticket.account_id, ticket.id, [body.assigneeId], change.now);
        change.notify([body.assigneeId], 'ticket.assigned');
      }
    }
    jsonList(change, 'tags', 'tags', body.tags);
    jsonList(change, 'orderNumbers', 'order_numbers', body.orderNumbers);
    if (body.promisedReplyAt !== undefined) promise(change, body.promisedReplyAt);
    if (body.watcherIds !== undefined) await watchers(change, body.watcherIds);
    if (body.fields !== undefined) await fieldValues(change, body.fields);
  });
}

function jsonList(change: TicketChange, field: string, column: 'tags' | 'order_numbers', to: string[] | undefined) {
  if (to === undefined) return;
  const from = JSON.parse(change.current[column]) as string[];
  const next = [...new Set(to)];
  if (JSON.stringify(from) === JSON.stringify(next)) return;
  change.set({ [column]: JSON.stringify(next) });
  change.record({ action: 'updated', field, from, to: next });
}

/** A new promised reply time starts over: not kept, no reminder sent yet. */
function promise(change: TicketChange, at: string | null) {
  const ticket = change.current;
  const to = at === null ? null : Date.parse(at);
  if (to === ticket.promised_reply_at) return;
  if (to !== null && to <= change.now) {
    throw new AppError('VALIDATION_FAILED', 'A promised reply time must be in the future', [
      { field: 'body.promisedReplyAt', issue: 'must be in the future' },
    ]);
  }
  change.set({ promised_reply_at: to, promise_kept_at: null, promise_reminded_at: null, promise_overdue_at: null });
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  change.record({ action: 'updated', field: 'promisedReplyAt', from: iso(ticket.promised_reply_at), to: iso(to) });
}

async function watchers(change: TicketChange, to: string[]) {
  const ticket = change.current;
  const from = await watcherIdsOf(change.trx, ticket.id);
  const next = [...new Set(to)];
  const added = next.filter((id) => !from.includes(id));
  const removed = from.filter((id) => !next.includes(id));
  if (added.length === 0 && removed.length === 0) return;
  await addWatchers(change.trx, ticket.account_id, ticket.id, added, change.now);
  await removeWatchers(change.trx, ticket.id, removed);
  change.record({ action: 'updated', field: 'watchers', from, to: next });
  change.notify(added, 'ticket.watching');
}

async function fieldValues(change: TicketChange, input: Record<string, unknown>) {
  const ticket = change.current;
  const existing = change.values;
  const today = dateIn(change.now, await workspaceTimeZone(change.trx, ticket.account_id));
  const check = checkFieldValues(change.type.fields, input, existing, {
    mode: 'update',
    audience: 'staff',
    now: change.now,
    today,
  });
  if (check.issues.length > 0) throw formInvalid(check.issues);
  if (check.changed.length === 0) return;
  const uploader = { type: 'user' as const, id: change.actor.type === 'user' ? change.actor.userId : '' };
  const stored = await storeFieldUploads(change.trx, ticket, uploader, check.values, check.uploads, change.now);
  change.set({ fields: JSON.stringify(stored) });
  for (const key of check.changed) {
    const field = change.type.fields.find((f) => f.key === key)!;
    const shown = (v: unknown) => (v === undefined ? null : isPersonalField(field) ? maskPersonalValue(field, v) : v);
    change.record({ action: 'updated', field: `fields.${key}`, from: shown(existing[key]), to: shown(stored[key]) });
  }
}
