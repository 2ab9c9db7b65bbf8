import { type Kysely, PostgresAdapter, sql } from 'kysely';

/** Binary columns are the one type SQLite and PostgreSQL spell differently. */
function binaryType(db: Kysely<unknown>) {
  return db.getExecutor().adapter instanceof PostgresAdapter ? sql`bytea` : sql`blob`;
}

/**
 * The knowledge base (知识库): categories in a tree, entries (FAQ or article) with one variant per language,
 * the versions each save replaced, synonyms for search, pictures used in answers, and the revision counter
 * that keeps every node's in-memory search index current.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('knowledge_categories')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('parent_id', 'text', (c) => c.references('knowledge_categories.id').onDelete('restrict'))
    /** The parent's id, or '' at the top: one non-null column, so names are unique among siblings on both databases. */
    .addColumn('parent_key', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    /** JSON object of the name in other languages: { "zh-TW": …, "en": … }. */
    .addColumn('translations', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('knowledge_categories_name_uq', ['account_id', 'parent_key', 'name'])
    .execute();

  await db.schema
    .createTable('knowledge_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    /** faq / article. */
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('category_id', 'text', (c) => c.references('knowledge_categories.id').onDelete('set null'))
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    /** The workspace's knowledge revision when the entry or one of its variants last changed. */
    .addColumn('index_revision', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('knowledge_entries_revision_idx')
    .on('knowledge_entries')
    .columns(['account_id', 'index_revision'])
    .execute();
  await db.schema
    .createIndex('knowledge_entries_category_idx')
    .on('knowledge_entries')
    .columns(['account_id', 'category_id'])
    .execute();

  await db.schema
    .createTable('knowledge_variants')
    .addColumn('entry_id', 'text', (c) => c.notNull().references('knowledge_entries.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('locale', 'text', (c) => c.notNull())
    /** draft / published. */
    .addColumn('status', 'text', (c) => c.notNull())
    /** The standard question (FAQ) or the article's title. */
    .addColumn('title', 'text', (c) => c.notNull())
    /** JSON array of similar questions. */
    .addColumn('similar_questions', 'text', (c) => c.notNull())
    /** What the editor wrote (Markdown with an allow-listed subset of HTML). */
    .addColumn('body', 'text', (c) => c.notNull())
    /** The body rendered and sanitised when saved; rendering sanitises it again. */
    .addColumn('body_html', 'text', (c) => c.notNull())
    /** Plain text of the body, for the bot's text messages and for search. */
    .addColumn('body_text', 'text', (c) => c.notNull())
    /** Saves of this variant so far; a save naming an older one is refused. */
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('published_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('knowledge_variants_pk', ['entry_id', 'locale'])
    .execute();
  await db.schema
    .createIndex('knowledge_variants_account_idx')
    .on('knowledge_variants')
    .columns(['account_id', 'locale', 'status'])
    .execute();

  await db.schema
    .createTable('knowledge_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('entry_id', 'text', (c) => c.notNull().references('knowledge_entries.id').onDelete('cascade'))
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('similar_questions', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    /** Who saved this version and when (not when it was replaced). */
    .addColumn('saved_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('saved_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('knowledge_versions_entry_idx')
    .on('knowledge_versions')
    .columns(['entry_id', 'locale', 'version'])
    .execute();

  await db.schema
    .createTable('knowledge_synonyms')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    /** JSON array of the words as written. */
    .addColumn('words', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('knowledge_synonyms_account_idx')
    .on('knowledge_synonyms')
    .columns(['account_id'])
    .execute();

  await db.schema
    .createTable('knowledge_pictures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('data', binaryType(db), (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('knowledge_state')
    .addColumn('account_id', 'text', (c) => c.primaryKey().references('accounts.id').onDelete('cascade'))
    /** Bumped by every change to entries or synonyms, in the transaction that makes it. */
    .addColumn('revision', 'bigint', (c) => c.notNull())
    /** The revision of the last synonym change. */
    .addColumn('synonyms_revision', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  /** Deleted entries, so other nodes drop them from their index; kept a day (an index idle longer is rebuilt). */
  await db.schema
    .createTable('knowledge_deletions')
    .addColumn('entry_id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('revision', 'bigint', (c) => c.notNull())
    .addColumn('deleted_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('knowledge_deletions_revision_idx')
    .on('knowledge_deletions')
    .columns(['account_id', 'revision'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'knowledge_deletions',
    'knowledge_state',
    'knowledge_pictures',
    'knowledge_synonyms',
    'knowledge_versions',
    'knowledge_variants',
    'knowledge_entries',
    'knowledge_categories',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
