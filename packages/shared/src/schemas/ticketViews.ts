import { z } from 'zod';
import { ERROR_CODES } from '../errors.js';
import { idSchema, nameSchema } from './common.js';
import { SPREADSHEET_FORMATS } from './quickReplies.js';
import { TICKET_VIEWS, ticketListQuery } from './tickets.js';
import { ticketPriority } from './ticketTypes.js';
import { WORKFLOW_STATE_CATEGORIES } from './workflows.js';

/**
 * Ticket views (工单视图): the built-in ones are `view=` of GET /api/tickets; saved filters are a person's own
 * (optionally shared with a team); bulk changes and export work on what a view lists. See docs/ARCHITECTURE.md,
 * "Tickets" → "Views".
 */
export const TICKET_VIEW_LIMITS = {
  savedViewsPerUser: 50,
  /** Tickets one bulk request may change. */
  bulkMax: 100,
  /**
   * Rows an export holds at most; more are left out (the oldest) and the response says so
   * (x-kefu-export-truncated). The file is streamed, so this bounds its size and time, not the server's memory.
   */
  exportMaxRows: 100_000,
  bulkCommentMaxLength: 2000,
  /** `view=dueSoon`: an SLA clock falls due within this time. */
  dueSoonWindowMs: 2 * 60 * 60 * 1000,
} as const;

/**
 * The filters a saved view keeps: the query parameters of GET /api/tickets with JSON types (booleans as
 * booleans). A console applies one by sending them as query parameters.
 */
export const ticketViewFilters = z.object({
  view: z.enum(TICKET_VIEWS).optional(),
  typeId: idSchema.optional(),
  state: z.string().max(40).optional(),
  stateCategory: z.enum(WORKFLOW_STATE_CATEGORIES).optional(),
  active: z.boolean().optional(),
  assignee: z.union([z.enum(['me', 'none']), idSchema]).optional(),
  teamId: idSchema.optional(),
  priority: ticketPriority.optional(),
  categoryId: idSchema.optional(),
  tag: z.string().trim().min(1).max(30).optional(),
  overdue: z.boolean().optional(),
  q: z.string().trim().min(1).max(100).optional(),
});
export type TicketViewFilters = z.infer<typeof ticketViewFilters>;

export const createSavedTicketViewBody = z.object({
  name: nameSchema,
  filters: ticketViewFilters,
  /** Share with a team: its members see (not change) the view. Null: the owner's alone. */
  teamId: idSchema.nullable().default(null),
});
export type CreateSavedTicketViewBody = z.infer<typeof createSavedTicketViewBody>;

export const updateSavedTicketViewBody = z
  .object({
    name: nameSchema.optional(),
    filters: ticketViewFilters.optional(),
    teamId: idSchema.nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change' });
export type UpdateSavedTicketViewBody = z.infer<typeof updateSavedTicketViewBody>;

export const savedTicketView = z.object({
  id: z.string(),
  name: z.string(),
  filters: ticketViewFilters,
  owner: z.object({ id: z.string(), name: z.string() }),
  team: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** The caller owns it (and may change or delete it); otherwise a team shares it with them. */
  mine: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SavedTicketView = z.infer<typeof savedTicketView>;
export const savedTicketViewListResponse = z.object({ items: z.array(savedTicketView) });

/** A ticket of a bulk request, with the version the client read (optional: CONFLICT if it changed since). */
const bulkTicket = z.object({ id: idSchema, version: z.number().int().min(1).optional() });
const bulkTickets = z
  .array(bulkTicket)
  .min(1)
  .max(TICKET_VIEW_LIMITS.bulkMax)
  .refine((items) => new Set(items.map((i) => i.id)).size === items.length, { message: 'names a ticket twice' });

/** Assign many tickets: to a person and/or a team (null clears). Each goes through the same rules as PATCH. */
export const bulkAssignBody = z
  .object({
    tickets: bulkTickets,
    assigneeId: idSchema.nullable().optional(),
    teamId: idSchema.nullable().optional(),
  })
  .refine((v) => v.assigneeId !== undefined || v.teamId !== undefined, {
    message: 'give assigneeId or teamId',
    path: ['assigneeId'],
  });
export type BulkAssignBody = z.infer<typeof bulkAssignBody>;

/**
 * Close many tickets: each takes a manual transition of its workflow from its state into a closed state, with
 * its conditions checked; a ticket with none allowed (a complaint without its follow-up …) fails alone.
 */
export const bulkCloseBody = z.object({
  tickets: bulkTickets,
  /** An internal comment saved with each change (why). */
  comment: z.string().trim().max(TICKET_VIEW_LIMITS.bulkCommentMaxLength).default(''),
});
export type BulkCloseBody = z.infer<typeof bulkCloseBody>;

/** One ticket's outcome: each ticket is its own change, applied whole or not at all. */
export const bulkResult = z.object({
  id: z.string(),
  ok: z.boolean(),
  /** The ticket's version after the change (ok), or null. */
  version: z.number().int().nullable(),
  /** Why it failed: the same code, message and details a single request would get. */
  error: z
    .object({
      code: z.enum(ERROR_CODES),
      message: z.string(),
      details: z.unknown(),
    })
    .nullable(),
});
export type BulkResult = z.infer<typeof bulkResult>;
export const bulkResponse = z.object({
  results: z.array(bulkResult),
  succeeded: z.number().int(),
  failed: z.number().int(),
});
export type BulkResponse = z.infer<typeof bulkResponse>;

/** The list's filters (no paging) and the file format; at most TICKET_VIEW_LIMITS.exportMaxRows rows. */
export const ticketExportQuery = ticketListQuery
  .omit({ cursor: true, limit: true })
  .extend({ format: z.enum(SPREADSHEET_FORMATS).default('xlsx') });
export type TicketExportQuery = z.infer<typeof ticketExportQuery>;
