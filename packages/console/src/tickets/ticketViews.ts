import { TICKET_VIEWS as SERVER_VIEWS, type TicketViewFilters } from '@kefu/shared';
import type { QueryParams } from '../api/client';

/**
 * The tabs of the ticket list. The server's built-in views (`view=` of GET /api/tickets: mine, team, unassigned,
 * dueSoon, breached, awaitingApproval, awaitingFollowUp) are open-ticket queues; the console adds all open
 * tickets, broken promises (overdue), closed and everything.
 */
export const TICKET_VIEWS = [
  'active',
  'mine',
  'team',
  'unassigned',
  'dueSoon',
  'breached',
  'awaitingApproval',
  'awaitingFollowUp',
  'overdue',
  'closed',
  'all',
] as const;
export type TicketViewKey = (typeof TICKET_VIEWS)[number];

const isServerView = (view: string): view is (typeof SERVER_VIEWS)[number] =>
  (SERVER_VIEWS as readonly string[]).includes(view);

export function isTicketView(value: string | null): value is TicketViewKey {
  return (TICKET_VIEWS as readonly string[]).includes(value ?? '');
}

export function viewQuery(view: TicketViewKey): QueryParams {
  if (isServerView(view)) return { view };
  switch (view) {
    case 'active':
      return { active: 'true' };
    case 'overdue':
      return { overdue: 'true' };
    case 'closed':
      return { stateCategory: 'closed' };
    default:
      return {};
  }
}

/** Filters set on top of a view (in the URL); a saved view may also set the ones without a control here. */
export const LIST_FILTERS = [
  'q',
  'typeId',
  'priority',
  'stateCategory',
  'state',
  'assignee',
  'teamId',
  'categoryId',
  'tag',
  'active',
  'overdue',
] as const;
export type ListFilter = (typeof LIST_FILTERS)[number];

export function listQuery(view: TicketViewKey, search: URLSearchParams): QueryParams {
  const query: QueryParams = { ...viewQuery(view), limit: 30 };
  for (const key of LIST_FILTERS) {
    const value = search.get(key);
    if (value) query[key] = value;
  }
  return query;
}

/** The list's query as a saved view keeps it (booleans as booleans, the console's own tabs as plain filters). */
export function filtersOf(query: QueryParams): TicketViewFilters {
  const filters: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '' || key === 'limit' || key === 'cursor') continue;
    filters[key] = value === 'true' ? true : value === 'false' ? false : value;
  }
  return filters as TicketViewFilters;
}

/** A saved view's filters as the list's URL: its built-in view as the tab (none: all tickets), the rest as filters. */
export function searchOf(filters: TicketViewFilters): URLSearchParams {
  const search = new URLSearchParams();
  search.set('view', filters.view ?? 'all');
  for (const [key, value] of Object.entries(filters)) {
    if (key !== 'view' && value !== undefined) search.set(key, String(value));
  }
  return search;
}
