import type { SensitiveWordAction } from '@kefu/shared';
import type { SensitiveWordsTable } from '../db/schema.js';
import type { Executor } from '../db/transaction.js';

export type SensitiveWordRow = SensitiveWordsTable;

/** Until an admin changes it, an agent is warned (and may confirm) rather than blocked. */
export const DEFAULT_ACTION: SensitiveWordAction = 'warn';

export async function insertSensitiveWords(db: Executor, rows: SensitiveWordRow[]): Promise<void> {
  // Chunks keep each statement well under SQLite's limit of bound parameters.
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('sensitive_words')
      .values(rows.slice(i, i + 500))
      .execute();
  }
}

export function findSensitiveWord(db: Executor, accountId: string, id: string): Promise<SensitiveWordRow | undefined> {
  return db
    .selectFrom('sensitive_words')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function existingPatterns(db: Executor, accountId: string, patterns: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < patterns.length; i += 500) {
    const rows = await db
      .selectFrom('sensitive_words')
      .select('pattern')
      .where('account_id', '=', accountId)
      .where('pattern', 'in', patterns.slice(i, i + 500))
      .execute();
    for (const row of rows) found.add(row.pattern);
  }
  return found;
}

export function findSensitiveWordByPattern(db: Executor, accountId: string, pattern: string) {
  return db
    .selectFrom('sensitive_words')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('pattern', '=', pattern)
    .executeTakeFirst();
}

/** Newest first; `q` narrows by part of the word or the category. */
export function listSensitiveWords(
  db: Executor,
  accountId: string,
  page: { cursor?: string | undefined; limit: number; q?: string | undefined },
): Promise<SensitiveWordRow[]> {
  let query = db.selectFrom('sensitive_words').selectAll().where('account_id', '=', accountId);
  if (page.q) {
    const like = `%${page.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb('word', 'like', like), eb('category', 'like', like)]));
  }
  if (page.cursor) query = query.where('id', '<', page.cursor);
  return query.orderBy('id', 'desc').limit(page.limit).execute();
}

export async function countSensitiveWords(db: Executor, accountId: string): Promise<number> {
  const row = await db
    .selectFrom('sensitive_words')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', accountId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** What the matcher needs: every word of the workspace. */
export function loadMatchableWords(db: Executor, accountId: string) {
  return db
    .selectFrom('sensitive_words')
    .select(['word', 'pattern', 'category', 'action'])
    .where('account_id', '=', accountId)
    .execute();
}

export async function updateSensitiveWord(
  db: Executor,
  accountId: string,
  id: string,
  changes: Partial<Pick<SensitiveWordRow, 'word' | 'pattern' | 'category' | 'action'>>,
  now: number,
): Promise<void> {
  await db
    .updateTable('sensitive_words')
    .set({ ...changes, updated_at: now })
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .execute();
}

export async function deleteSensitiveWord(db: Executor, accountId: string, id: string): Promise<void> {
  await db.deleteFrom('sensitive_words').where('account_id', '=', accountId).where('id', '=', id).execute();
}

export async function readModerationSettings(
  db: Executor,
  accountId: string,
): Promise<{ defaultAction: SensitiveWordAction; version: number }> {
  const row = await db
    .selectFrom('moderation_settings')
    .select(['default_action', 'version'])
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return row
    ? { defaultAction: row.default_action as SensitiveWordAction, version: row.version }
    : { defaultAction: DEFAULT_ACTION, version: 0 };
}

/** The one cheap read every node makes to learn whether its cached matcher is stale. */
export async function readModerationVersion(db: Executor, accountId: string): Promise<number> {
  const row = await db
    .selectFrom('moderation_settings')
    .select('version')
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return row?.version ?? 0;
}

/** Every change to the words or the settings bumps the version, in the transaction that makes it. */
export async function bumpModerationVersion(
  db: Executor,
  accountId: string,
  now: number,
  defaultAction?: SensitiveWordAction,
): Promise<void> {
  await db
    .insertInto('moderation_settings')
    .values({ account_id: accountId, default_action: defaultAction ?? DEFAULT_ACTION, version: 1, updated_at: now })
    .onConflict((oc) =>
      oc.column('account_id').doUpdateSet((eb) => ({
        version: eb('moderation_settings.version', '+', 1),
        updated_at: now,
        ...(defaultAction ? { default_action: defaultAction } : {}),
      })),
    )
    .execute();
}
