import type { Executor } from '../db/transaction.js';
import { filteredTickets, type TicketListFilter } from '../tickets/ticketRepository.js';

/** How many tickets the list's filters match, counting no further than `atMost` (to tell whether a cap cuts). */
export async function countTicketsUpTo(
  db: Executor,
  accountId: string,
  filter: Omit<TicketListFilter, 'limit'>,
  atMost: number,
): Promise<number> {
  const matching = filteredTickets(db, accountId, filter).clearSelect().select('id').limit(atMost);
  const row = await db
    .selectFrom(matching.as('matching'))
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

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
