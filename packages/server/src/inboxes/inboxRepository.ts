import type { InboxesTable } from '../db/schema.js';
import type { Executor } from '../db/transaction.js';

export type InboxRow = InboxesTable;

export async function insertInbox(db: Executor, row: InboxRow): Promise<void> {
  await db.insertInto('inboxes').values(row).execute();
}

export function findInbox(db: Executor, accountId: string, id: string): Promise<InboxRow | undefined> {
  return db
    .selectFrom('inboxes')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findInboxByWebsiteToken(db: Executor, websiteToken: string): Promise<InboxRow | undefined> {
  return db.selectFrom('inboxes').selectAll().where('website_token', '=', websiteToken).executeTakeFirst();
}

export function listInboxes(db: Executor, accountId: string): Promise<InboxRow[]> {
  return db.selectFrom('inboxes').selectAll().where('account_id', '=', accountId).orderBy('id').execute();
}

export async function updateInbox(
  db: Executor,
  accountId: string,
  id: string,
  changes: Partial<Pick<InboxRow, 'name' | 'settings' | 'hmac_secret'>>,
  now: number,
): Promise<void> {
  await db
    .updateTable('inboxes')
    .set({ ...changes, updated_at: now })
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .execute();
}
