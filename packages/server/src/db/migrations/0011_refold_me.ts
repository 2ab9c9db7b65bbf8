import { type Kysely, sql } from 'kysely';

/**
 * Folding once turned Simplified 么 into 幺 (OpenCC's Traditional round trip), while Traditional 麼 became 么, so
 * a word written with 么 never met its Traditional spelling. Folding now keeps 么. What was stored folded the old
 * way is brought in line:
 * - sensitive-word patterns whose word has 么 (and no real 幺) get 么 back, and the workspace's matcher version
 *   moves so every node rebuilds its cached matcher;
 * - search documents of messages that contain 么 are dropped and the indexer's cursor rewinds, so the indexer
 *   writes them again with today's folding (it indexes every message that has no document; on SQLite the FTS
 *   words go with the document through the delete trigger).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    update moderation_settings set version = version + 1
    where account_id in (select account_id from sensitive_words where word like '%么%' and word not like '%幺%')`.execute(
    db,
  );
  await sql`
    update sensitive_words set pattern = replace(pattern, '幺', '么')
    where word like '%么%' and word not like '%幺%'
      and not exists (
        select 1 from sensitive_words other
        where other.account_id = sensitive_words.account_id
          and other.pattern = replace(sensitive_words.pattern, '幺', '么')
      )`.execute(db);
  const stale = await sql`
    delete from message_search where message_id in (select id from messages where content like '%么%')`.execute(db);
  if ((stale.numAffectedRows ?? 0n) > 0n) {
    await sql`update indexer_cursors set position = '' where name = 'message_search'`.execute(db);
  }
}

export async function down(): Promise<void> {
  // Nothing to undo: the old folding was a bug, and the rewritten rows are what it should have stored.
}
