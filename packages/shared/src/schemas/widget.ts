import { z } from 'zod';
import { localeSchema } from './auth.js';
import { emailSchema } from './common.js';
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
  visitorToken: z.string().max(500).optional(),
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
  inbox: z.object({ name: z.string(), settings: widgetSettings, agentsOnline: z.boolean() }),
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

export const prechatBody = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  phone: phoneSchema.optional(),
  email: emailSchema.optional(),
});
