import {
  KNOWLEDGE_LIMITS,
  type KnowledgeColumn,
  type KnowledgeImportQuery,
  type KnowledgeImportResult,
  type KnowledgeImportRowError,
  type KnowledgeStatus,
  type Locale,
} from '@kefu/shared';
import { recordAudit } from '../audit/auditRecorder.js';
import type { AppContext } from '../context.js';
import { isUniqueViolation } from '../conversations/messageCreator.js';
import { newId } from '../db/ids.js';
import type { Executor } from '../db/transaction.js';
import type { Actor } from '../http/actor.js';
import { AppError } from '../http/appError.js';
import { readSpreadsheet, type SheetRow } from '../spreadsheets/spreadsheet.js';
import { insertCategories, type KnowledgeCategoryRow, listCategories } from './knowledgeCategoryRepository.js';
import { type ChangeScope, changeKnowledge } from './knowledgeChange.js';
import { newVariantRow, saveVariant } from './knowledgeEntryCommands.js';
import {
  countEntries,
  faqVariantsByTitle,
  insertEntries,
  insertVariants,
  type KnowledgeEntryRow,
  type KnowledgeVariantRow,
  updateEntry,
} from './knowledgeEntryRepository.js';
import {
  KNOWLEDGE_HEADINGS,
  locateKnowledgeColumns,
  parseLocale,
  parseStatus,
  splitCategoryPath,
  splitSimilarQuestions,
} from './knowledgeSheet.js';

type RowError = KnowledgeImportRowError;

const rowError = (
  row: number,
  column: KnowledgeColumn | null,
  issue: RowError['issue'],
  value: string | null,
  message: string,
): RowError => ({ row, column, issue, value, message });

interface ParsedRow {
  number: number;
  question: string;
  similar: string[];
  answer: string;
  categoryPath: string[];
  status: KnowledgeStatus;
  locale: Locale;
}

function importRefused(errors: RowError[]): AppError {
  const rows = new Set(errors.map((e) => e.row)).size;
  errors.sort((a, b) => a.row - b.row);
  return new AppError(
    'VALIDATION_FAILED',
    `${rows} row${rows === 1 ? ' has' : 's have'} problems; nothing was imported`,
    { rowErrors: errors },
  );
}

/**
 * Imports FAQ entries from a spreadsheet, all or nothing: every row is checked first, and one bad row means
 * nothing is written and the answer lists every problem by row and column. A row whose standard question
 * already exists as a FAQ in the same language updates that entry (keeping the replaced text as a version),
 * so importing an edited export updates rather than duplicates. Missing categories are created.
 */
export async function knowledgeImporter(
  ctx: AppContext,
  actor: Actor,
  data: Buffer,
  defaults: KnowledgeImportQuery,
): Promise<KnowledgeImportResult> {
  const sheet = await readSpreadsheet(data, { maxRows: KNOWLEDGE_LIMITS.importMaxRows });
  const columns = locateKnowledgeColumns(sheet.headings);
  const missing = (['question', 'answer'] as const).filter((column) => columns[column] === undefined);
  if (missing.length > 0) {
    throw importRefused(
      missing.map((column) =>
        rowError(
          1,
          column,
          'missingColumn',
          KNOWLEDGE_HEADINGS[column],
          `the column ${KNOWLEDGE_HEADINGS[column]} is missing`,
        ),
      ),
    );
  }
  const errors: RowError[] = [];
  const parsed = sheet.rows.flatMap((row) => {
    const result = parseRow(row, columns, defaults);
    if ('errors' in result) errors.push(...result.errors);
    return 'errors' in result ? [] : [result];
  });
  const firstRow = new Map<string, number>();
  for (const row of parsed) {
    const key = `${row.locale}\n${row.question}`;
    const first = firstRow.get(key);
    if (first === undefined) firstRow.set(key, row.number);
    else {
      errors.push(
        rowError(
          row.number,
          'question',
          'duplicateQuestion',
          String(first),
          `the same standard question as row ${first}`,
        ),
      );
    }
  }
  if (errors.length > 0) throw importRefused(errors);
  try {
    return await changeKnowledge(ctx, actor.accountId, async (scope) => {
      const result = await writeRows(scope, actor, parsed);
      await recordAudit(scope.trx, actor, { action: 'knowledge_entries.imported', details: { ...result } }, scope.now);
      return result;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError('CONFLICT', 'The knowledge base changed while importing; nothing was imported, try again');
    }
    throw error;
  }
}

function parseRow(
  row: SheetRow,
  columns: Partial<Record<KnowledgeColumn, number>>,
  defaults: KnowledgeImportQuery,
): ParsedRow | { errors: RowError[] } {
  const cell = (column: KnowledgeColumn) => {
    const index = columns[column];
    return index === undefined ? '' : (row.cells[index] ?? '').trim();
  };
  const n = row.number;
  const errors: RowError[] = [];
  const question = cell('question');
  const answer = cell('answer');
  if (!question) errors.push(rowError(n, 'question', 'required', null, `${KNOWLEDGE_HEADINGS.question} is empty`));
  if (question.length > KNOWLEDGE_LIMITS.titleMaxLength) {
    errors.push(
      rowError(
        n,
        'question',
        'tooLong',
        null,
        `${KNOWLEDGE_HEADINGS.question} is longer than ${KNOWLEDGE_LIMITS.titleMaxLength} characters`,
      ),
    );
  }
  if (!answer) errors.push(rowError(n, 'answer', 'required', null, `${KNOWLEDGE_HEADINGS.answer} is empty`));
  if (answer.length > KNOWLEDGE_LIMITS.bodyMaxLength) {
    errors.push(
      rowError(
        n,
        'answer',
        'tooLong',
        null,
        `${KNOWLEDGE_HEADINGS.answer} is longer than ${KNOWLEDGE_LIMITS.bodyMaxLength} characters`,
      ),
    );
  }
  const similar = splitSimilarQuestions(cell('similar'));
  if (similar.length > KNOWLEDGE_LIMITS.similarQuestionsMax) {
    errors.push(
      rowError(
        n,
        'similar',
        'tooMany',
        String(similar.length),
        `at most ${KNOWLEDGE_LIMITS.similarQuestionsMax} similar questions`,
      ),
    );
  }
  const tooLongSimilar = similar.find((q) => q.length > KNOWLEDGE_LIMITS.similarQuestionMaxLength);
  if (tooLongSimilar) {
    errors.push(
      rowError(
        n,
        'similar',
        'tooLong',
        tooLongSimilar.slice(0, 50),
        `a similar question is longer than ${KNOWLEDGE_LIMITS.similarQuestionMaxLength} characters`,
      ),
    );
  }
  const categoryPath = splitCategoryPath(cell('category'));
  if (categoryPath.length > KNOWLEDGE_LIMITS.categoryDepthMax) {
    errors.push(
      rowError(
        n,
        'category',
        'categoryTooDeep',
        cell('category'),
        `categories are at most ${KNOWLEDGE_LIMITS.categoryDepthMax} levels deep`,
      ),
    );
  }
  const longName = categoryPath.find((name) => name.length > KNOWLEDGE_LIMITS.categoryNameMaxLength);
  if (longName) {
    errors.push(
      rowError(
        n,
        'category',
        'tooLong',
        longName.slice(0, 50),
        `a category name is longer than ${KNOWLEDGE_LIMITS.categoryNameMaxLength} characters`,
      ),
    );
  }
  const statusCell = cell('status');
  const status = statusCell ? parseStatus(statusCell) : defaults.status;
  if (!status)
    errors.push(
      rowError(n, 'status', 'unknownStatus', statusCell, `${KNOWLEDGE_HEADINGS.status} must be 已发布 or 草稿`),
    );
  const localeCell = cell('locale');
  const locale = localeCell ? parseLocale(localeCell) : defaults.locale;
  if (!locale) {
    errors.push(
      rowError(n, 'locale', 'unknownLocale', localeCell, `${KNOWLEDGE_HEADINGS.locale} must be zh-CN, zh-TW or en`),
    );
  }
  if (errors.length > 0 || !status || !locale) return { errors };
  return { number: n, question, similar, answer, categoryPath, status, locale };
}

/** Finds or creates the category at a path, one level at a time. */
function categoryResolver(accountId: string, existing: KnowledgeCategoryRow[], now: number) {
  const byParentAndName = new Map(existing.map((row) => [`${row.parent_key}\n${row.name}`, row.id]));
  const created: KnowledgeCategoryRow[] = [];
  let inserted = 0;
  const nextPosition = new Map<string, number>();
  for (const row of existing) {
    nextPosition.set(row.parent_key, Math.max(nextPosition.get(row.parent_key) ?? 0, row.position + 1));
  }
  return {
    created,
    /** Writes the categories created since the last call. */
    async flush(trx: Executor): Promise<void> {
      await insertCategories(trx, created.slice(inserted));
      inserted = created.length;
    },
    resolve(path: string[]): string | null {
      let parent: string | null = null;
      for (const name of path) {
        const key = `${parent ?? ''}\n${name}`;
        let id = byParentAndName.get(key);
        if (!id) {
          id = newId(now);
          const position = nextPosition.get(parent ?? '') ?? 0;
          nextPosition.set(parent ?? '', position + 1);
          created.push({
            id,
            account_id: accountId,
            parent_id: parent,
            parent_key: parent ?? '',
            name,
            translations: '{}',
            position,
            created_at: now,
            updated_at: now,
          });
          byParentAndName.set(key, id);
        }
        parent = id;
      }
      return parent;
    },
  };
}

async function writeRows(scope: ChangeScope, actor: Actor, rows: ParsedRow[]): Promise<KnowledgeImportResult> {
  const { trx, now, revision } = scope;
  const categories = categoryResolver(actor.accountId, await listCategories(trx, actor.accountId), now);
  const existing = new Map<string, KnowledgeVariantRow & { category_id: string | null }>();
  for (const locale of new Set(rows.map((row) => row.locale))) {
    const titles = rows.filter((row) => row.locale === locale).map((row) => row.question);
    for (const variant of await faqVariantsByTitle(trx, actor.accountId, locale, titles)) {
      existing.set(`${locale}\n${variant.title}`, variant);
    }
  }
  const creates = rows.filter((row) => !existing.has(`${row.locale}\n${row.question}`));
  const total = (await countEntries(trx, actor.accountId)) + creates.length;
  if (total > KNOWLEDGE_LIMITS.entriesPerWorkspaceMax) {
    const first = creates[creates.length - (total - KNOWLEDGE_LIMITS.entriesPerWorkspaceMax)]!;
    throw importRefused([
      rowError(
        first.number,
        null,
        'limitReached',
        String(KNOWLEDGE_LIMITS.entriesPerWorkspaceMax),
        `the workspace would hold more than ${KNOWLEDGE_LIMITS.entriesPerWorkspaceMax} knowledge entries`,
      ),
    ]);
  }

  const entries: KnowledgeEntryRow[] = [];
  const variants: KnowledgeVariantRow[] = [];
  let updated = 0;
  for (const row of rows) {
    const categoryId = row.categoryPath.length > 0 ? categories.resolve(row.categoryPath) : null;
    const content = { title: row.question, similarQuestions: row.similar, body: row.answer, status: row.status };
    const current = existing.get(`${row.locale}\n${row.question}`);
    if (!current) {
      const id = newId(now);
      entries.push({
        id,
        account_id: actor.accountId,
        kind: 'faq',
        category_id: categoryId,
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
        index_revision: revision,
      });
      variants.push(newVariantRow(actor.accountId, id, row.locale, content, actor, now));
      continue;
    }
    // Categories first: the update below refers to them.
    await categories.flush(trx);
    const entry = { id: current.entry_id, category_id: current.category_id } as KnowledgeEntryRow;
    const changed = await saveVariant(scope, actor, entry, row.locale, content, undefined);
    const moved = categoryId !== null && categoryId !== current.category_id;
    if (moved) {
      await updateEntry(trx, actor.accountId, current.entry_id, {
        category_id: categoryId,
        updated_at: now,
        index_revision: revision,
      });
    }
    if (changed || moved) updated += 1;
  }
  await categories.flush(trx);
  await insertEntries(trx, entries);
  await insertVariants(trx, variants);
  return { created: entries.length, updated, categoriesCreated: categories.created.length };
}
