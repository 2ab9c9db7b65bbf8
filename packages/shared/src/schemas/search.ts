import { z } from 'zod';
import { emailSchema, idSchema } from './common.js';
import { CONVERSATION_STATUSES, conversationView, MESSAGE_KINDS } from './conversations.js';
import { labelName } from './labels.js';

export const SEARCH_LIMITS = {
  queryMaxLength: 200,
  pageSizeMax: 50,
  pageSizeDefault: 20,
  /** Characters of message text around the first hit. */
  snippetChars: 80,
} as const;

/** A form left blank sends `q=`; that is no filter, not a search for nothing. */
const optionalText = (max: number) =>
  z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
    z.string().trim().max(max).optional(),
  );

export const conversationSearchQuery = z.object({
  /** Words in the messages, private notes included (Chinese-aware: segmented, Traditional folded). */
  q: optionalText(SEARCH_LIMITS.queryMaxLength),
  /** Part of the contact's name. */
  contact: optionalText(100),
  /** The contact's full phone number (spaces, dashes and +86 are ignored); results stay masked. */
  phone: z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
    z
      .string()
      .trim()
      .max(40)
      .regex(/^[+\d\s()-]+$/, { message: 'must be a phone number' })
      .optional(),
  ),
  /** The contact's full email address; results stay masked. */
  email: z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
    emailSchema.optional(),
  ),
  label: z.preprocess((value) => (value === '' ? undefined : value), labelName.optional()),
  assigneeId: idSchema.optional(),
  inboxId: idSchema.optional(),
  status: z.enum([...CONVERSATION_STATUSES, 'any']).default('any'),
  /** With `q`: messages written in this range; without: conversations active in it. */
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  /** `nextCursor` of the previous page. */
  cursor: z
    .string()
    .max(100)
    .regex(/^[A-Za-z0-9_-]+$/, { message: 'must be a nextCursor from an earlier page' })
    .optional(),
  limit: z.coerce.number().int().min(1).max(SEARCH_LIMITS.pageSizeMax).default(SEARCH_LIMITS.pageSizeDefault),
});
export type ConversationSearchQuery = z.infer<typeof conversationSearchQuery>;

export const searchMatchView = z.object({
  messageId: z.string(),
  seq: z.number().int(),
  kind: z.enum(MESSAGE_KINDS),
  sender: z.object({ type: z.enum(['contact', 'user', 'system']), name: z.string().nullable() }),
  createdAt: z.string(),
  /** Plain text around the first hit; the console renders it as text. */
  snippet: z.string(),
  /** UTF-16 ranges of `snippet` that matched the query. */
  highlights: z.array(z.object({ start: z.number().int(), end: z.number().int() })),
});
export type SearchMatchView = z.infer<typeof searchMatchView>;

export const conversationSearchHit = z.object({
  conversation: conversationView,
  /** The newest matching message when searching by text; null otherwise. */
  match: searchMatchView.nullable(),
});
export type ConversationSearchHit = z.infer<typeof conversationSearchHit>;

export const conversationSearchResponse = z.object({
  items: z.array(conversationSearchHit),
  nextCursor: z.string().nullable(),
});
export type ConversationSearchResponse = z.infer<typeof conversationSearchResponse>;
