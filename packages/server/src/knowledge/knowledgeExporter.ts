import { KNOWLEDGE_COLUMNS, type KnowledgeExportQuery, type KnowledgeStatus } from '@kefu/shared';
import { findAccount } from '../accounts/accountRepository.js';
import type { AppContext } from '../context.js';
import type { Actor } from '../http/actor.js';
import { type SheetToWrite, writeSpreadsheet } from '../spreadsheets/spreadsheet.js';
import { type KnowledgeCategoryRow, listCategories } from './knowledgeCategoryRepository.js';
import { listEntries, listVariants } from './knowledgeEntryRepository.js';
import { joinCategoryPath, joinSimilarQuestions, KNOWLEDGE_HEADINGS, STATUS_LABELS } from './knowledgeSheet.js';

export interface ExportedFile {
  data: Buffer;
  /** Without the extension: 知识库FAQ-20250301. */
  baseName: string;
}

const PAGE = 1000;

function pathOf(id: string | null, byId: Map<string, KnowledgeCategoryRow>): string[] {
  const names: string[] = [];
  for (let at = id ? byId.get(id) : undefined; at; at = at.parent_id ? byId.get(at.parent_id) : undefined) {
    names.unshift(at.name);
  }
  return names;
}

/**
 * The workspace's FAQ entries (optionally one language, one category) as a spreadsheet the importer reads
 * back unchanged: one row per entry and language, the answer as written.
 */
export async function knowledgeExporter(
  ctx: AppContext,
  actor: Actor,
  query: KnowledgeExportQuery,
): Promise<ExportedFile> {
  const db = ctx.db.kysely;
  const byId = new Map((await listCategories(db, actor.accountId)).map((row) => [row.id, row]));
  const lines: string[][] = [];
  let before: string | null = null;
  for (;;) {
    const entries = await listEntries(
      db,
      actor.accountId,
      { kind: 'faq', categoryId: query.categoryId, locale: query.locale },
      { before, limit: PAGE },
    );
    const variants = await listVariants(
      db,
      actor.accountId,
      entries.map((e) => e.id),
    );
    const categoryOf = new Map(entries.map((e) => [e.id, joinCategoryPath(pathOf(e.category_id, byId))]));
    for (const variant of variants) {
      if (query.locale && variant.locale !== query.locale) continue;
      lines.push([
        variant.title,
        joinSimilarQuestions(JSON.parse(variant.similar_questions) as string[]),
        variant.body,
        categoryOf.get(variant.entry_id) ?? '',
        STATUS_LABELS[variant.status as KnowledgeStatus],
        variant.locale,
      ]);
    }
    if (entries.length < PAGE) break;
    before = entries.at(-1)!.id;
  }
  lines.sort((a, b) => compare(a[3], b[3]) || compare(a[5], b[5]) || compare(a[0], b[0]));
  const sheet: SheetToWrite = {
    name: '知识库FAQ',
    headings: KNOWLEDGE_COLUMNS.map((column) => KNOWLEDGE_HEADINGS[column]),
    rows: lines,
    widths: [30, 40, 60, 20, 10, 8],
  };
  const now = ctx.clock.now();
  const account = await findAccount(db, actor.accountId);
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: account?.timezone ?? 'Asia/Shanghai' })
    .format(now)
    .replaceAll('-', '');
  return { data: await writeSpreadsheet(query.format, sheet, new Date(now)), baseName: `知识库FAQ-${day}` };
}

const compare = (a = '', b = '') => a.localeCompare(b, 'zh-CN');
