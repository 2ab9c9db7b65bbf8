import { sql } from 'kysely';
import type { Executor } from '../db/transaction.js';
import type { ContactSearchTerm } from './contactSearchTerm.js';
import { storedPhoneDigits } from './phoneNumbers.js';

export interface ContactSearchRow {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  verified: number;
}

const likeEscaped = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The workspace's contacts matching the term, newest first, after the `cursor` id. A number matches the stored
 * phone's digits at their end (so the whole number, with or without +86, or its last digits); an email address
 * matches whole, in any case; a name anywhere in the name.
 */
export function searchContacts(
  db: Executor,
  accountId: string,
  term: ContactSearchTerm,
  page: { cursor?: string | undefined; limit: number },
): Promise<ContactSearchRow[]> {
  let q = db
    .selectFrom('contacts')
    .select(['id', 'name', 'email', 'phone', 'verified'])
    .where('account_id', '=', accountId);
  switch (term.kind) {
    case 'email':
      q = q.where(sql<boolean>`lower(email) = ${term.email}`);
      break;
    case 'phone':
      // Digits need no LIKE escaping.
      q = q.where(sql<boolean>`${storedPhoneDigits('phone')} like ${`%${term.digits}`}`);
      break;
    case 'name':
      q = q.where(sql<boolean>`lower(name) like ${`%${likeEscaped(term.text)}%`} escape '\\'`);
      break;
  }
  if (page.cursor) q = q.where('id', '<', page.cursor);
  return q.orderBy('id', 'desc').limit(page.limit).execute();
}
