import {
  isPersonalField,
  type PromisedReplyView,
  TICKET_LIMITS,
  type TicketCommentView,
  type TicketFieldDefinition,
  type TicketFileView,
  type TicketPriority,
  type TicketSlaView,
  type TicketSource,
  type TicketSummary,
  type TimelineEntryView,
  type WorkflowDefinition,
} from '@kefu/shared';
import { maskPhone } from '../contacts/masking.js';
import type { CommentRow, TicketFileMeta } from './ticketCommentRepository.js';
import type { TicketRow } from './ticketRepository.js';
import type { TicketEventRow } from './timelineRepository.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** Names and workflows the summaries refer to, read once per list. */
export interface TicketRefs {
  users: Map<string, string>;
  teams: Map<string, string>;
  types: Map<string, { name: string; workflow: WorkflowDefinition; fields: TicketFieldDefinition[] }>;
  /** SLA clocks by ticket id (sla/slaReader.ts); a ticket without a policy is not in it. */
  slas: Map<string, TicketSlaView>;
}

export function presentPromise(row: TicketRow, now: number): PromisedReplyView | null {
  if (row.promised_reply_at === null) return null;
  const status =
    row.promise_kept_at !== null
      ? 'kept'
      : row.promised_reply_at <= now
        ? 'overdue'
        : row.promised_reply_at - now <= TICKET_LIMITS.promiseReminderLeadMs
          ? 'due_soon'
          : 'pending';
  return { at: new Date(row.promised_reply_at).toISOString(), keptAt: iso(row.promise_kept_at), status };
}

export function stateViewOf(
  workflow: WorkflowDefinition | undefined,
  row: Pick<TicketRow, 'state' | 'state_category'>,
) {
  const state = workflow?.states.find((s) => s.key === row.state);
  return { key: row.state, name: state?.name ?? row.state, category: (state?.category ?? row.state_category) as never };
}

export function presentTicketSummary(
  row: TicketRow,
  contactName: string,
  refs: TicketRefs,
  now: number,
): TicketSummary {
  const type = refs.types.get(row.type_id);
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    type: { id: row.type_id, name: type?.name ?? '' },
    state: stateViewOf(type?.workflow, row),
    priority: row.priority as TicketPriority,
    source: row.source as TicketSource,
    contact: { id: row.contact_id, name: contactName },
    assignee: row.assignee_id ? { id: row.assignee_id, name: refs.users.get(row.assignee_id) ?? '' } : null,
    team: row.team_id ? { id: row.team_id, name: refs.teams.get(row.team_id) ?? '' } : null,
    categoryId: row.category_id,
    tags: JSON.parse(row.tags) as string[],
    promisedReply: presentPromise(row, now),
    sla: refs.slas.get(row.id) ?? null,
    openTaskCount: row.open_task_count,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    closedAt: iso(row.closed_at),
    version: row.version,
  };
}

export function presentTicketFile(ticketId: string, file: TicketFileMeta): TicketFileView {
  return {
    id: file.id,
    fileName: file.file_name,
    contentType: file.content_type,
    size: file.size,
    url: `/api/tickets/${ticketId}/files/${file.id}`,
    isImage: file.content_type.startsWith('image/'),
  };
}

/** A personal value as staff see it by default: phones 138****1234, other text cut to its first characters. */
export function maskPersonalValue(field: TicketFieldDefinition, value: unknown): unknown {
  if (field.kind === 'phone') return maskPhone(value as string);
  if (typeof value === 'string') return value.length <= 3 ? '***' : `${value.slice(0, 3)}***`;
  return '***';
}

/**
 * Form values for a view. `personal`: masked for staff, shown to a department whose task shares the customer's
 * details, hidden otherwise. Values of fields the form no longer has are left out.
 */
export function presentFieldValues(
  form: TicketFieldDefinition[],
  values: Record<string, unknown>,
  files: Map<string, TicketFileMeta>,
  ticketId: string,
  personal: 'mask' | 'show' | 'hide',
): { fields: Record<string, unknown>; hidden: string[] } {
  const fields: Record<string, unknown> = {};
  const hidden: string[] = [];
  for (const field of form) {
    const value = values[field.key];
    if (value === undefined || value === null) continue;
    if (isPersonalField(field) && personal === 'hide') {
      hidden.push(field.key);
      continue;
    }
    if (isPersonalField(field) && personal === 'mask') {
      fields[field.key] = maskPersonalValue(field, value);
      continue;
    }
    fields[field.key] =
      field.kind === 'attachment'
        ? (value as string[]).flatMap((id) => {
            const file = files.get(id);
            return file ? [presentTicketFile(ticketId, file)] : [];
          })
        : value;
  }
  return { fields, hidden };
}

export function presentTimelineEntry(row: TicketEventRow): TimelineEntryView {
  return {
    id: row.id,
    version: row.version,
    action: row.action as TimelineEntryView['action'],
    field: row.field,
    from: row.from_value === null ? null : JSON.parse(row.from_value),
    to: row.to_value === null ? null : JSON.parse(row.to_value),
    actor: { type: row.actor_type as 'user' | 'contact' | 'system', id: row.actor_id, name: row.actor_name },
    detail: JSON.parse(row.detail) as Record<string, unknown>,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/** `carried`: a public reply's attachments as the chat shows them (they are the message's, not ticket files). */
export function presentComment(
  row: CommentRow,
  users: Map<string, string>,
  files: Map<string, TicketFileMeta>,
  carried: TicketFileView[],
): TicketCommentView {
  return {
    id: row.id,
    kind: row.kind as TicketCommentView['kind'],
    body: row.body,
    author: { type: row.author_type as 'user' | 'contact' | 'system', id: row.author_id, name: row.author_name },
    mentions: (JSON.parse(row.mentions) as string[]).map((id) => ({ id, name: users.get(id) ?? '' })),
    taskId: row.task_id,
    conversationId: row.conversation_id,
    messageId: row.message_id,
    files: [
      ...(JSON.parse(row.files) as string[]).flatMap((id) => {
        const file = files.get(id);
        return file ? [presentTicketFile(row.ticket_id, file)] : [];
      }),
      ...carried,
    ],
    createdAt: new Date(row.created_at).toISOString(),
  };
}
