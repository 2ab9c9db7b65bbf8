import type { ConversationStatus, ConversationView, MessageKind, WidgetConversationView } from '@kefu/shared';
import { maskEmail, maskPhone } from '../contacts/masking.js';
import type { ConversationRow, ConversationWithContact } from './conversationRepository.js';
import { isoTime } from './isoTime.js';

const iso = (ms: number | null) => (ms === null ? null : isoTime(ms));

export interface ConversationMeta {
  pageUrl: string | null;
  referrer: string | null;
  browser: string | null;
  os: string | null;
  ip: string | null;
  location: string | null;
}

/** Agents' view; contact details are masked (PIPL). */
export function presentConversation(row: ConversationWithContact): ConversationView {
  return {
    id: row.id,
    inboxId: row.inbox_id,
    status: row.status as ConversationStatus,
    contact: {
      id: row.contact_id,
      name: row.contact_name,
      email: maskEmail(row.contact_email),
      phone: maskPhone(row.contact_phone),
      verified: row.contact_verified === 1,
    },
    assigneeId: row.assignee_id,
    teamId: row.team_id,
    labels: JSON.parse(row.labels) as string[],
    snoozedUntil: iso(row.snoozed_until),
    lastSeq: row.last_seq,
    lastMessage:
      row.last_message_at === null
        ? null
        : {
            kind: (row.last_message_kind ?? 'incoming') as MessageKind,
            preview: row.last_message_preview ?? '',
            createdAt: isoTime(row.last_message_at),
          },
    unreadCount: row.unread_count,
    waitingSince: iso(row.waiting_since),
    contactLastReadSeq: row.contact_last_read_seq,
    meta: JSON.parse(row.meta) as ConversationMeta,
    createdAt: isoTime(row.created_at),
    updatedAt: isoTime(row.updated_at),
    lastActivityAt: isoTime(row.last_activity_at),
    botActive: row.bot_active === 1 && row.status !== 'resolved',
  };
}

export function presentConversationForContact(row: ConversationRow): WidgetConversationView {
  return {
    id: row.id,
    status: row.status as ConversationStatus,
    lastSeq: row.last_seq,
    agentLastReadSeq: row.agent_last_read_seq,
  };
}
