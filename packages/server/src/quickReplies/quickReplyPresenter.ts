import type { QuickReplyCategoryView, QuickReplyView } from '@kefu/shared';
import type { QuickReplyCategoryRow } from './quickReplyCategoryRepository.js';
import type { ListedQuickReply, UsageCounts } from './quickReplyRepository.js';

export function presentQuickReply(
  row: ListedQuickReply,
  usage: UsageCounts | undefined,
  editable: boolean,
): QuickReplyView {
  return {
    id: row.id,
    scope: row.scope as QuickReplyView['scope'],
    teamId: row.team_id,
    ownerId: row.owner_id,
    categoryId: row.category_id,
    title: row.title,
    content: row.content,
    picture:
      row.picture_file_name !== null &&
      row.picture_content_type !== null &&
      row.picture_size !== null &&
      row.picture_digest !== null
        ? {
            fileName: row.picture_file_name,
            contentType: row.picture_content_type,
            size: row.picture_size,
            // The digest makes a replaced picture a new URL, so browsers may cache each one.
            url: `/api/quick-replies/${row.id}/picture?v=${row.picture_digest.slice(0, 16)}`,
          }
        : null,
    keys: { titlePinyin: row.title_pinyin, titleInitials: row.title_initials, contentInitials: row.content_initials },
    useCount: usage?.total ?? 0,
    myUseCount: usage?.mine ?? 0,
    editable,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

export function presentQuickReplyCategory(row: QuickReplyCategoryRow, replyCount: number): QuickReplyCategoryView {
  return { id: row.id, name: row.name, replyCount, createdAt: new Date(row.created_at).toISOString() };
}
