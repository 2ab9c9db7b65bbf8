import {
  QUICK_REPLY_LIMITS,
  QUICK_REPLY_VARIABLES,
  type QuickReplyColumn,
  type QuickReplyImportResult,
  type QuickReplyImportRowError,
  type QuickReplyScope,
  unknownQuickReplyVariables,
} from '@kefu/shared';
import { recordAudit } from '../audit/auditRecorder.js';
import type { AppContext } from '../context.js';
import { isUniqueViolation } from '../conversations/messageCreator.js';
import { newId } from '../db/ids.js';
import type { Executor } from '../db/transaction.js';
import type { Actor } from '../http/actor.js';
import { AppError } from '../http/appError.js';
import { readSpreadsheet, type SheetRow } from '../spreadsheets/spreadsheet.js';
import { listTeams } from '../teams/teamRepository.js';
import { pinyinKeyColumns } from './pinyinKeys.js';
import { insertQuickReplyCategories, listQuickReplyCategories } from './quickReplyCategoryRepository.js';
import { managesSharedReplies, scopeKeyOf } from './quickReplyPolicy.js';
import {
  countQuickReplies,
  insertQuickReplies,
  listQuickRepliesByScopeKeys,
  type QuickReplyRow,
  updateQuickReply,
} from './quickReplyRepository.js';
import { locateColumns, type ParsedScope, parseScopeLabel, QUICK_REPLY_HEADINGS } from './quickReplySheet.js';

/** A row that passed the checks needing no database: its text is known good, its scope and category are names. */
interface ParsedRow {
  number: number;
  categoryName: string;
  title: string;
  content: string;
  scope: Exclude<ParsedScope, null>;
}

type RowError = QuickReplyImportRowError;

const rowError = (
  row: number,
  column: QuickReplyColumn | null,
  issue: RowError['issue'],
  value: string | null,
  message: string,
): RowError => ({ row, column, issue, value, message });

/** Rows per INSERT: well under SQLite's limit on bound parameters. */
const INSERT_BATCH = 100;

/**
 * Imports quick replies from a spreadsheet, all or nothing: every row is checked first, and one bad row
 * means nothing is written and the answer lists every problem by row and column. A row whose title already
 * exists in the same scope replaces that reply's text and category (its picture stays), so importing an
 * edited export updates rather than duplicates. Admins and supervisors may create missing categories.
 */
export async function quickReplyImporter(ctx: AppContext, actor: Actor, data: Buffer): Promise<QuickReplyImportResult> {
  const sheet = await readSpreadsheet(data, { maxRows: QUICK_REPLY_LIMITS.importMaxRows });
  const columns = locateColumns(sheet.headings);
  const missing = (['title', 'content'] as const).filter((column) => columns[column] === undefined);
  if (missing.length > 0) {
    throw importRefused(
      missing.map((column) =>
        rowError(
          1,
          column,
          'missingColumn',
          QUICK_REPLY_HEADINGS[column],
          `the column ${QUICK_REPLY_HEADINGS[column]} is missing`,
        ),
      ),
    );
  }
  const errors: RowError[] = [];
  const parsed = sheet.rows.flatMap((row) => {
    const result = parseRow(row, columns);
    if ('errors' in result) errors.push(...result.errors);
    return 'errors' in result ? [] : [result];
  });
  const now = ctx.clock.now();
  try {
    return await ctx.db.kysely.transaction().execute(async (trx) => {
      const plan = await planImport(trx, actor, parsed, now);
      errors.push(...plan.errors);
      if (errors.length > 0) throw importRefused(errors);
      await insertQuickReplyCategories(trx, plan.newCategories);
      for (let i = 0; i < plan.creates.length; i += INSERT_BATCH) {
        await insertQuickReplies(trx, plan.creates.slice(i, i + INSERT_BATCH));
      }
      for (const update of plan.updates) {
        await updateQuickReply(trx, actor.accountId, update.id, update.changes, now);
      }
      const result = {
        created: plan.creates.length,
        updated: plan.updates.length,
        categoriesCreated: plan.newCategories.length,
      };
      await recordAudit(trx, actor, { action: 'quick_reply.imported', details: result }, now);
      return result;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError('CONFLICT', 'Quick replies changed while importing; nothing was imported, try again');
    }
    throw error;
  }
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

function parseRow(
  row: SheetRow,
  columns: Partial<Record<QuickReplyColumn, number>>,
): ParsedRow | { errors: RowError[] } {
  const cell = (column: QuickReplyColumn) => {
    const index = columns[column];
    return index === undefined ? '' : (row.cells[index] ?? '').trim();
  };
  const errors: RowError[] = [];
  const n = row.number;
  const checkLength = (column: QuickReplyColumn, value: string, max: number) => {
    if (value.length > max) {
      errors.push(
        rowError(n, column, 'tooLong', null, `${QUICK_REPLY_HEADINGS[column]} is longer than ${max} characters`),
      );
    }
  };
  const title = cell('title');
  const content = cell('content');
  const categoryName = cell('category');
  if (!title) errors.push(rowError(n, 'title', 'required', null, `${QUICK_REPLY_HEADINGS.title} is empty`));
  checkLength('title', title, QUICK_REPLY_LIMITS.titleMaxLength);
  if (!content) errors.push(rowError(n, 'content', 'required', null, `${QUICK_REPLY_HEADINGS.content} is empty`));
  checkLength('content', content, QUICK_REPLY_LIMITS.contentMaxLength);
  for (const name of unknownQuickReplyVariables(content)) {
    errors.push(
      rowError(
        n,
        'content',
        'unknownVariable',
        `{{${name}}}`,
        `unknown variable {{${name}}}; use ${QUICK_REPLY_VARIABLES.map((v) => `{{${v}}}`).join(', ')}`,
      ),
    );
  }
  checkLength('category', categoryName, QUICK_REPLY_LIMITS.categoryNameMaxLength);
  const scope = parseScopeLabel(cell('scope'));
  if (!scope) {
    errors.push(
      rowError(
        n,
        'scope',
        'unknownScope',
        cell('scope'),
        `${QUICK_REPLY_HEADINGS.scope} must be 个人, 全员 or 团队:<team name>`,
      ),
    );
  }
  if (errors.length > 0 || !scope) return { errors };
  return { number: n, categoryName, title, content, scope };
}

interface ImportPlan {
  errors: RowError[];
  newCategories: { id: string; account_id: string; name: string; created_at: number; updated_at: number }[];
  creates: QuickReplyRow[];
  updates: { id: string; changes: Pick<QuickReplyRow, 'category_id' | 'content' | 'content_initials'> }[];
}

/** The checks that need the workspace's teams, categories and replies, and what to write if they all pass. */
async function planImport(db: Executor, actor: Actor, rows: ParsedRow[], now: number): Promise<ImportPlan> {
  const manager = managesSharedReplies(actor);
  const teams = new Map((await listTeams(db, actor.accountId)).map((team) => [team.name, team.id]));
  const categories = new Map((await listQuickReplyCategories(db, actor.accountId)).map((c) => [c.name, c.id]));
  const plan: ImportPlan = { errors: [], newCategories: [], creates: [], updates: [] };

  const placed = rows.flatMap((row) => {
    const placement = placementOf(row, actor, manager, teams);
    if ('error' in placement) {
      plan.errors.push(placement.error);
      return [];
    }
    let categoryId: string | null = null;
    if (row.categoryName) {
      categoryId = categories.get(row.categoryName) ?? null;
      if (!categoryId && !manager) {
        plan.errors.push(
          rowError(
            row.number,
            'category',
            'unknownCategory',
            row.categoryName,
            `no category named ${row.categoryName}; only admins and supervisors create categories`,
          ),
        );
        return [];
      }
      if (!categoryId) {
        categoryId = newId(now);
        categories.set(row.categoryName, categoryId);
        plan.newCategories.push({
          id: categoryId,
          account_id: actor.accountId,
          name: row.categoryName,
          created_at: now,
          updated_at: now,
        });
      }
    }
    return [{ row, categoryId, ...placement }];
  });

  const existing = await listQuickRepliesByScopeKeys(db, actor.accountId, [...new Set(placed.map((p) => p.scopeKey))]);
  const existingByKey = new Map(existing.map((reply) => [`${reply.scope_key}\n${reply.title}`, reply]));
  const firstRowByKey = new Map<string, number>();
  let total = await countQuickReplies(db, actor.accountId);
  for (const { row, categoryId, scope, teamId, ownerId, scopeKey } of placed) {
    const key = `${scopeKey}\n${row.title}`;
    const first = firstRowByKey.get(key);
    if (first !== undefined) {
      plan.errors.push(
        rowError(
          row.number,
          'title',
          'duplicateTitle',
          String(first),
          `the same title as row ${first} in the same scope`,
        ),
      );
      continue;
    }
    firstRowByKey.set(key, row.number);
    const keys = pinyinKeyColumns(row.title, row.content);
    const current = existingByKey.get(key);
    if (current) {
      plan.updates.push({
        id: current.id,
        changes: { category_id: categoryId, content: row.content, content_initials: keys.content_initials },
      });
      continue;
    }
    total += 1;
    if (total === QUICK_REPLY_LIMITS.perWorkspaceMax + 1) {
      plan.errors.push(
        rowError(
          row.number,
          null,
          'limitReached',
          String(QUICK_REPLY_LIMITS.perWorkspaceMax),
          `the workspace would hold more than ${QUICK_REPLY_LIMITS.perWorkspaceMax} quick replies`,
        ),
      );
    }
    plan.creates.push({
      id: newId(now),
      account_id: actor.accountId,
      scope,
      owner_id: ownerId,
      team_id: teamId,
      scope_key: scopeKey,
      category_id: categoryId,
      title: row.title,
      content: row.content,
      ...keys,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    });
  }
  return plan;
}

function placementOf(
  row: ParsedRow,
  actor: Actor,
  manager: boolean,
  teams: Map<string, string>,
): { scope: QuickReplyScope; teamId: string | null; ownerId: string | null; scopeKey: string } | { error: RowError } {
  const { scope } = row.scope;
  if (scope !== 'personal' && !manager) {
    return {
      error: rowError(
        row.number,
        'scope',
        'scopeNotAllowed',
        null,
        'only admins and supervisors import team or workspace quick replies',
      ),
    };
  }
  if (row.scope.scope === 'team') {
    const teamId = teams.get(row.scope.teamName);
    if (!teamId) {
      const { teamName } = row.scope;
      return { error: rowError(row.number, 'scope', 'unknownTeam', teamName, `no team named ${teamName}`) };
    }
    return { scope, teamId, ownerId: null, scopeKey: scopeKeyOf('team', teamId, null) };
  }
  const ownerId = scope === 'personal' ? actor.userId : null;
  return { scope, teamId: null, ownerId, scopeKey: scopeKeyOf(scope, null, ownerId) };
}
