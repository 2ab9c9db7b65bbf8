import type { BotPayload, MessageKind } from '@kefu/shared';
import type { StoredAttachment } from '../attachments/attachmentPresenter.js';
import { bindAttachments, findUsableAttachments } from '../attachments/attachmentRepository.js';
import type { AppContext } from '../context.js';
import { inWriteTransaction } from '../db/groupCommit.js';
import { newId } from '../db/ids.js';
import type { Executor } from '../db/transaction.js';
import { AppError, notFound } from '../http/appError.js';
import { confirmedWarningRecorder, outgoingMessageGuard } from '../moderation/outgoingMessageGuard.js';
import { routingOnMessage } from '../routing/messageHooks.js';
import {
  advanceConversation,
  type ConversationWithContact,
  findConversationWithContact,
  lockConversationWithContact,
} from './conversationRepository.js';
import { findMessageByClientId, insertMessage, type MessageRow } from './messageRepository.js';

export interface MessageSender {
  /** `bot`: the answer bot (bot/); like `system`, never a person. */
  type: 'contact' | 'user' | 'system' | 'bot';
  id: string | null;
  name: string | null;
}

export interface NewMessage {
  accountId: string;
  conversationId: string;
  kind: MessageKind;
  sender: MessageSender;
  content: string;
  attachmentIds?: string[];
  /** The sender's own id for the message; the same id again returns the stored message. */
  clientId?: string | null;
  activity?: { code: string; params: Record<string, unknown> };
  /** An agent sends past a sensitive-word warning (moderation/outgoingMessageGuard.ts). */
  confirmSensitive?: boolean;
  /** An agent-only timeline entry (a routing decision): the customer never receives it. */
  internal?: boolean;
  /** Structured data of a bot message (buttons, ratings, the hand-off summary). */
  payload?: BotPayload;
  /**
   * A customer writes from the widget: the conversation must be theirs, in their inbox (NOT_FOUND otherwise), and
   * the message carries their contact's name as it is now. Checked on the row read for the message itself, so the
   * send path reads the conversation once. Unless `reopen`, a resolved conversation is refused with
   * ConversationResolved before anything is stored: the caller has work to do before a message reopens it.
   */
  visitor?: { contactId: string; inboxId: string; reopen: boolean };
}

/** The conversation is resolved and the sender asked to hear so first (NewMessage.visitor); nothing was stored. */
export class ConversationResolved extends Error {
  constructor() {
    super('The conversation is resolved');
  }
}

export interface CreatedMessage {
  message: MessageRow;
  conversation: ConversationWithContact;
  duplicate: boolean;
}

const PREVIEW_CHARS = 120;

export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return (
    e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed/.test(e?.message ?? '')
  );
}

/**
 * Stores a message with the conversation's next sequence number, and only then is it acknowledged and
 * fanned out. A resend with the same clientId (after a reconnect) returns the stored message instead.
 */
export async function messageCreator(ctx: AppContext, input: NewMessage): Promise<CreatedMessage> {
  const content = input.content.trim();
  const attachmentIds = [...new Set(input.attachmentIds ?? [])];
  if (content.length === 0 && attachmentIds.length === 0) {
    throw new AppError('VALIDATION_FAILED', 'A message needs text or an attachment', [
      { field: 'content', issue: 'is empty' },
    ]);
  }
  // Sensitive words refuse an agent's reply before anything is stored (a cached matcher; usually no query).
  const confirmedWarnings = await outgoingMessageGuard(ctx, { ...input, content });
  try {
    const now = ctx.clock.now();
    // On SQLite, messages arriving together share one commit (db/groupCommit.ts); each is still stored before
    // its ack, and a conversation's messages keep their order.
    const created = await inWriteTransaction(ctx.db, (trx) =>
      storeMessage(trx, now, { ...input, content, attachmentIds }),
    );
    // A duplicate is published again: the sender resends only what it got no ack for, and the node that stored
    // it may have died between commit and publish (its agents and the customer would never see it live).
    // Clients drop a message id they already hold.
    ctx.bus.publish({
      type: 'message.created',
      accountId: input.accountId,
      message: created.message,
      conversation: created.conversation,
    });
    await confirmedWarningRecorder(ctx, created, confirmedWarnings);
    return created;
  } catch (error) {
    // Two sends of the same clientId raced; the loser reads what the winner stored.
    if (input.clientId && isUniqueViolation(error)) {
      const stored = await findDuplicate(ctx.db.kysely, input);
      if (stored) return stored;
    }
    throw error;
  }
}

async function findDuplicate(db: Executor, input: NewMessage): Promise<CreatedMessage | undefined> {
  if (!input.clientId) return undefined;
  const existing = await findMessageByClientId(db, input.conversationId, input.sender.type, input.clientId);
  if (!existing || existing.account_id !== input.accountId) return undefined;
  const conversation = await findConversationWithContact(db, input.accountId, input.conversationId);
  if (conversation) checkVisitor(conversation, input);
  return conversation ? { message: existing, conversation, duplicate: true } : undefined;
}

/** NewMessage.visitor: throws unless the visitor may write to the conversation now. */
function checkVisitor(conversation: ConversationWithContact, input: NewMessage): void {
  const { visitor } = input;
  if (!visitor) return;
  if (conversation.contact_id !== visitor.contactId || conversation.inbox_id !== visitor.inboxId) {
    throw notFound('Conversation');
  }
  if (conversation.status === 'resolved' && !visitor.reopen) throw new ConversationResolved();
}

/** Stores a message inside the caller's transaction; the caller publishes it after commit. */
export async function storeMessage(
  trx: Executor,
  now: number,
  input: NewMessage & { attachmentIds: string[] },
): Promise<CreatedMessage> {
  const duplicate = await findDuplicate(trx, input);
  if (duplicate) return duplicate;

  // Locked until the commit: the row changes only by what is written below, and the next seq is ours.
  const before = await lockConversationWithContact(trx, input.accountId, input.conversationId);
  if (!before) throw notFound('Conversation');
  checkVisitor(before, input);
  const seq = before.last_seq + 1;
  const attachments = await usableAttachments(trx, input);
  const message: MessageRow = {
    id: newId(now),
    account_id: input.accountId,
    conversation_id: input.conversationId,
    seq,
    kind: input.kind,
    sender_type: input.sender.type,
    sender_id: input.sender.id,
    sender_name: input.visitor ? before.contact_name : input.sender.name,
    content: input.content,
    attachments: JSON.stringify(attachments),
    activity: input.activity ? JSON.stringify(input.activity) : null,
    client_id: input.clientId ?? null,
    internal: input.internal ? 1 : 0,
    payload: input.payload ? JSON.stringify(input.payload) : null,
    created_at: now,
  };
  await insertMessage(trx, message);
  if ((await bindAttachments(trx, input.attachmentIds, input.conversationId)) !== input.attachmentIds.length) {
    throw new AppError('VALIDATION_FAILED', 'Some attachments were deleted; upload them again', [
      { field: 'attachmentIds', issue: 'contains an attachment that no longer exists' },
    ]);
  }

  const changes = { ...summaryAfter(before, message, attachments), ...(await routingOnMessage(trx, before, message)) };
  await advanceConversation(trx, input.accountId, input.conversationId, seq, changes);
  // No second read: the row is `before` with these changes.
  return { message, conversation: { ...before, ...changes, last_seq: seq }, duplicate: false };
}

async function usableAttachments(
  trx: Executor,
  input: NewMessage & { attachmentIds: string[] },
): Promise<StoredAttachment[]> {
  if (input.attachmentIds.length === 0) return [];
  if (input.sender.type === 'system' || !input.sender.id) throw new AppError('FORBIDDEN', 'Only people attach files');
  const found = await findUsableAttachments(
    trx,
    input.accountId,
    { type: input.sender.type, id: input.sender.id },
    input.attachmentIds,
  );
  const usable = found.filter((a) => a.conversation_id === null || a.conversation_id === input.conversationId);
  if (usable.length !== input.attachmentIds.length) {
    throw new AppError('VALIDATION_FAILED', 'Some attachments are unknown or not yours', [
      { field: 'attachmentIds', issue: 'contains an unknown attachment' },
    ]);
  }
  const byId = new Map(usable.map((a) => [a.id, a]));
  return input.attachmentIds.map((id) => {
    const a = byId.get(id)!;
    return { id: a.id, fileName: a.file_name, contentType: a.content_type, size: a.size };
  });
}

/** How a new message changes the conversation's list entry, unread count and waiting clock. */
function summaryAfter(before: ConversationWithContact, message: MessageRow, attachments: StoredAttachment[]) {
  const at = message.created_at;
  const base = { last_activity_at: at, updated_at: at };
  if (message.kind === 'activity' || message.kind === 'note') return base;
  const preview = (message.content || attachments.map((a) => `[${a.fileName}]`).join(' ')).slice(0, PREVIEW_CHARS);
  const summary = { ...base, last_message_kind: message.kind, last_message_preview: preview, last_message_at: at };
  if (message.kind === 'incoming') {
    return {
      ...summary,
      unread_count: before.unread_count + 1,
      waiting_since: before.waiting_since ?? at,
      // A customer writing again reopens a resolved or snoozed conversation.
      ...(before.status === 'resolved' || before.status === 'snoozed' ? { status: 'open', snoozed_until: null } : {}),
    };
  }
  // An automatic reply (out of hours) is no answer: the customer still waits for a person.
  return { ...summary, waiting_since: message.sender_type === 'system' ? before.waiting_since : null };
}
