import type { Readable } from 'node:stream';
import { type SlaClockState, TICKET_VIEW_LIMITS, type TicketExportQuery, type TicketPriority } from '@kefu/shared';
import { findAccount } from '../accounts/accountRepository.js';
import { recordAudit } from '../audit/auditRecorder.js';
import { maskPhone } from '../contacts/masking.js';
import type { AppContext } from '../context.js';
import type { Actor } from '../http/actor.js';
import { loadTicketSlas } from '../sla/slaReader.js';
import { loadSlaSettings, type SlaSettings } from '../sla/slaSettings.js';
import type { SheetStream } from '../spreadsheets/sheetStream.js';
import { openSheetStream } from '../spreadsheets/spreadsheet.js';
import { stateViewOf } from '../tickets/ticketPresenter.js';
import { ticketListFilterOf } from '../tickets/ticketReader.js';
import { teamNamesOf, userNamesOf } from '../tickets/ticketRefsRepository.js';
import { listTickets, type TicketListFilter, type TicketRow } from '../tickets/ticketRepository.js';
import { ticketTypeOf } from '../ticketTypes/ticketTypePresenter.js';
import { listTicketTypes } from '../ticketTypes/ticketTypeRepository.js';
import { contactsForExport, countTicketsUpTo } from './exportRepository.js';

export interface ExportLimits {
  /** Rows a file holds at most: the newest. */
  maxRows: number;
  /** Rows read per query, and written before waiting for the download to catch up. */
  pageSize: number;
}

const EXPORT_LIMITS: ExportLimits = { maxRows: TICKET_VIEW_LIMITS.exportMaxRows, pageSize: 500 };

export const EXPORT_HEADINGS = [
  '工单编号',
  '标题',
  '类型',
  '状态',
  '优先级',
  '客户',
  '处理人',
  '团队',
  '创建时间',
  '到期时间',
  'SLA 状态',
];
const EXPORT_WIDTHS = [20, 36, 10, 12, 8, 22, 12, 12, 18, 18, 10];

const PRIORITY_LABELS: Record<TicketPriority, string> = { low: '低', normal: '普通', high: '高', urgent: '紧急' };
const SLA_LABELS: Record<SlaClockState, string> = {
  running: '进行中',
  warning: '即将超时',
  paused: '已暂停',
  met: '已达标',
  breached: '已超时',
};

/** `2026-03-02 09:05` in the workspace's time zone. */
function wallClock(timeZone: string) {
  const format = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return (ms: number | null) => {
    if (ms === null) return '';
    const part = (type: string) => format.formatToParts(ms).find((p) => p.type === type)?.value ?? '';
    return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
  };
}

export interface TicketExport {
  /** The file's bytes as they are written; errors after the first byte break the download. */
  stream: Readable;
  baseName: string;
  /** Rows matching when the export started, up to the cap. */
  rows: number;
  /** More tickets matched than the cap: the oldest were left out. */
  truncated: boolean;
}

/** What every page of rows needs: names that repeat are read once per export. */
interface ExportContext {
  ctx: AppContext;
  accountId: string;
  now: number;
  types: Map<string, ReturnType<typeof ticketTypeOf>>;
  settings: SlaSettings;
  users: Map<string, string>;
  teams: Map<string, string>;
  time: (ms: number | null) => string;
}

/** Adds to `known` the names among `ids` it does not hold yet. */
async function remember(
  known: Map<string, string>,
  ids: (string | null)[],
  read: (ids: string[]) => Promise<Map<string, string>>,
) {
  const missing = [...new Set(ids.filter((id): id is string => id !== null && !known.has(id)))];
  if (missing.length === 0) return;
  for (const [id, name] of await read(missing)) known.set(id, name);
}

async function linesOf(e: ExportContext, tickets: TicketRow[]): Promise<string[][]> {
  const db = e.ctx.db.kysely;
  await remember(
    e.users,
    tickets.map((t) => t.assignee_id),
    (ids) => userNamesOf(db, e.accountId, ids),
  );
  await remember(
    e.teams,
    tickets.map((t) => t.team_id),
    (ids) => teamNamesOf(db, e.accountId, ids),
  );
  const contacts = await contactsForExport(
    db,
    e.accountId,
    tickets.map((t) => t.contact_id),
  );
  const slas = await loadTicketSlas(
    db,
    e.accountId,
    tickets.map((t) => t.id),
    e.now,
    e.settings,
  );
  return tickets.map((ticket) => {
    const type = e.types.get(ticket.type_id);
    const contact = contacts.get(ticket.contact_id);
    const sla = slas.get(ticket.id);
    const promised = ticket.promise_kept_at === null ? ticket.promised_reply_at : null;
    const due = sla?.dueAt ? Date.parse(sla.dueAt) : promised;
    return [
      ticket.number,
      ticket.title,
      type?.name ?? '',
      stateViewOf(type?.workflow, ticket).name,
      PRIORITY_LABELS[ticket.priority as TicketPriority] ?? ticket.priority,
      [contact?.name ?? '', maskPhone(contact?.phone ?? null) ?? ''].filter((part) => part !== '').join(' '),
      ticket.assignee_id ? (e.users.get(ticket.assignee_id) ?? '') : '',
      ticket.team_id ? (e.teams.get(ticket.team_id) ?? '') : '',
      e.time(ticket.created_at),
      e.time(due),
      sla ? SLA_LABELS[sla.state] : '',
    ];
  });
}

/**
 * Reads the view page by page (keyset on id, newest first) and writes each page before reading the next, waiting
 * whenever the download is behind: memory holds about one page however many rows the file gets.
 */
async function writeRows(
  e: ExportContext,
  sheet: SheetStream,
  filter: Omit<TicketListFilter, 'limit'>,
  rows: number,
  pageSize: number,
): Promise<void> {
  let written = 0;
  let cursor: string | undefined;
  while (written < rows && !sheet.closed) {
    const limit = Math.min(pageSize, rows - written);
    const page = await listTickets(e.ctx.db.kysely, e.accountId, { ...filter, cursor, limit });
    for (const line of await linesOf(e, page)) sheet.addRow(line);
    written += page.length;
    if (page.length < limit) break;
    cursor = page.at(-1)!.id;
    await sheet.drained();
  }
  if (!sheet.closed) await sheet.finish();
}

/**
 * A view as a spreadsheet with the columns a supervisor reads (contacts masked), newest first, at most
 * TICKET_VIEW_LIMITS.exportMaxRows rows. The export is audited (filters, size) before the first byte leaves, and
 * the file is written while it downloads: bad filters are refused as usual, a later failure breaks the download.
 */
export async function ticketExporter(
  ctx: AppContext,
  actor: Actor,
  query: TicketExportQuery,
  limits: ExportLimits = EXPORT_LIMITS,
): Promise<TicketExport> {
  const db = ctx.db.kysely;
  const now = ctx.clock.now();
  const filter = await ticketListFilterOf(db, actor, query, now);
  const matching = await countTicketsUpTo(db, actor.accountId, filter, limits.maxRows + 1);
  const truncated = matching > limits.maxRows;
  const rows = Math.min(matching, limits.maxRows);
  const account = await findAccount(db, actor.accountId);
  const timeZone = account?.timezone ?? 'Asia/Shanghai';
  const exportContext: ExportContext = {
    ctx,
    accountId: actor.accountId,
    now,
    types: new Map((await listTicketTypes(db, actor.accountId)).map((row) => [row.id, ticketTypeOf(row)])),
    settings: await loadSlaSettings(db, actor.accountId),
    users: new Map(),
    teams: new Map(),
    time: wallClock(timeZone),
  };
  const { format, ...filters } = query;
  await recordAudit(db, actor, { action: 'ticket.exported', details: { filters, format, rows, truncated } }, now);

  const sheet = openSheetStream(
    format,
    { name: '工单', headings: EXPORT_HEADINGS, widths: EXPORT_WIDTHS },
    new Date(now),
  );
  writeRows(exportContext, sheet, filter, rows, limits.pageSize).catch((error: unknown) => {
    ctx.log.error({ err: error }, 'ticket export failed while streaming');
    sheet.fail(error instanceof Error ? error : new Error(String(error)));
  });
  const day = new Intl.DateTimeFormat('en-CA', { timeZone }).format(now).replaceAll('-', '');
  return { stream: sheet.output, baseName: `工单-${day}`, rows, truncated };
}
