import type { QuickRepliesTable, QuickReplyPicturesTable } from '../db/schema.js';
import type { Executor } from '../db/transaction.js';

export type QuickReplyRow = QuickRepliesTable;
export type QuickReplyPictureRow = QuickReplyPicturesTable;

/** A reply with what a listing shows of its picture (never the bytes). */
export interface ListedQuickReply extends QuickReplyRow {
  picture_file_name: string | null;
  picture_content_type: string | null;
  picture_size: number | null;
  picture_digest: string | null;
}

/** Which replies a caller sees besides the workspace's: their own, and those of some or all teams. */
export interface Visibility {
  userId: string;
  /** Teams whose replies are visible; `all` for admins and supervisors outside the composer. */
  teams: string[] | 'all';
}

export interface QuickReplyFilter {
  scope?: string | undefined;
  teamId?: string | undefined;
  categoryId?: string | undefined;
}

function listQuery(db: Executor, accountId: string, visibility: Visibility, filter: QuickReplyFilter) {
  let query = db
    .selectFrom('quick_replies')
    .leftJoin('quick_reply_pictures', 'quick_reply_pictures.quick_reply_id', 'quick_replies.id')
    .selectAll('quick_replies')
    .select([
      'quick_reply_pictures.file_name as picture_file_name',
      'quick_reply_pictures.content_type as picture_content_type',
      'quick_reply_pictures.size as picture_size',
      'quick_reply_pictures.digest as picture_digest',
    ])
    .where('quick_replies.account_id', '=', accountId)
    .where((eb) => {
      const { teams } = visibility;
      const visible = [
        eb('quick_replies.scope', '=', 'workspace'),
        eb.and([eb('quick_replies.scope', '=', 'personal'), eb('quick_replies.owner_id', '=', visibility.userId)]),
      ];
      if (teams === 'all') visible.push(eb('quick_replies.scope', '=', 'team'));
      else if (teams.length > 0) {
        visible.push(eb.and([eb('quick_replies.scope', '=', 'team'), eb('quick_replies.team_id', 'in', teams)]));
      }
      return eb.or(visible);
    });
  if (filter.scope) query = query.where('quick_replies.scope', '=', filter.scope);
  if (filter.teamId) query = query.where('quick_replies.team_id', '=', filter.teamId);
  if (filter.categoryId) query = query.where('quick_replies.category_id', '=', filter.categoryId);
  return query;
}

export function listVisibleQuickReplies(
  db: Executor,
  accountId: string,
  visibility: Visibility,
  filter: QuickReplyFilter = {},
): Promise<ListedQuickReply[]> {
  return listQuery(db, accountId, visibility, filter).orderBy('quick_replies.title').execute();
}

export function findVisibleQuickReply(
  db: Executor,
  accountId: string,
  visibility: Visibility,
  id: string,
): Promise<ListedQuickReply | undefined> {
  return listQuery(db, accountId, visibility, {}).where('quick_replies.id', '=', id).executeTakeFirst();
}

export function findQuickReplyByTitle(
  db: Executor,
  accountId: string,
  scopeKey: string,
  title: string,
): Promise<QuickReplyRow | undefined> {
  return db
    .selectFrom('quick_replies')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('scope_key', '=', scopeKey)
    .where('title', '=', title)
    .executeTakeFirst();
}

/** Every reply of the given scope keys, for an import to find what it updates. */
export function listQuickRepliesByScopeKeys(
  db: Executor,
  accountId: string,
  scopeKeys: string[],
): Promise<QuickReplyRow[]> {
  if (scopeKeys.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('quick_replies')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('scope_key', 'in', scopeKeys)
    .execute();
}

export async function countQuickReplies(db: Executor, accountId: string): Promise<number> {
  const row = await db
    .selectFrom('quick_replies')
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .where('account_id', '=', accountId)
    .executeTakeFirstOrThrow();
  return Number(row.total);
}

export async function insertQuickReplies(db: Executor, rows: QuickReplyRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto('quick_replies').values(rows).execute();
}

export type QuickReplyChanges = Partial<
  Pick<
    QuickReplyRow,
    | 'scope'
    | 'owner_id'
    | 'team_id'
    | 'scope_key'
    | 'category_id'
    | 'title'
    | 'content'
    | 'title_pinyin'
    | 'title_initials'
    | 'content_initials'
  >
>;

export async function updateQuickReply(
  db: Executor,
  accountId: string,
  id: string,
  changes: QuickReplyChanges,
  now: number,
): Promise<void> {
  await db
    .updateTable('quick_replies')
    .set({ ...changes, updated_at: now })
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .execute();
}

export async function deleteQuickReply(db: Executor, accountId: string, id: string): Promise<void> {
  await db.deleteFrom('quick_replies').where('account_id', '=', accountId).where('id', '=', id).execute();
}

export async function replaceQuickReplyPicture(db: Executor, picture: QuickReplyPictureRow): Promise<void> {
  await deleteQuickReplyPicture(db, picture.account_id, picture.quick_reply_id);
  await db.insertInto('quick_reply_pictures').values(picture).execute();
}

export async function deleteQuickReplyPicture(db: Executor, accountId: string, quickReplyId: string): Promise<void> {
  await db
    .deleteFrom('quick_reply_pictures')
    .where('account_id', '=', accountId)
    .where('quick_reply_id', '=', quickReplyId)
    .execute();
}

export function findQuickReplyPicture(
  db: Executor,
  accountId: string,
  quickReplyId: string,
): Promise<QuickReplyPictureRow | undefined> {
  return db
    .selectFrom('quick_reply_pictures')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('quick_reply_id', '=', quickReplyId)
    .executeTakeFirst();
}

export interface UsageCounts {
  total: number;
  mine: number;
}

/** How often each reply of the workspace was inserted, by everyone and by `userId`. */
export async function usageCounts(db: Executor, accountId: string, userId: string): Promise<Map<string, UsageCounts>> {
  const rows = await db
    .selectFrom('quick_reply_usages')
    .select((eb) => [
      'quick_reply_id',
      eb.fn.sum<number>('use_count').as('total'),
      eb.fn.sum<number>(eb.case().when('user_id', '=', userId).then(eb.ref('use_count')).else(0).end()).as('mine'),
    ])
    .where('account_id', '=', accountId)
    .groupBy('quick_reply_id')
    .execute();
  return new Map(rows.map((r) => [r.quick_reply_id, { total: Number(r.total), mine: Number(r.mine) }]));
}

/** One more insertion by `userId`; concurrent insertions each count (an upsert, not read-then-write). */
export async function recordQuickReplyUse(
  db: Executor,
  accountId: string,
  quickReplyId: string,
  userId: string,
  now: number,
): Promise<void> {
  await db
    .insertInto('quick_reply_usages')
    .values({ quick_reply_id: quickReplyId, user_id: userId, account_id: accountId, use_count: 1, last_used_at: now })
    .onConflict((oc) =>
      oc.columns(['quick_reply_id', 'user_id']).doUpdateSet((eb) => ({
        use_count: eb('quick_reply_usages.use_count', '+', 1),
        last_used_at: now,
      })),
    )
    .execute();
}
