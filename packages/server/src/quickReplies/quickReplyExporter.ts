import { QUICK_REPLY_COLUMNS, type QuickReplyExportQuery, type QuickReplyScope } from '@kefu/shared';
import { findAccount } from '../accounts/accountRepository.js';
import type { AppContext } from '../context.js';
import type { Actor } from '../http/actor.js';
import { type SheetToWrite, writeSpreadsheet } from '../spreadsheets/spreadsheet.js';
import { listTeams } from '../teams/teamRepository.js';
import { listQuickReplyCategories } from './quickReplyCategoryRepository.js';
import { visibilityOf } from './quickReplyPolicy.js';
import { listVisibleQuickReplies } from './quickReplyRepository.js';
import { QUICK_REPLY_HEADINGS, scopeLabel } from './quickReplySheet.js';

export interface ExportedFile {
  data: Buffer;
  /** Without the extension: 快捷回复-20250301. */
  baseName: string;
}

/**
 * The quick replies the caller sees (optionally one scope, team or category) as a spreadsheet that the
 * importer reads back unchanged. Pictures stay out: a cell holds text.
 */
export async function quickReplyExporter(
  ctx: AppContext,
  actor: Actor,
  query: QuickReplyExportQuery,
): Promise<ExportedFile> {
  const db = ctx.db.kysely;
  const rows = await listVisibleQuickReplies(db, actor.accountId, await visibilityOf(db, actor), query);
  const categories = new Map((await listQuickReplyCategories(db, actor.accountId)).map((c) => [c.id, c.name]));
  const teams = new Map((await listTeams(db, actor.accountId)).map((team) => [team.id, team.name]));
  const lines = rows
    .map((row) => [
      row.category_id ? (categories.get(row.category_id) ?? '') : '',
      row.title,
      row.content,
      scopeLabel(row.scope as QuickReplyScope, row.team_id ? (teams.get(row.team_id) ?? null) : null),
    ])
    .sort((a, b) => compare(a[0], b[0]) || compare(a[3], b[3]) || compare(a[1], b[1]));
  const sheet: SheetToWrite = {
    name: '快捷回复',
    headings: QUICK_REPLY_COLUMNS.map((column) => QUICK_REPLY_HEADINGS[column]),
    rows: lines,
    widths: [14, 24, 60, 18],
  };
  const now = ctx.clock.now();
  const account = await findAccount(db, actor.accountId);
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: account?.timezone ?? 'Asia/Shanghai' })
    .format(now)
    .replaceAll('-', '');
  return { data: await writeSpreadsheet(query.format, sheet, new Date(now)), baseName: `快捷回复-${day}` };
}

const compare = (a = '', b = '') => a.localeCompare(b, 'zh-CN');
