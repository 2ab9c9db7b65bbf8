import { z } from 'zod';
import { LIMITS } from '../limits.js';
import { botPayload } from './bot.js';
import { idSchema } from './common.js';

export const CONVERSATION_STATUSES = ['open', 'pending', 'snoozed', 'resolved'] as const;
export const conversationStatus = z.enum(CONVERSATION_STATUSES);
export type ConversationStatus = z.infer<typeof conversationStatus>;

export const MESSAGE_KINDS = ['incoming', 'outgoing', 'note', 'activity'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export const attachmentView = z.object({
  id: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  /** Relative URL; the widget and the console add their own credentials. */
  url: z.string(),
  isImage: z.boolean(),
});
export type AttachmentView = z.infer<typeof attachmentView>;

/**
 * What an activity message records, for clients to show in their own language: `code` names the event
 * (`assigned`, `unassigned`, `status.resolved`, …) and `params` fills it in (`by`, `assigneeName`, …).
 * The stored `content` is the zh-CN text, for clients that do not know the code.
 */
export const messageActivity = z.object({
  code: z.string(),
  params: z.record(z.string(), z.unknown()),
});
export type MessageActivity = z.infer<typeof messageActivity>;

export const messageView = z.object({
  id: z.string(),
  conversationId: z.string(),
  /** Position in the conversation; strictly increasing, no gaps visible to the agent. */
  seq: z.number().int(),
  kind: z.enum(MESSAGE_KINDS),
  /** Who wrote it: the contact, an agent (user), the system or the answer bot. */
  sender: z.object({
    type: z.enum(['contact', 'user', 'system', 'bot']),
    id: z.string().nullable(),
    name: z.string().nullable(),
  }),
  content: z.string(),
  attachments: z.array(attachmentView),
  clientId: z.string().nullable(),
  /** Set on `activity` messages only. */
  activity: messageActivity.nullable(),
  /** The answer bot's structured data (choices, rating, hand-off summary); null or absent on other messages. */
  payload: botPayload.nullable().optional(),
  createdAt: z.string(),
});
export type MessageView = z.infer<typeof messageView>;

export const contactSummary = z.object({
  id: z.string(),
  name: z.string(),
  /** Masked by default (138****1234); revealed only through the audited reveal route. */
  email: z.string().nullable(),
  phone: z.string().nullable(),
  verified: z.boolean(),
});
export type ContactSummary = z.infer<typeof contactSummary>;

export const conversationView = z.object({
  id: z.string(),
  inboxId: z.string(),
  status: conversationStatus,
  contact: contactSummary,
  assigneeId: z.string().nullable(),
  teamId: z.string().nullable(),
  labels: z.array(z.string()),
  snoozedUntil: z.string().nullable(),
  lastSeq: z.number().int(),
  lastMessage: z.object({ kind: z.enum(MESSAGE_KINDS), preview: z.string(), createdAt: z.string() }).nullable(),
  /** Messages from the contact the agents have not read yet. */
  unreadCount: z.number().int(),
  /** When the contact started waiting for a reply; null when the last word was ours. */
  waitingSince: z.string().nullable(),
  /** The highest seq the contact has read (for read receipts in the console). */
  contactLastReadSeq: z.number().int(),
  meta: z.object({
    pageUrl: z.string().nullable(),
    referrer: z.string().nullable(),
    browser: z.string().nullable(),
    os: z.string().nullable(),
    ip: z.string().nullable(),
    location: z.string().nullable(),
  }),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The last message or change of any kind: the inbox list is ordered by it, newest first. */
  lastActivityAt: z.string(),
  /** The answer bot is handling it (机器人接待中); only supervisors see such unassigned conversations. */
  botActive: z.boolean().optional(),
});
export type ConversationView = z.infer<typeof conversationView>;

export const CONVERSATION_TABS = ['mine', 'unassigned', 'all'] as const;
export type ConversationTab = (typeof CONVERSATION_TABS)[number];

export const conversationListQuery = z.object({
  tab: z.enum(CONVERSATION_TABS).default('all'),
  status: z.enum([...CONVERSATION_STATUSES, 'any']).default('open'),
  inboxId: idSchema.optional(),
  /**
   * The previous page's `nextCursor`, passed back as it is: it names the position (last activity time and id)
   * where that page ended, so conversations that get new messages meanwhile never make a page repeat a row.
   */
  cursor: z
    .string()
    .min(8)
    .max(200)
    .regex(/^[A-Za-z0-9_-]+$/, { message: 'must be a nextCursor from an earlier page' })
    .optional(),
  limit: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(LIMITS.pageSizeDefault),
});
export type ConversationListQuery = z.infer<typeof conversationListQuery>;

export const conversationListResponse = z.object({
  items: z.array(conversationView),
  nextCursor: z.string().nullable(),
  counts: z.object({ mine: z.number().int(), unassigned: z.number().int(), all: z.number().int() }),
});
export type ConversationListResponse = z.infer<typeof conversationListResponse>;

/** History is read backwards in pages: `beforeSeq` is exclusive. */
export const messagePageQuery = z.object({
  beforeSeq: z.coerce.number().int().min(1).optional(),
  afterSeq: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(LIMITS.messagePageMax).default(50),
});
export type MessagePageQuery = z.infer<typeof messagePageQuery>;

export const messagePageResponse = z.object({
  items: z.array(messageView),
  hasMore: z.boolean(),
});
export type MessagePageResponse = z.infer<typeof messagePageResponse>;

export const updateConversationBody = z
  .object({
    status: conversationStatus,
    assigneeId: idSchema.nullable(),
    teamId: idSchema.nullable(),
    snoozedUntil: z.iso.datetime({ offset: true }).nullable(),
    labels: z.array(z.string().trim().min(1).max(50)).max(20),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change' });
export type UpdateConversationBody = z.infer<typeof updateConversationBody>;
