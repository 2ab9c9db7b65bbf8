import { z } from 'zod';
import { LIMITS } from '../limits.js';
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

export const messageView = z.object({
  id: z.string(),
  conversationId: z.string(),
  /** Position in the conversation; strictly increasing, no gaps visible to the agent. */
  seq: z.number().int(),
  kind: z.enum(MESSAGE_KINDS),
  /** Who wrote it: the contact, an agent (user) or the system. */
  sender: z.object({
    type: z.enum(['contact', 'user', 'system']),
    id: z.string().nullable(),
    name: z.string().nullable(),
  }),
  content: z.string(),
  attachments: z.array(attachmentView),
  clientId: z.string().nullable(),
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
});
export type ConversationView = z.infer<typeof conversationView>;

export const CONVERSATION_TABS = ['mine', 'unassigned', 'all'] as const;

export const conversationListQuery = z.object({
  tab: z.enum(CONVERSATION_TABS).default('all'),
  status: z.enum([...CONVERSATION_STATUSES, 'any']).default('open'),
  inboxId: idSchema.optional(),
  /** Cursor: conversations whose last activity is older than this one's. */
  cursor: idSchema.optional(),
  limit: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(LIMITS.pageSizeDefault),
});
export type ConversationListQuery = z.infer<typeof conversationListQuery>;

export const conversationListResponse = z.object({
  items: z.array(conversationView),
  nextCursor: z.string().nullable(),
  counts: z.object({ mine: z.number().int(), unassigned: z.number().int(), all: z.number().int() }),
});

/** History is read backwards in pages: `beforeSeq` is exclusive. */
export const messagePageQuery = z.object({
  beforeSeq: z.coerce.number().int().min(1).optional(),
  afterSeq: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(LIMITS.messagePageMax).default(50),
});

export const messagePageResponse = z.object({
  items: z.array(messageView),
  hasMore: z.boolean(),
});

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
