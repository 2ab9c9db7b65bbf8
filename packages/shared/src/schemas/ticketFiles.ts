import { z } from 'zod';

/** A file kept with a ticket: a form value, or one attached to a comment, a public reply or a task reply. */
export const ticketFileView = z.object({
  id: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  /** Relative URL; the console's session cookie authorises it (a public reply's files: a capability URL). */
  url: z.string(),
  isImage: z.boolean(),
});
export type TicketFileView = z.infer<typeof ticketFileView>;
