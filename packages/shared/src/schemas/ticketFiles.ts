import type { z } from 'zod';
import { attachmentView } from './conversations.js';

/**
 * A file kept with a ticket: a form value, or one attached to a comment, a public reply or a task reply. Its URL
 * is relative; the console's session cookie authorises it (a public reply's files: a capability URL).
 */
export const ticketFileView = attachmentView;
export type TicketFileView = z.infer<typeof ticketFileView>;
