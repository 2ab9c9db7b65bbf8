import { sql } from 'kysely';
import type { LabelsTable } from '../db/schema.js';
import type { Executor } from '../db/transaction.js';

export type LabelRow = LabelsTable;

export async function insertLabel(db: Executor, row: LabelRow): Promise<void> {
  await db.insertInto('labels').values(row).execute();
}

export function findLabel(db: Executor, accountId: string, id: string): Promise<LabelRow | undefined> {
  return db
    .selectFrom('labels')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findLabelByName(db: Executor, accountId: string, name: string): Promise<LabelRow | undefined> {
  return db
    .selectFrom('labels')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('name', '=', name)
    .executeTakeFirst();
}

export function listLabels(db: Executor, accountId: string): Promise<LabelRow[]> {
  return db.selectFrom('labels').selectAll().where('account_id', '=', accountId).orderBy('name').execute();
}

export async function existingLabelNames(db: Executor, accountId: string, names: string[]): Promise<Set<string>> {
  if (names.length === 0) return new Set();
  const rows = await db
    .selectFrom('labels')
    .select('name')
    .where('account_id', '=', accountId)
    .where('name', 'in', names)
    .execute();
  return new Set(rows.map((r) => r.name));
}

export async function updateLabel(
  db: Executor,
  accountId: string,
  id: string,
  changes: Partial<Pick<LabelRow, 'name' | 'color' | 'description'>>,
  now: number,
): Promise<void> {
  await db
    .updateTable('labels')
    .set({ ...changes, updated_at: now })
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .execute();
}

export async function deleteLabel(db: Executor, accountId: string, id: string): Promise<void> {
  await db.deleteFrom('labels').where('account_id', '=', accountId).where('id', '=', id).execute();
}

/** `"name"` as it appears inside a conversation's JSON label list, as a LIKE pattern with its wildcards escaped. */
export function labelLikePattern(name: string): string {
  return `%${JSON.stringify(name).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Conversations whose label list contains the name (the LIKE narrows; callers parse the JSON to be sure). */
export function conversationsWithLabel(db: Executor, accountId: string, name: string) {
  return db
    .selectFrom('conversations')
    .select(['id', 'labels'])
    .where('account_id', '=', accountId)
    .where(sql<boolean>`labels like ${labelLikePattern(name)} escape '\\'`)
    .execute();
}

export async function setConversationLabels(
  db: Executor,
  accountId: string,
  conversationId: string,
  labels: string[],
  now: number,
): Promise<void> {
  await db
    .updateTable('conversations')
    .set({ labels: JSON.stringify(labels), updated_at: now })
    .where('account_id', '=', accountId)
    .where('id', '=', conversationId)
    .execute();
}
