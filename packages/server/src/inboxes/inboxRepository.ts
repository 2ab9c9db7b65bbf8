import { directSqlite } from '../db/directSqlite.js';
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

/**
 * The inbox's settings (JSON), read on every customer message (inboxes/cachedInboxSettings.ts); undefined when there
 * is no such inbox in the account. With `known` (the UTF-8 of the settings read last time), null means they are
 * still exactly that: on SQLite the database compares the bytes, which costs a third of reading the text out again.
 */
export async function findInboxSettings(
  db: Executor,
  accountId: string,
  id: string,
  known?: Buffer,
): Promise<string | null | undefined> {
  const direct = directSqlite(db);
  if (direct && known) {
    const row = direct.get<{ changed: string | null }>(
      `select case when cast(settings as blob) = ? then null else settings end as changed
        from inboxes where account_id = ? and id = ?`,
      known,
      accountId,
      id,
    );
    return row?.changed;
  }
  if (direct) {
    return direct.get<{ settings: string }>(
      'select settings from inboxes where account_id = ? and id = ?',
      accountId,
      id,
    )?.settings;
  }
  const row = await db
    .selectFrom('inboxes')
    .select('settings')
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.settings;
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
