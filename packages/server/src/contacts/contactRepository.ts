import type { ContactsTable } from '../db/schema.js';
import type { Executor } from '../db/transaction.js';

export type ContactRow = ContactsTable;

/** A new contact has no owner and no tags until someone sets them (routing/contactRoutingUpdater.ts). */
export async function insertContact(
  db: Executor,
  row: Omit<ContactRow, 'owner_id' | 'tags'> & Partial<Pick<ContactRow, 'owner_id' | 'tags'>>,
): Promise<void> {
  await db
    .insertInto('contacts')
    .values({ owner_id: null, tags: '[]', ...row })
    .execute();
}

export function findContact(db: Executor, accountId: string, id: string): Promise<ContactRow | undefined> {
  return db
    .selectFrom('contacts')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function updateContact(
  db: Executor,
  accountId: string,
  id: string,
  changes: Partial<Pick<ContactRow, 'name' | 'email' | 'phone' | 'verified'>>,
  now: number,
): Promise<void> {
  await db
    .updateTable('contacts')
    .set({ ...changes, updated_at: now })
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .execute();
}

/** Locks the contact's row until the transaction ends (a no-op update works on SQLite and PostgreSQL alike). */
export async function lockContact(db: Executor, accountId: string, id: string): Promise<void> {
  await db
    .updateTable('contacts')
    .set((eb) => ({ updated_at: eb.ref('updated_at') }))
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .execute();
}

export function findContactIdByIdentity(
  db: Executor,
  inboxId: string,
  kind: 'visitor' | 'external',
  identifier: string,
) {
  return db
    .selectFrom('contact_identities')
    .select('contact_id')
    .where('inbox_id', '=', inboxId)
    .where('kind', '=', kind)
    .where('identifier', '=', identifier)
    .executeTakeFirst();
}

export async function insertContactIdentity(
  db: Executor,
  row: {
    id: string;
    account_id: string;
    inbox_id: string;
    contact_id: string;
    kind: 'visitor' | 'external';
    identifier: string;
    created_at: number;
  },
): Promise<void> {
  await db.insertInto('contact_identities').values(row).execute();
}
