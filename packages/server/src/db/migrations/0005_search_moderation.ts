import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * Labels, sensitive words and their flags, and the conversation search index.
 *
 * The index is the one place the two databases differ: SQLite keeps the document list in `message_search` and
 * the words in the FTS5 table `message_search_fts` (contentless, rowid = doc_id); PostgreSQL keeps the words in
 * `message_search` itself under a GIN index over `to_tsvector('simple', …)`. Both index two columns: `words`
 * (jieba tokens) and `chars` (every Han character alone, so a phrase of them finds any run of characters).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('labels')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('color', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('labels_name_uq', ['account_id', 'name'])
    .execute();

  await db.schema
    .createTable('sensitive_words')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('word', 'text', (c) => c.notNull())
    /** The word folded (width, script, case) with symbols and spaces removed: what is matched. */
    .addColumn('pattern', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    /** `block`, `warn`, or null for the workspace's default action. */
    .addColumn('action', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('sensitive_words_pattern_uq', ['account_id', 'pattern'])
    .execute();

  await db.schema
    .createTable('moderation_settings')
    .addColumn('account_id', 'text', (c) => c.primaryKey().references('accounts.id').onDelete('cascade'))
    .addColumn('default_action', 'text', (c) => c.notNull())
    /** Bumped on every change of the word list or the settings; nodes compare it to drop their cached matcher. */
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('message_flags')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id').onDelete('cascade'))
    .addColumn('message_id', 'text', (c) => c.notNull().unique().references('messages.id').onDelete('cascade'))
    /** `customer` (flagged for supervisors) or `agent` (an agent confirmed sending past a warning). */
    .addColumn('source', 'text', (c) => c.notNull())
    /** JSON array of { word, category, action, start, end }. */
    .addColumn('matches', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('message_flags_account_idx').on('message_flags').columns(['account_id', 'id']).execute();
  await db.schema
    .createIndex('message_flags_conversation_idx')
    .on('message_flags')
    .columns(['conversation_id', 'id'])
    .execute();

  await db.schema
    .createTable('indexer_cursors')
    .addColumn('name', 'text', (c) => c.primaryKey())
    /** The id up to which every message has been processed ('' before the first). */
    .addColumn('position', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await sql`insert into indexer_cursors (name, position, updated_at) values ('message_search', '', 0)`.execute(db);

  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`
      create table message_search (
        message_id text primary key references messages(id) on delete cascade,
        account_id text not null references accounts(id) on delete cascade,
        conversation_id text not null references conversations(id) on delete cascade,
        created_at bigint not null,
        words text not null,
        chars text not null
      )`.execute(db);
    await sql`
      create index message_search_fts_idx on message_search using gin (
        (setweight(to_tsvector('simple', words), 'A') || setweight(to_tsvector('simple', chars), 'B'))
      )`.execute(db);
  } else {
    await sql`
      create table message_search (
        doc_id integer primary key,
        message_id text not null unique references messages(id) on delete cascade,
        account_id text not null references accounts(id) on delete cascade,
        conversation_id text not null references conversations(id) on delete cascade,
        created_at bigint not null
      )`.execute(db);
    await sql`
      create virtual table message_search_fts using fts5(words, chars, content='', contentless_delete=1)`.execute(db);
    // Deleting a conversation cascades to its documents; their words go with them.
    await sql`
      create trigger message_search_fts_delete after delete on message_search begin
        delete from message_search_fts where rowid = old.doc_id;
      end`.execute(db);
  }
  await db.schema
    .createIndex('message_search_conversation_idx')
    .on('message_search')
    .columns(['conversation_id', 'message_id'])
    .execute();
  await db.schema
    .createIndex('message_search_account_idx')
    .on('message_search')
    .columns(['account_id', 'message_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) {
    await sql`drop table message_search_fts`.execute(db);
  }
  for (const table of [
    'message_search',
    'indexer_cursors',
    'message_flags',
    'moderation_settings',
    'sensitive_words',
    'labels',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
