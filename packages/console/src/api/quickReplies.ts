import type {
  CreateQuickReplyBody,
  InsertQuickReplyResponse,
  QuickReplyCategoryView,
  QuickReplyImportResult,
  QuickReplyScope,
  QuickReplyView,
  SpreadsheetFormat,
  UpdateQuickReplyBody,
} from '@kefu/shared';
import { apiRequest, apiUpload, type QueryParams } from './client';

export const quickRepliesKey = ['quickReplies'] as const;
/** What the composer's picker offers: the caller's own, the workspace's and their teams' replies. */
export const usableQuickRepliesKey = ['quickReplies', 'usable'] as const;
export const quickReplyCategoriesKey = ['quickReplies', 'categories'] as const;

export interface QuickReplyFilters {
  scope?: QuickReplyScope | undefined;
  categoryId?: string | undefined;
  q?: string | undefined;
}

export const quickReplyListKey = (filters: QuickReplyFilters) => ['quickReplies', 'list', filters] as const;

const enc = encodeURIComponent;

export function listQuickReplies(
  filters: QuickReplyFilters,
  signal?: AbortSignal,
): Promise<{ items: QuickReplyView[] }> {
  return apiRequest('/api/quick-replies', { query: { ...filters }, signal });
}

export function listUsableQuickReplies(signal?: AbortSignal): Promise<{ items: QuickReplyView[] }> {
  return apiRequest('/api/quick-replies', { query: { usable: 'true' }, signal });
}

/** The API's create and update bodies with their defaults optional, as a form sends them. */
export type QuickReplyInput = Partial<CreateQuickReplyBody> & Pick<CreateQuickReplyBody, 'title' | 'content'>;

export function createQuickReply(body: QuickReplyInput): Promise<QuickReplyView> {
  return apiRequest('/api/quick-replies', { method: 'POST', body });
}

export function updateQuickReply(id: string, body: UpdateQuickReplyBody): Promise<QuickReplyView> {
  return apiRequest(`/api/quick-replies/${enc(id)}`, { method: 'PATCH', body });
}

export function deleteQuickReply(id: string): Promise<{ ok: true }> {
  return apiRequest(`/api/quick-replies/${enc(id)}`, { method: 'DELETE' });
}

/** Counts the use and, for a reply with a picture, returns a fresh upload of it for the message. */
export function insertQuickReply(id: string): Promise<InsertQuickReplyResponse> {
  return apiRequest(`/api/quick-replies/${enc(id)}/use`, { method: 'POST' });
}

export function listQuickReplyCategories(): Promise<{ items: QuickReplyCategoryView[] }> {
  return apiRequest('/api/quick-reply-categories');
}

export function createQuickReplyCategory(name: string): Promise<QuickReplyCategoryView> {
  return apiRequest('/api/quick-reply-categories', { method: 'POST', body: { name } });
}

export function renameQuickReplyCategory(id: string, name: string): Promise<QuickReplyCategoryView> {
  return apiRequest(`/api/quick-reply-categories/${enc(id)}`, { method: 'PATCH', body: { name } });
}

export function deleteQuickReplyCategory(id: string): Promise<{ ok: true }> {
  return apiRequest(`/api/quick-reply-categories/${enc(id)}`, { method: 'DELETE' });
}

/** A plain link: the browser sends the session cookie with it and saves the file under the server's name. */
export function quickReplyExportUrl(format: SpreadsheetFormat, filters: Omit<QuickReplyFilters, 'q'>): string {
  const params = new URLSearchParams();
  const query: QueryParams = { format, scope: filters.scope, categoryId: filters.categoryId };
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, String(value));
  return `/api/quick-replies/export?${params}`;
}

export function importQuickReplies(file: File): Promise<QuickReplyImportResult> {
  return apiUpload('/api/quick-replies/import', file);
}
