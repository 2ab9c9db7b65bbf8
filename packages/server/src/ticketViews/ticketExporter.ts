import {
  type SlaClockState,
  TICKET_VIEW_LIMITS,
  type TicketExportQuery,
  type TicketPriority,
  type TicketSlaView,
} from '@kefu/shared';
import { findAccount } from '../accounts/accountRepository.js';
import { recordAudit } from '../audit/auditRecorder.js';
import { maskPhone } from '../contacts/masking.js';
import type { AppContext } from '../context.js';
import type { Actor } from '../http/actor.js';
import { loadTicketSlas } from '../sla/slaReader.js';
import { loadSlaSettings } from '../sla/slaSettings.js';
import { type SheetToWrite, writeSpreadsheet } from '../spreadsheets/spreadsheet.js';
import { stateViewOf } from '../tickets/ticketPresenter.js';
import { ticketListFilterOf } from '../tickets/ticketReader.js';
import { teamNamesOf, userNamesOf } from '../tickets/ticketRefsRepository.js';
import { listTickets, type TicketRow } from '../tickets/ticketRepository.js';
import { ticketTypeOf } from '../ticketTypes/ticketTypePresenter.js';
import { listTicketTypes } from '../ticketTypes/ticketTypeRepository.js';
import { contactsForExport } from './exportRepository.js';

/** Rows read per query while collecting an export. */
const PAGE = 500;

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

/** Tickets of the view, newest first, up to the cap plus one (to tell whether the cap cut it short). */
async function collect(ctx: AppContext, actor: Actor, query: TicketExportQuery): Promise<TicketRow[]> {
  const db = ctx.db.kysely;
  const filter = await ticketListFilterOf(db, actor, query, ctx.clock.now());
  const rows: TicketRow[] = [];
  let cursor: string | undefined;
  while (rows.length <= TICKET_VIEW_LIMITS.exportMaxRows) {
    const page = await listTickets(db, actor.accountId, { ...filter, cursor, limit: PAGE });
    rows.push(...page);
    if (page.length < PAGE) break;
    cursor = page.at(-1)!.id;
  }
  return rows;
}

export interface TicketExport {
  data: Buffer;
  baseName: string;
  rows: number;
  truncated: boolean;
}

/**
 * A view as a spreadsheet with the columns a supervisor reads (contacts masked), at most
 * TICKET_VIEW_LIMITS.exportMaxRows rows; audited with its filters and size.
 */
export async function ticketExporter(ctx: AppContext, actor: Actor, query: TicketExportQuery): Promise<TicketExport> {
  const db = ctx.db.kysely;
  const now = ctx.clock.now();
  const found = await collect(ctx, actor, query);
  const truncated = found.length > TICKET_VIEW_LIMITS.exportMaxRows;
  const tickets = found.slice(0, TICKET_VIEW_LIMITS.exportMaxRows);
  const types = new Map((await listTicketTypes(db, actor.accountId)).map((row) => [row.id, ticketTypeOf(row)]));
  const users = await userNamesOf(
    db,
    actor.accountId,
    tickets.flatMap((t) => (t.assignee_id ? [t.assignee_id] : [])),
  );
  const teams = await teamNamesOf(
    db,
    actor.accountId,
    tickets.flatMap((t) => (t.team_id ? [t.team_id] : [])),
  );
  const contacts = await contactsForExport(
    db,
    actor.accountId,
    tickets.map((t) => t.contact_id),
  );
  const settings = await loadSlaSettings(db, actor.accountId);
  const slas = new Map<string, TicketSlaView>();
  for (let i = 0; i < tickets.length; i += PAGE) {
    const ids = tickets.slice(i, i + PAGE).map((t) => t.id);
    for (const [id, sla] of await loadTicketSlas(db, actor.accountId, ids, now, settings)) slas.set(id, sla);
  }
  const account = await findAccount(db, actor.accountId);
  const timeZone = account?.timezone ?? 'Asia/Shanghai';
  const time = wallClock(timeZone);
  const lines = tickets.map((ticket) => {
    const type = types.get(ticket.type_id);
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
      ticket.assignee_id ? (users.get(ticket.assignee_id) ?? '') : '',
      ticket.team_id ? (teams.get(ticket.team_id) ?? '') : '',
      time(ticket.created_at),
      time(due),
      sla ? SLA_LABELS[sla.state] : '',
    ];
  });
  const sheet: SheetToWrite = {
    name: '工单',
    headings: EXPORT_HEADINGS,
    rows: lines,
    widths: [20, 36, 10, 12, 8, 22, 12, 12, 18, 18, 10],
  };
  const { format, ...filters } = query;
  await recordAudit(
    db,
    actor,
    {
      action: 'ticket.exported',
      details: { filters, format, rows: lines.length, truncated },
    },
    now,
  );
  const day = new Intl.DateTimeFormat('en-CA', { timeZone }).format(now).replaceAll('-', '');
  return {
    data: await writeSpreadsheet(format, sheet, new Date(now)),
    baseName: `工单-${day}`,
    rows: lines.length,
    truncated,
  };
}
