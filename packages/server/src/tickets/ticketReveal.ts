import type { ticketRevealBody } from '@kefu/shared';
import { isPersonalField } from '@kefu/shared';
import type { z } from 'zod';
import { recordAudit } from '../audit/auditRecorder.js';
import type { AppContext } from '../context.js';
import type { Actor } from '../http/actor.js';
import { notFound } from '../http/appError.js';
import { ticketTypeOf } from '../ticketTypes/ticketTypePresenter.js';
import { findTicketType } from '../ticketTypes/ticketTypeRepository.js';
import { findTicketFile, type TicketFileRow, taskReplyFileIds } from './ticketCommentRepository.js';
import { readableTicket } from './ticketReader.js';
import { findCall } from './ticketRecordRepository.js';
import { findTicket } from './ticketRepository.js';

/**
 * One masked value in the clear: a personal form field or a call's number. Like the contact reveal, it needs
 * contacts.reveal and a reason, and the audit log keeps who, when, what and why (never the value).
 */
export async function ticketRevealer(
  ctx: AppContext,
  actor: Actor,
  ticketId: string,
  body: z.infer<typeof ticketRevealBody>,
): Promise<{ value: string | null }> {
  const now = ctx.clock.now();
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const ticket = await findTicket(trx, actor.accountId, ticketId);
    if (!ticket) throw notFound('Ticket');
    let value: string | null;
    if (body.target === 'call') {
      const call = /^[0-9a-f-]{36}$/i.test(body.key) ? await findCall(trx, ticket.id, body.key) : undefined;
      if (!call) throw notFound('Call');
      value = call.phone_number;
    } else {
      const typeRow = await findTicketType(trx, actor.accountId, ticket.type_id);
      const field = typeRow ? ticketTypeOf(typeRow).fields.find((f) => f.key === body.key) : undefined;
      if (!field || !isPersonalField(field)) throw notFound('Personal field');
      const raw = (JSON.parse(ticket.fields) as Record<string, unknown>)[field.key];
      value = raw === undefined || raw === null ? null : typeof raw === 'string' ? raw : JSON.stringify(raw);
    }
    await recordAudit(
      trx,
      actor,
      {
        action: 'ticket.revealed',
        target: { type: 'ticket', id: ticket.id },
        details: { number: ticket.number, target: body.target, key: body.key, reason: body.reason },
      },
      now,
    );
    return { value };
  });
}

/**
 * A file of the ticket. Staff may read any; a department user only the files they are shown: form fields that are
 * not personal (or personal ones their task shares) and files in their tasks' threads. Anything else — an internal
 * comment's file, another team's task thread — is NOT_FOUND.
 */
export async function ticketFileReader(
  ctx: AppContext,
  actor: Actor,
  ticketId: string,
  fileId: string,
): Promise<TicketFileRow> {
  const db = ctx.db.kysely;
  const { ticket, sharedTasks } = await readableTicket(db, actor, ticketId);
  const file = await findTicketFile(db, ticket.id, fileId);
  if (!file) throw notFound('File');
  if (!sharedTasks) return file;
  const typeRow = await findTicketType(db, actor.accountId, ticket.type_id);
  const values = JSON.parse(ticket.fields) as Record<string, unknown>;
  const shares = sharedTasks.some((t) => t.share_contact === 1);
  const shown = (typeRow ? ticketTypeOf(typeRow).fields : [])
    .filter((f) => f.kind === 'attachment' && (shares || !isPersonalField(f)))
    .some((f) => ((values[f.key] as string[] | undefined) ?? []).includes(fileId));
  if (shown) return file;
  const inThreads = await taskReplyFileIds(
    db,
    ticket.id,
    sharedTasks.map((t) => t.id),
  );
  if (!inThreads.has(fileId)) throw notFound('File');
  return file;
}
