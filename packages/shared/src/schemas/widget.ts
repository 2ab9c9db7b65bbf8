import { z } from 'zod';
import { localeSchema } from './auth.js';
import { emailSchema, idSchema } from './common.js';
import { widgetSettings } from './inboxes.js';

const phoneSchema = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9\- ]{5,19}$/, { message: 'must be a phone number' });

const optionalUrl = z.string().max(2000).optional();

/**
 * The widget starts (or resumes) a visitor session. `visitorToken` is what the widget kept from an
 * earlier visit; `identifier` + `identifierHash` (HMAC-SHA256 of the identifier with the inbox's secret,
 * hex) let the host site say who its signed-in user is.
 */
export const widgetSessionBody = z.object({
  websiteToken: z.string().min(10).max(100),
  /** It also carries the page the visit started on, so it can be a few KB long. */
  visitorToken: z.string().max(6000).optional(),
  identifier: z.string().trim().min(1).max(200).optional(),
  identifierHash: z
    .string()
    .regex(/^[0-9a-f]{64}$/, { message: 'must be a hex HMAC-SHA256' })
    .optional(),
  name: z.string().trim().min(1).max(100).optional(),
  email: emailSchema.optional(),
  phone: phoneSchema.optional(),
  locale: localeSchema.optional(),
  pageUrl: optionalUrl,
  referrer: optionalUrl,
  /**
   * Routing hints: the team the customer chose in the widget (one of the inbox's `teamChoice` teams) or that the
   * link or snippet names, and an agent the link names (专属链接). Both must belong to the inbox's workspace.
   */
  teamId: idSchema.optional(),
  agentId: idSchema.optional(),
});
export type WidgetSessionBody = z.infer<typeof widgetSessionBody>;

/** A conversation as its customer sees it: no assignee ids, labels or notes. */
export const widgetConversationView = z.object({
  id: z.string(),
  status: z.enum(['open', 'pending', 'snoozed', 'resolved']),
  lastSeq: z.number().int(),
  /** The highest seq an agent has read (read receipts in the widget). */
  agentLastReadSeq: z.number().int(),
});
export type WidgetConversationView = z.infer<typeof widgetConversationView>;

export const widgetSessionResponse = z.object({
  visitorToken: z.string(),
  contact: z.object({ id: z.string(), name: z.string(), verified: z.boolean() }),
  inbox: z.object({
    name: z.string(),
    /** Without the staff-only `routing` and `bot` blocks. */
    settings: widgetSettings.omit({ routing: true, bot: true }),
    /** An agent is connected to the console with the status online (taking chats) right now. */
    agentsOnline: z.boolean(),
    /** Inside the inbox's business hours (营业时间); always true without a calendar. */
    open: z.boolean(),
    /** While closed: when business hours begin again (ISO 8601); null when open or when none are scheduled. */
    nextOpenAt: z.string().nullable(),
    /** The answer bot takes a new conversation now: the customer can chat although no agent is online. */
    botAvailable: z.boolean(),
  }),
  conversation: widgetConversationView.nullable(),
});
export type WidgetSessionResponse = z.infer<typeof widgetSessionResponse>;

/** 留言: left when no agent is online; it becomes a conversation agents see when they come back. */
export const leaveMessageBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    phone: phoneSchema.optional(),
    email: emailSchema.optional(),
    content: z.string().trim().min(1).max(5000),
  })
  .refine((v) => v.phone !== undefined || v.email !== undefined, {
    message: 'leave a phone number or an email so we can reply',
    path: ['phone'],
  });
export type LeaveMessageBody = z.infer<typeof leaveMessageBody>;

export const prechatBody = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  phone: phoneSchema.optional(),
  email: emailSchema.optional(),
});
export type PrechatBody = z.infer<typeof prechatBody>;
