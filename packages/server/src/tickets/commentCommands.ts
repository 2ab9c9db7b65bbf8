import type { CallLogBody, CommentBody, ReplyBody, SensitiveMatch, TicketCommentView } from '@kefu/shared';
import type { AppContext } from '../context.js';
import { findConversation } from '../conversations/conversationRepository.js';
import { type CreatedMessage, storeMessage } from '../conversations/messageCreator.js';
import { newId } from '../db/ids.js';
import type { Executor } from '../db/transaction.js';
import { AppError } from '../http/appError.js';
import { confirmedWarningRecorder, outgoingMessageGuard } from '../moderation/outgoingMessageGuard.js';
import { presentComments } from './commentReader.js';
import { keepPromise } from './resolutionCommands.js';
import { ticketChange, type UserTicketActor } from './ticketChange.js';
import { type CommentRow, insertComment } from './ticketCommentRepository.js';
import { uploadsIntoTicket } from './ticketFiles.js';
import { insertCall } from './ticketRecordRepository.js';
import { checkTicketReferences } from './ticketReferences.js';
import { findTicket, linkConversation, linkedConversations } from './ticketRepository.js';
import { copyTranscript } from './transcripts.js';

type UserActor = UserTicketActor;

const EXCERPT_CHARS = 80;

async function commentView(ctx: AppContext, row: CommentRow): Promise<TicketCommentView> {
  const [view] = await presentComments(ctx.db.kysely, ctx.config.secret, row.account_id, row.ticket_id, [row]);
  return view!;
}

/** An internal comment (内部备注). Mentioned colleagues (@) and the ticket's followers get a notification. */
export async function commentCreator(
  ctx: AppContext,
  actor: UserActor,
  ticketId: string,
  body: CommentBody,
): Promise<TicketCommentView> {
  const row = await ticketChange(ctx, actor, ticketId, {}, async (change) => {
    const ticket = change.current;
    const mentionIds = [...new Set(body.mentionIds)];
    await checkTicketReferences(change.trx, ticket.account_id, { mentionIds });
    const uploads = [...new Set(body.attachmentIds)];
    const fileIds = await uploadsIntoTicket(
      change.trx,
      ticket,
      { type: 'user', id: actor.userId },
      uploads,
      'body.attachmentIds',
      change.now,
    );
    const comment: CommentRow = {
      id: newId(change.now),
      account_id: ticket.account_id,
      ticket_id: ticket.id,
      kind: 'internal',
      body: body.body,
      author_type: 'user',
      author_id: actor.userId,
      author_name: actor.name,
      mentions: JSON.stringify(mentionIds),
      task_id: null,
      conversation_id: null,
      message_id: null,
      files: JSON.stringify(uploads.map((id) => fileIds.get(id))),
      created_at: change.now,
    };
    await insertComment(change.trx, comment);
    change.record({ action: 'comment.added', appended: true, detail: { commentId: comment.id, mentionIds } });
    const excerpt = body.body.slice(0, EXCERPT_CHARS);
    change.notify(mentionIds, 'ticket.mentioned', { commentId: comment.id, excerpt });
    change.notify(
      (await change.followers()).filter((id) => !mentionIds.includes(id)),
      'ticket.commented',
      { commentId: comment.id, excerpt },
    );
    return comment;
  });
  return commentView(ctx, row);
}

/**
 * A public reply goes to the customer on their channel: posted as an agent's message into the ticket's
 * live-chat conversation (the newest linked one unless named), so the widget shows it at once. The ticket keeps
 * it as a `public` comment naming that message. Sensitive words are checked as for any agent reply.
 */
export async function replySender(
  ctx: AppContext,
  actor: UserActor,
  ticketId: string,
  body: ReplyBody,
): Promise<TicketCommentView> {
  const target = await replyConversation(ctx.db.kysely, actor.accountId, ticketId, body.conversationId);
  const message = {
    accountId: actor.accountId,
    conversationId: target,
    kind: 'outgoing' as const,
    sender: { type: 'user' as const, id: actor.userId, name: actor.name },
    content: body.body,
    attachmentIds: [...new Set(body.attachmentIds)],
    confirmSensitive: body.confirmSensitive,
  };
  const warnings: SensitiveMatch[] = await outgoingMessageGuard(ctx, message);
  const row = await ticketChange(ctx, actor, ticketId, {}, async (change) => {
    // The link may have changed since it was looked up outside the transaction.
    if ((await replyConversation(change.trx, actor.accountId, ticketId, target)) !== target) {
      throw new AppError('CONFLICT', 'The conversation was unlinked meanwhile; try again');
    }
    const created: CreatedMessage = await storeMessage(change.trx, change.now, message);
    const comment: CommentRow = {
      id: newId(change.now),
      account_id: change.before.account_id,
      ticket_id: change.before.id,
      kind: 'public',
      body: body.body,
      author_type: 'user',
      author_id: actor.userId,
      author_name: actor.name,
      mentions: '[]',
      task_id: null,
      conversation_id: target,
      message_id: created.message.id,
      files: '[]',
      created_at: change.now,
    };
    await insertComment(change.trx, comment);
    change.record({
      action: 'reply.sent',
      appended: true,
      detail: { commentId: comment.id, conversationId: target, messageId: created.message.id },
    });
    keepPromise(change);
    change.afterCommit(async () => {
      ctx.bus.publish({
        type: 'message.created',
        accountId: actor.accountId,
        message: created.message,
        conversation: created.conversation,
      });
      await confirmedWarningRecorder(ctx, created, warnings);
    });
    return comment;
  });
  return commentView(ctx, row);
}

async function replyConversation(
  db: Executor,
  accountId: string,
  ticketId: string,
  requested: string | undefined,
): Promise<string> {
  if (!(await findTicket(db, accountId, ticketId))) throw new AppError('NOT_FOUND', 'Ticket not found');
  const linked = await linkedConversations(db, ticketId);
  if (requested) {
    if (!linked.some((c) => c.id === requested)) {
      throw new AppError('VALIDATION_FAILED', 'Reply into a conversation linked to the ticket', [
        { field: 'body.conversationId', issue: 'is not linked to this ticket' },
      ]);
    }
    return requested;
  }
  const newest = linked[0];
  if (!newest) {
    throw new AppError('NO_REPLY_CHANNEL', 'The ticket has no conversation with the customer to reply in; link one');
  }
  return newest.id;
}

/** A phone call about the ticket (来电 / 外呼). An outbound call keeps the promised reply time. */
export async function callLogger(
  ctx: AppContext,
  actor: UserActor,
  ticketId: string,
  body: CallLogBody,
): Promise<string> {
  return ticketChange(ctx, actor, ticketId, {}, async (change) => {
    const id = newId(change.now);
    await insertCall(change.trx, {
      id,
      account_id: change.before.account_id,
      ticket_id: change.before.id,
      phone_number: body.phoneNumber,
      direction: body.direction,
      started_at: Date.parse(body.startedAt),
      duration_seconds: body.durationSeconds,
      summary: body.summary,
      recorded_by: actor.userId,
      recorder_name: actor.name,
      created_at: change.now,
    });
    change.record({
      action: 'call.logged',
      appended: true,
      detail: { callId: id, direction: body.direction, durationSeconds: body.durationSeconds },
    });
    if (body.direction === 'outbound') keepPromise(change);
    return id;
  });
}

/** Links another conversation of the same customer, copying its transcript as it stands. */
export async function conversationLinker(
  ctx: AppContext,
  actor: UserActor,
  ticketId: string,
  conversationId: string,
): Promise<void> {
  await ticketChange(ctx, actor, ticketId, {}, async (change) => {
    const ticket = change.current;
    const conversation = await findConversation(change.trx, ticket.account_id, conversationId);
    if (!conversation) {
      throw new AppError('VALIDATION_FAILED', 'No such conversation', [
        { field: 'body.conversationId', issue: 'is not a conversation of this workspace' },
      ]);
    }
    if (conversation.contact_id !== ticket.contact_id) {
      throw new AppError('VALIDATION_FAILED', "The conversation is another customer's", [
        { field: 'body.conversationId', issue: "is not the ticket's customer's conversation" },
      ]);
    }
    const linked = await linkConversation(change.trx, {
      ticket_id: ticket.id,
      conversation_id: conversationId,
      account_id: ticket.account_id,
      linked_by: actor.userId,
      created_at: change.now,
    });
    if (!linked) return;
    const copied = await copyTranscript(change.trx, ticket, conversationId, change.now);
    change.record({ action: 'conversation.linked', to: conversationId, detail: { transcriptMessages: copied } });
  });
}
