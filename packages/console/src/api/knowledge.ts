import type {
  CreateKnowledgeCategoryBody,
  CreateKnowledgeEntryBody,
  KnowledgeCategoryView,
  KnowledgeEntryKind,
  KnowledgeEntryListResponse,
  KnowledgeEntryView,
  KnowledgeImportResult,
  KnowledgePictureView,
  KnowledgePreviewResponse,
  KnowledgeStatus,
  KnowledgeSuggestionsResponse,
  KnowledgeVariantBody,
  KnowledgeVersionView,
  Locale,
  SpreadsheetFormat,
  SynonymGroupView,
  UpdateKnowledgeCategoryBody,
  UpdateKnowledgeEntryBody,
} from '@kefu/shared';
import { apiRequest, apiUpload } from './client';

export const knowledgeKey = ['knowledge'] as const;
export const knowledgeCategoriesKey = ['knowledge', 'categories'] as const;
export const synonymsKey = ['knowledge', 'synonyms'] as const;
export const knowledgeEntryKey = (id: string) => ['knowledge', 'entry', id] as const;
export const knowledgeVersionsKey = (id: string) => ['knowledge', 'versions', id] as const;
/** Refetched whenever the conversation's last message changes. */
export const knowledgeSuggestionsKey = (conversationId: string, lastMessageAt: string | null) =>
  ['knowledge', 'suggestions', conversationId, lastMessageAt] as const;

export interface EntryFilters {
  q?: string | undefined;
  categoryId?: string | undefined;
  uncategorized?: boolean | undefined;
  kind?: KnowledgeEntryKind | undefined;
  status?: KnowledgeStatus | undefined;
  locale?: Locale | undefined;
}

export const knowledgeEntriesKey = (filters: EntryFilters) => ['knowledge', 'entries', filters] as const;

const enc = encodeURIComponent;

export function listKnowledgeEntries(
  filters: EntryFilters,
  cursor: string | undefined,
  signal?: AbortSignal,
): Promise<KnowledgeEntryListResponse> {
  const { uncategorized, ...rest } = filters;
  return apiRequest('/api/knowledge/entries', {
    query: { ...rest, uncategorized: uncategorized ? 'true' : undefined, cursor, limit: 50 },
    signal,
  });
}

export function getKnowledgeEntry(id: string, signal?: AbortSignal): Promise<KnowledgeEntryView> {
  return apiRequest(`/api/knowledge/entries/${enc(id)}`, { signal });
}

export type NewEntryInput = Partial<CreateKnowledgeEntryBody> & Pick<CreateKnowledgeEntryBody, 'variant'>;

export function createKnowledgeEntry(body: NewEntryInput): Promise<KnowledgeEntryView> {
  return apiRequest('/api/knowledge/entries', { method: 'POST', body });
}

export function updateKnowledgeEntry(id: string, body: UpdateKnowledgeEntryBody): Promise<KnowledgeEntryView> {
  return apiRequest(`/api/knowledge/entries/${enc(id)}`, { method: 'PATCH', body });
}

export function deleteKnowledgeEntry(id: string): Promise<{ ok: true }> {
  return apiRequest(`/api/knowledge/entries/${enc(id)}`, { method: 'DELETE' });
}

export type VariantInput = Omit<KnowledgeVariantBody, 'similarQuestions' | 'status'> &
  Partial<Pick<KnowledgeVariantBody, 'similarQuestions' | 'status'>>;

export function saveKnowledgeVariant(id: string, locale: Locale, body: VariantInput): Promise<KnowledgeEntryView> {
  return apiRequest(`/api/knowledge/entries/${enc(id)}/variants/${enc(locale)}`, { method: 'PUT', body });
}

export function deleteKnowledgeVariant(id: string, locale: Locale): Promise<KnowledgeEntryView> {
  return apiRequest(`/api/knowledge/entries/${enc(id)}/variants/${enc(locale)}`, { method: 'DELETE' });
}

export function listKnowledgeVersions(id: string): Promise<{ items: KnowledgeVersionView[] }> {
  return apiRequest(`/api/knowledge/entries/${enc(id)}/versions`);
}

export function restoreKnowledgeVersion(id: string, versionId: string): Promise<KnowledgeEntryView> {
  return apiRequest(`/api/knowledge/entries/${enc(id)}/versions/${enc(versionId)}/restore`, { method: 'POST' });
}

export function previewKnowledgeBody(body: string): Promise<KnowledgePreviewResponse> {
  return apiRequest('/api/knowledge/preview', { method: 'POST', body: { body } });
}

export function knowledgeSuggestions(
  conversationId: string,
  signal?: AbortSignal,
): Promise<KnowledgeSuggestionsResponse> {
  return apiRequest('/api/knowledge/suggestions', { query: { conversationId }, signal });
}

export function listKnowledgeCategories(): Promise<{ items: KnowledgeCategoryView[] }> {
  return apiRequest('/api/knowledge/categories');
}

export type CategoryInput = Partial<CreateKnowledgeCategoryBody> & Pick<CreateKnowledgeCategoryBody, 'name'>;

export function createKnowledgeCategory(body: CategoryInput): Promise<KnowledgeCategoryView> {
  return apiRequest('/api/knowledge/categories', { method: 'POST', body });
}

export function updateKnowledgeCategory(id: string, body: UpdateKnowledgeCategoryBody): Promise<KnowledgeCategoryView> {
  return apiRequest(`/api/knowledge/categories/${enc(id)}`, { method: 'PATCH', body });
}

export function deleteKnowledgeCategory(id: string): Promise<{ ok: true }> {
  return apiRequest(`/api/knowledge/categories/${enc(id)}`, { method: 'DELETE' });
}

export function listSynonymGroups(): Promise<{ items: SynonymGroupView[] }> {
  return apiRequest('/api/knowledge/synonyms');
}

export function createSynonymGroup(words: string[]): Promise<SynonymGroupView> {
  return apiRequest('/api/knowledge/synonyms', { method: 'POST', body: { words } });
}

export function updateSynonymGroup(id: string, words: string[]): Promise<SynonymGroupView> {
  return apiRequest(`/api/knowledge/synonyms/${enc(id)}`, { method: 'PUT', body: { words } });
}

export function deleteSynonymGroup(id: string): Promise<{ ok: true }> {
  return apiRequest(`/api/knowledge/synonyms/${enc(id)}`, { method: 'DELETE' });
}

/** A plain link: the browser sends the session cookie with it and saves the file under the server's name. */
export function knowledgeExportUrl(format: SpreadsheetFormat, locale: Locale | undefined): string {
  const params = new URLSearchParams({ format });
  if (locale) params.set('locale', locale);
  return `/api/knowledge/export?${params}`;
}

export function importKnowledge(file: File, locale: Locale): Promise<KnowledgeImportResult> {
  return apiUpload(`/api/knowledge/import?locale=${enc(locale)}`, file);
}

export function uploadKnowledgePicture(file: File): Promise<KnowledgePictureView> {
  return apiUpload('/api/knowledge/pictures', file);
}
