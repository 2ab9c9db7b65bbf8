import type {
  KnowledgeCategoryView,
  KnowledgeEntryKind,
  KnowledgeEntrySummary,
  KnowledgeEntryView,
  KnowledgePictureView,
  KnowledgeSearchHitView,
  KnowledgeStatus,
  KnowledgeTranslations,
  KnowledgeVariantView,
  KnowledgeVersionView,
  Locale,
  SynonymGroupView,
} from '@kefu/shared';
import type { KnowledgeCategoryRow } from './knowledgeCategoryRepository.js';
import type { KnowledgeEntryRow, VariantWithEditor, VersionWithEditor } from './knowledgeEntryRepository.js';
import type { KnowledgePictureRow } from './knowledgePictureRepository.js';
import type { KnowledgeHit } from './knowledgeSearch.js';
import { KNOWLEDGE_PICTURE_PATH, renderKnowledgeBody, sanitizeKnowledgeHtml } from './richText.js';
import type { SynonymGroupRow } from './synonymRepository.js';

const iso = (ms: number) => new Date(ms).toISOString();

const LOCALE_ORDER: Locale[] = ['zh-CN', 'zh-TW', 'en'];
const byLocale = (a: { locale: string }, b: { locale: string }) =>
  LOCALE_ORDER.indexOf(a.locale as Locale) - LOCALE_ORDER.indexOf(b.locale as Locale);

export function presentCategory(row: KnowledgeCategoryRow, entryCount: number): KnowledgeCategoryView {
  return {
    id: row.id,
    parentId: row.parent_id,
    name: row.name,
    translations: JSON.parse(row.translations) as KnowledgeTranslations,
    position: row.position,
    entryCount,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

/** The stored HTML is sanitised again on the way out: a sanitiser fixed later also fixes what was saved before. */
export function presentVariant(row: VariantWithEditor): KnowledgeVariantView {
  return {
    locale: row.locale as Locale,
    status: row.status as KnowledgeStatus,
    title: row.title,
    similarQuestions: JSON.parse(row.similar_questions) as string[],
    body: row.body,
    html: sanitizeKnowledgeHtml(row.body_html),
    text: row.body_text,
    version: row.version,
    updatedBy: row.updated_by ? { id: row.updated_by, name: row.updated_by_name ?? '' } : null,
    updatedAt: iso(row.updated_at),
    publishedAt: row.published_at === null ? null : iso(row.published_at),
  };
}

export function presentEntry(entry: KnowledgeEntryRow, variants: VariantWithEditor[]): KnowledgeEntryView {
  return {
    id: entry.id,
    kind: entry.kind as KnowledgeEntryKind,
    categoryId: entry.category_id,
    variants: [...variants].sort(byLocale).map(presentVariant),
    createdAt: iso(entry.created_at),
    updatedAt: iso(entry.updated_at),
  };
}

export function presentEntrySummary(
  entry: KnowledgeEntryRow,
  variants: VariantWithEditor[],
  score: number | null,
): KnowledgeEntrySummary {
  return {
    id: entry.id,
    kind: entry.kind as KnowledgeEntryKind,
    categoryId: entry.category_id,
    variants: [...variants].sort(byLocale).map((v) => ({
      locale: v.locale as Locale,
      status: v.status as KnowledgeStatus,
      title: v.title,
      similarCount: (JSON.parse(v.similar_questions) as string[]).length,
    })),
    updatedAt: iso(entry.updated_at),
    score,
  };
}

export function presentVersion(row: VersionWithEditor): KnowledgeVersionView {
  return {
    id: row.id,
    locale: row.locale as Locale,
    version: row.version,
    status: row.status as KnowledgeStatus,
    title: row.title,
    similarQuestions: JSON.parse(row.similar_questions) as string[],
    body: row.body,
    html: renderKnowledgeBody(row.body).html,
    savedBy: row.saved_by ? { id: row.saved_by, name: row.saved_by_name ?? '' } : null,
    savedAt: iso(row.saved_at),
  };
}

export function presentSearchHit(hit: KnowledgeHit): KnowledgeSearchHitView {
  return {
    entryId: hit.entryId,
    kind: hit.kind,
    locale: hit.locale,
    categoryId: hit.categoryId,
    title: hit.title,
    answer: { text: hit.answer.text, html: hit.answer.html },
    score: hit.score,
    matchedQuestion: hit.matchedQuestion,
  };
}

export function presentSynonymGroup(row: SynonymGroupRow): SynonymGroupView {
  return {
    id: row.id,
    words: JSON.parse(row.words) as string[],
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

export function presentPicture(row: KnowledgePictureRow): KnowledgePictureView {
  return {
    id: row.id,
    url: `${KNOWLEDGE_PICTURE_PATH}${row.id}`,
    fileName: row.file_name,
    contentType: row.content_type,
    size: row.size,
  };
}
