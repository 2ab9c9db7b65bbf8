import type { transcriptView } from '@kefu/shared';
import { TICKET_LIMITS } from '@kefu/shared';
import type { z } from 'zod';
import { presentAttachment, type StoredAttachment } from '../attachments/attachmentPresenter.js';
import { listMessages } from '../conversations/messageRepository.js';
import { newId } from '../db/ids.js';
import type { Executor } from '../db/transaction.js';
import { insertTranscript, type TicketTranscriptRow } from './ticketRepository.js';

interface CopiedMessage {
  seq: number;
  kind: string;
  senderType: string;
  senderName: string | null;
  content: string;
  attachments: StoredAttachment[];
  createdAt: number;
}

/**
 * The transcript comes along: the conversation's newest messages (private notes included, since the ticket is
 * staff-only; agent-only routing entries left out) are copied into the ticket as they are now, so the ticket
 * keeps its evidence even if the conversation goes on or is deleted. The link to the live conversation stays.
 */
export async function copyTranscript(
  trx: Executor,
  ticket: { id: string; account_id: string },
  conversationId: string,
  now: number,
): Promise<number> {
  const rows = await listMessages(trx, ticket.account_id, conversationId, {
    limit: TICKET_LIMITS.transcriptMaxMessages,
    includeNotes: true,
  });
  const messages: CopiedMessage[] = rows
    .filter((m) => m.internal !== 1)
    .map((m) => ({
      seq: m.seq,
      kind: m.kind,
      senderType: m.sender_type,
      senderName: m.sender_name,
      content: m.content,
      attachments: JSON.parse(m.attachments) as StoredAttachment[],
      createdAt: m.created_at,
    }));
  await insertTranscript(trx, {
    id: newId(now),
    account_id: ticket.account_id,
    ticket_id: ticket.id,
    conversation_id: conversationId,
    up_to_seq: rows.at(-1)?.seq ?? 0,
    messages: JSON.stringify(messages),
    created_at: now,
  });
  return messages.length;
}

export function presentTranscript(key: string, row: TicketTranscriptRow): z.infer<typeof transcriptView> {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    upToSeq: row.up_to_seq,
    messages: (JSON.parse(row.messages) as CopiedMessage[]).map((m) => ({
      seq: m.seq,
      kind: m.kind,
      sender: { type: m.senderType, name: m.senderName },
      content: m.content,
      attachments: m.attachments.map((a) => {
        const { isImage: _isImage, ...view } = presentAttachment(key, a);
        return view;
      }),
      createdAt: new Date(m.createdAt).toISOString(),
    })),
    createdAt: new Date(row.created_at).toISOString(),
  };
}
