import type { TicketCommentView } from '@kefu/shared';
import { presentAttachment } from '../attachments/attachmentPresenter.js';
import type { Executor } from '../db/transaction.js';
import { type CommentRow, listTicketFiles, replyMessageAttachments } from './ticketCommentRepository.js';
import { presentComment } from './ticketPresenter.js';
import { userNamesOf } from './ticketRefsRepository.js';

/**
 * Comments of one ticket as staff see them, with what they refer to read in batches: mentioned colleagues, the
 * ticket files of comments and task replies, and the attachments public replies carried into the chat (those
 * live with the conversation's message, so their URLs are the chat's capability URLs).
 */
export async function presentComments(
  db: Executor,
  key: string,
  accountId: string,
  ticketId: string,
  rows: CommentRow[],
): Promise<TicketCommentView[]> {
  const users = await userNamesOf(
    db,
    accountId,
    rows.flatMap((r) => JSON.parse(r.mentions) as string[]),
  );
  const files = await listTicketFiles(
    db,
    ticketId,
    rows.flatMap((r) => JSON.parse(r.files) as string[]),
  );
  const fileMap = new Map(files.map((f) => [f.id, f]));
  const replyAttachments = await replyMessageAttachments(
    db,
    accountId,
    rows.flatMap((r) => (r.kind === 'public' && r.message_id ? [r.message_id] : [])),
  );
  return rows.map((row) => {
    const carried = row.message_id ? (replyAttachments.get(row.message_id) ?? []) : [];
    return presentComment(
      row,
      users,
      fileMap,
      carried.map((a) => presentAttachment(key, a)),
    );
  });
}
