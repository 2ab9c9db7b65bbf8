import type { TicketTypesTable } from '../db/schema.js';
import type { Executor } from '../db/transaction.js';

export type TicketTypeRow = TicketTypesTable;

export async function insertTicketType(db: Executor, row: TicketTypeRow): Promise<void> {
  await db.insertInto('ticket_types').values(row).execute();
}

export function findTicketType(db: Executor, accountId: string, id: string): Promise<TicketTypeRow | undefined> {
  return db
    .selectFrom('ticket_types')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findTicketTypeByName(
  db: Executor,
  accountId: string,
  name: string,
): Promise<TicketTypeRow | undefined> {
  return db
    .selectFrom('ticket_types')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('name', '=', name)
    .executeTakeFirst();
}

export function listTicketTypes(db: Executor, accountId: string): Promise<TicketTypeRow[]> {
  return db
    .selectFrom('ticket_types')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('position')
    .orderBy('id')
    .execute();
}

export async function countTicketTypes(db: Executor, accountId: string): Promise<number> {
  const row = await db
    .selectFrom('ticket_types')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', accountId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Writes the changes only if the row still has `version`; returns whether it did. */
export async function updateTicketType(
  db: Executor,
  accountId: string,
  id: string,
  version: number,
  changes: Partial<
    Pick<
      TicketTypeRow,
      'name' | 'description' | 'enabled' | 'widget_enabled' | 'default_priority' | 'fields' | 'workflow' | 'position'
    >
  >,
  now: number,
): Promise<boolean> {
  const result = await db
    .updateTable('ticket_types')
    .set({ ...changes, version: version + 1, updated_at: now })
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteTicketType(db: Executor, accountId: string, id: string): Promise<void> {
  await db.deleteFrom('ticket_types').where('account_id', '=', accountId).where('id', '=', id).execute();
}

/** Tickets per type of the workspace. */
export async function ticketCountsByType(db: Executor, accountId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('tickets')
    .select(['type_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('account_id', '=', accountId)
    .groupBy('type_id')
    .execute();
  return new Map(rows.map((r) => [r.type_id, Number(r.n)]));
}

/** How many tickets of the type sit in each state: a workflow may not drop a state that holds tickets. */
export async function ticketCountsByState(
  db: Executor,
  accountId: string,
  typeId: string,
): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('tickets')
    .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
    .where('account_id', '=', accountId)
    .where('type_id', '=', typeId)
    .groupBy('state')
    .execute();
  return new Map(rows.map((r) => [r.state, Number(r.n)]));
}

/** Moves a state's tickets to the state's new category. */
export async function recategoriseTickets(
  db: Executor,
  accountId: string,
  typeId: string,
  state: string,
  category: string,
): Promise<void> {
  await db
    .updateTable('tickets')
    .set({ state_category: category })
    .where('account_id', '=', accountId)
    .where('type_id', '=', typeId)
    .where('state', '=', state)
    .where('state_category', '!=', category)
    .execute();
}
