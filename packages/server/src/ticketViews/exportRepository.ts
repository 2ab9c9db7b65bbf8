import type { Executor } from '../db/transaction.js';

/** Names and phones of the customers an export lists (the phone is masked before it is written). */
export async function contactsForExport(db: Executor, accountId: string, ids: string[]) {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map<string, { name: string; phone: string | null }>();
  const rows = await db
    .selectFrom('contacts')
    .select(['id', 'name', 'phone'])
    .where('account_id', '=', accountId)
    .where('id', 'in', unique)
    .execute();
  return new Map(rows.map((r) => [r.id, { name: r.name, phone: r.phone }]));
}
