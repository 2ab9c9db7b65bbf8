import type { TaskReplyView, TaskStatus, TicketTaskView } from '@kefu/shared';
import type { CommentRow, TicketFileMeta } from '../tickets/ticketCommentRepository.js';
import { presentTicketFile } from '../tickets/ticketPresenter.js';
import type { TaskRow } from './taskRepository.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export interface TaskTicketRef {
  id: string;
  number: string;
  title: string;
}

/** `names`: current user names by id (owners); creator and completer keep the name they had then. */
export function presentTask(
  row: TaskRow,
  ticket: TaskTicketRef,
  names: Map<string, string>,
  now: number,
): TicketTaskView {
  return {
    id: row.id,
    ticket,
    team: { id: row.team_id ?? '', name: row.team_name },
    owner: row.owner_id ? { id: row.owner_id, name: names.get(row.owner_id) ?? '' } : null,
    title: row.title,
    instructions: row.instructions,
    dueAt: iso(row.due_at),
    overdue: row.status === 'open' && row.due_at !== null && row.due_at <= now,
    status: row.status as TaskStatus,
    shareContact: row.share_contact === 1,
    result: row.result,
    createdBy: row.created_by ? { id: row.created_by, name: row.creator_name ?? '' } : null,
    completedBy: row.completed_by ? { id: row.completed_by, name: row.completer_name ?? '' } : null,
    completedAt: iso(row.completed_at),
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    version: row.version,
  };
}

export function presentTaskReply(row: CommentRow, files: Map<string, TicketFileMeta>): TaskReplyView {
  return {
    id: row.id,
    body: row.body,
    author: { id: row.author_id, name: row.author_name },
    files: (JSON.parse(row.files) as string[]).flatMap((id) => {
      const file = files.get(id);
      return file ? [presentTicketFile(row.ticket_id, file)] : [];
    }),
    createdAt: new Date(row.created_at).toISOString(),
  };
}
