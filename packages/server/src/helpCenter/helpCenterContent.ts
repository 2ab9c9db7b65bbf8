import type { KnowledgeTranslations, Locale } from '@kefu/shared';
import type { Executor } from '../db/transaction.js';
import { listCategories } from '../knowledge/knowledgeCategoryRepository.js';
import { sanitizeKnowledgeHtml } from '../knowledge/richText.js';
import { FALLBACK_LOCALE, scriptConverter } from '../knowledge/scriptConversion.js';
import { type PublishedFilter, publishedCountsByCategory, publishedVariants } from './helpCenterRepository.js';

/** An entry as the help center shows it, in the reader's language and script. */
export interface HelpEntry {
  id: string;
  kind: string;
  categoryId: string | null;
  title: string;
  /** Sanitised again here: what is shown never depends on what was stored being clean. */
  html: string;
  text: string;
  updatedAt: number;
}

export interface HelpCategory {
  id: string;
  parentId: string | null;
  name: string;
  /** Published entries in it and below it. */
  entryCount: number;
}

const localesFor = (lang: Locale): Locale[] => [lang, ...(FALLBACK_LOCALE[lang] ? [FALLBACK_LOCALE[lang]] : [])];

/** Published entries in the reader's language, or in the other Chinese script converted; never English stand-ins. */
export async function helpEntries(
  db: Executor,
  accountId: string,
  lang: Locale,
  filter: PublishedFilter,
): Promise<HelpEntry[]> {
  const rows = await publishedVariants(db, accountId, localesFor(lang), filter);
  const best = new Map<string, (typeof rows)[number]>();
  for (const row of rows) {
    const current = best.get(row.entry_id);
    if (!current || (row.locale === lang && current.locale !== lang)) best.set(row.entry_id, row);
  }
  const entries = [...best.values()].map((row) => {
    const convert = scriptConverter(row.locale as Locale, lang) ?? ((text: string) => text);
    return {
      id: row.entry_id,
      kind: row.kind,
      categoryId: row.category_id,
      title: convert(row.title),
      html: sanitizeKnowledgeHtml(convert(row.body_html)),
      text: convert(row.body_text),
      updatedAt: row.updated_at,
    };
  });
  if (filter.limit) return entries.sort((a, b) => b.updatedAt - a.updatedAt).slice(0, filter.limit);
  return entries.sort((a, b) => a.title.localeCompare(b.title, lang));
}

export function categoryName(name: string, translations: KnowledgeTranslations, lang: Locale): string {
  const own = translations[lang];
  if (own) return own;
  return scriptConverter('zh-CN', lang)?.(name) ?? name;
}

/**
 * Categories that hold published content (directly or below), named in the reader's language, and how many
 * published entries have no category.
 */
export async function helpCategories(
  db: Executor,
  accountId: string,
  lang: Locale,
): Promise<{ categories: HelpCategory[]; uncategorized: number }> {
  const [rows, counts] = await Promise.all([
    listCategories(db, accountId),
    publishedCountsByCategory(db, accountId, localesFor(lang)),
  ]);
  const subtreeCount = (id: string): number =>
    (counts.get(id) ?? 0) +
    rows.filter((row) => row.parent_id === id).reduce((sum, row) => sum + subtreeCount(row.id), 0);
  const categories = rows
    .map((row) => ({
      id: row.id,
      parentId: row.parent_id,
      name: categoryName(row.name, JSON.parse(row.translations) as KnowledgeTranslations, lang),
      entryCount: subtreeCount(row.id),
    }))
    .filter((category) => category.entryCount > 0);
  return { categories, uncategorized: counts.get('') ?? 0 };
}
