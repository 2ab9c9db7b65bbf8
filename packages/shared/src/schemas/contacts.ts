import { z } from 'zod';
import { pageQuery } from './common.js';
import { contactSummary } from './conversations.js';

export const CONTACT_SEARCH_LIMITS = {
  queryMaxLength: 100,
  /** A phone search needs at least the last four digits: fewer would list too many customers. */
  phoneDigitsMin: 4,
} as const;

/**
 * Finding a customer (客户) to open a ticket for, whether or not they ever chatted. `q` is read as an email address
 * (has `@`: the whole address, any case), a phone number (digits, spaces, dashes, brackets and +: the whole number
 * or its last four or more digits), or else part of the name. Results are masked like everywhere else.
 */
export const contactSearchQuery = pageQuery.extend({
  q: z.string().trim().min(1).max(CONTACT_SEARCH_LIMITS.queryMaxLength),
});
export type ContactSearchQuery = z.infer<typeof contactSearchQuery>;

export const contactListResponse = z.object({ items: z.array(contactSummary), nextCursor: z.string().nullable() });
export type ContactListResponse = z.infer<typeof contactListResponse>;
