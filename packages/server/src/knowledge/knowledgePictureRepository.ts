import type { KnowledgePicturesTable } from '../db/schema.js';
import type { Executor } from '../db/transaction.js';

export type KnowledgePictureRow = KnowledgePicturesTable;

export async function insertPicture(db: Executor, row: KnowledgePictureRow): Promise<void> {
  await db.insertInto('knowledge_pictures').values(row).execute();
}

/** By id alone: the picture URL is public, and the unguessable id is the capability. */
export function findPicture(db: Executor, id: string): Promise<KnowledgePictureRow | undefined> {
  return db.selectFrom('knowledge_pictures').selectAll().where('id', '=', id).executeTakeFirst();
}
