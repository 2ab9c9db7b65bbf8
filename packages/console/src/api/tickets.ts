import type {
  AnyTicketView,
  ApprovalBody,
  BulkAssignBody,
  BulkResponse,
  CallLogBody,
  CommentBody,
  CreateTaskBody,
  CreateTicketBody,
  CustomerDecisionBody,
  FollowUpBody,
  ProposeResolutionBody,
  ReadTicketNotificationsBody,
  ReplyBody,
  SavedTicketView,
  TicketCommentView,
  TicketNotificationView,
  TicketSlaView,
  TicketSummary,
  TicketTaskDetailView,
  TicketView,
  TicketViewFilters,
  TimelineEntryView,
  TransitionBody,
  UpdateTicketBody,
} from '@kefu/shared';
import { apiRequest, type QueryParams } from './client';

/** Every ticket query key starts here, so one invalidation refreshes lists, views and timelines. */
export const ticketsKey = ['tickets'] as const;
export const ticketListKey = (query: QueryParams) => [...ticketsKey, 'list', query] as const;
export const ticketKey = (id: string) => [...ticketsKey, 'one', id] as const;
export const ticketTimelineKey = (id: string) => [...ticketsKey, 'one', id, 'timeline'] as const;
export const ticketCommentsKey = (id: string) => [...ticketsKey, 'one', id, 'comments'] as const;
export const ticketTranscriptsKey = (id: string) => [...ticketsKey, 'one', id, 'transcripts'] as const;
export const ticketSlaKey = (id: string) => [...ticketsKey, 'one', id, 'sla'] as const;
export const ticketNotificationsKey = ['ticket-notifications'] as const;
export const savedViewsKey = ['ticket-views'] as const;

const path = (id: string, rest = '') => `/api/tickets/${encodeURIComponent(id)}${rest}`;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Request bodies as the client writes them: fields with server defaults may be left out. */
type Input<T> = Partial<T>;

export function listTickets(query: QueryParams, signal?: AbortSignal): Promise<Page<TicketSummary>> {
  return apiRequest('/api/tickets', { query, signal });
}

export function getTicket(id: string, signal?: AbortSignal): Promise<AnyTicketView> {
  return apiRequest(path(id), { signal });
}

export function createTicket(body: Input<CreateTicketBody> & { typeId: string }): Promise<TicketView> {
  return apiRequest('/api/tickets', { method: 'POST', body });
}

export function updateTicket(id: string, body: UpdateTicketBody): Promise<TicketView> {
  return apiRequest(path(id), { method: 'PATCH', body });
}

export function transitionTicket(id: string, body: Input<TransitionBody> & { transition: string; version: number }) {
  return apiRequest<TicketView>(path(id, '/transitions'), { method: 'POST', body });
}

export function proposeResolution(
  id: string,
  body: Input<ProposeResolutionBody> & { version: number; summary: string },
) {
  return apiRequest<TicketView>(path(id, '/resolutions'), { method: 'POST', body });
}

export function decideApproval(
  id: string,
  body: Input<ApprovalBody> & Pick<ApprovalBody, 'resolutionId' | 'decision'>,
) {
  return apiRequest<TicketView>(path(id, '/approvals'), { method: 'POST', body });
}

export function recordCustomerDecision(
  id: string,
  body: Input<CustomerDecisionBody> & Pick<CustomerDecisionBody, 'version' | 'resolutionId' | 'decision' | 'channel'>,
) {
  return apiRequest<TicketView>(path(id, '/customer-decision'), { method: 'POST', body });
}

export function recordFollowUp(
  id: string,
  body: Input<FollowUpBody> & Pick<FollowUpBody, 'version' | 'channel' | 'satisfied'>,
) {
  return apiRequest<TicketView>(path(id, '/follow-ups'), { method: 'POST', body });
}

export function listTimeline(id: string, cursor?: string): Promise<Page<TimelineEntryView>> {
  return apiRequest(path(id, '/timeline'), { query: { cursor, limit: 100 } });
}

export function listComments(id: string, cursor?: string): Promise<Page<TicketCommentView>> {
  return apiRequest(path(id, '/comments'), { query: { cursor, limit: 100 } });
}

export function addComment(id: string, body: Input<CommentBody> & { body: string }): Promise<TicketCommentView> {
  return apiRequest(path(id, '/comments'), { method: 'POST', body });
}

export function sendReply(id: string, body: Input<ReplyBody> & { body: string }): Promise<TicketCommentView> {
  return apiRequest(path(id, '/replies'), { method: 'POST', body });
}

export function logCall(id: string, body: CallLogBody): Promise<TicketView> {
  return apiRequest(path(id, '/calls'), { method: 'POST', body });
}

export function linkConversation(id: string, conversationId: string): Promise<TicketView> {
  return apiRequest(path(id, '/conversations'), { method: 'POST', body: { conversationId } });
}

/** A conversation's messages as they were copied into the ticket (shared/src/schemas/tickets.ts, transcriptView). */
export interface TranscriptView {
  id: string;
  conversationId: string;
  upToSeq: number;
  messages: {
    seq: number;
    kind: string;
    sender: { type: string; name: string | null };
    content: string;
    attachments: { id: string; fileName: string; contentType: string; size: number; url: string }[];
    createdAt: string;
  }[];
  createdAt: string;
}

export function listTranscripts(id: string): Promise<{ items: TranscriptView[] }> {
  return apiRequest(path(id, '/transcripts'));
}

export function revealTicketValue(
  id: string,
  body: { target: 'field' | 'call'; key: string; reason: string },
): Promise<{ value: string | null }> {
  return apiRequest(path(id, '/reveal'), { method: 'POST', body });
}

export function createTask(id: string, body: Input<CreateTaskBody> & Pick<CreateTaskBody, 'teamId' | 'title'>) {
  return apiRequest<TicketTaskDetailView>(path(id, '/tasks'), { method: 'POST', body });
}

export interface NotificationPage extends Page<TicketNotificationView> {
  unreadCount: number;
}

export function listTicketNotifications(query: QueryParams = {}, signal?: AbortSignal): Promise<NotificationPage> {
  return apiRequest('/api/ticket-notifications', { query, signal });
}

export function readTicketNotifications(body: ReadTicketNotificationsBody): Promise<{ unreadCount: number }> {
  return apiRequest('/api/ticket-notifications/read', { method: 'POST', body });
}

/** The SLA clocks now (the list and the view carry them as of their reading). */
export function getTicketSla(id: string, signal?: AbortSignal): Promise<{ sla: TicketSlaView | null }> {
  return apiRequest(path(id, '/sla'), { signal });
}

export function listSavedViews(signal?: AbortSignal): Promise<{ items: SavedTicketView[] }> {
  return apiRequest('/api/ticket-views', { signal });
}

export function createSavedView(body: {
  name: string;
  filters: TicketViewFilters;
  teamId: string | null;
}): Promise<SavedTicketView> {
  return apiRequest('/api/ticket-views', { method: 'POST', body });
}

export function deleteSavedView(id: string): Promise<{ ok: true }> {
  return apiRequest(`/api/ticket-views/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

export function bulkAssign(body: BulkAssignBody): Promise<BulkResponse> {
  return apiRequest('/api/tickets/bulk-assign', { method: 'POST', body });
}

export function bulkClose(body: {
  tickets: { id: string; version?: number }[];
  comment?: string;
}): Promise<BulkResponse> {
  return apiRequest('/api/tickets/bulk-close', { method: 'POST', body });
}

/** The download link of a view's export: the session cookie authorises it, so a plain link works. */
export function ticketExportUrl(query: QueryParams, format: 'xlsx' | 'csv' = 'xlsx'): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (key === 'cursor' || key === 'limit' || value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  params.set('format', format);
  return `/api/tickets/export?${params}`;
}
