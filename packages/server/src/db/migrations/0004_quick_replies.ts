import { type Kysely, PostgresAdapter, sql } from 'kysely';

/** Binary columns are the one type SQLite and PostgreSQL spell differently. */
function binaryType(db: Kysely<unknown>) {
  return db.getExecutor().adapter instanceof PostgresAdapter ? sql`bytea` : sql`blob`;
}

// Quick replies (快捷回复): categories, the replies, their pictures, and per-agent usage counts.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('quick_reply_categories')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('quick_reply_categories_name_uq', ['account_id', 'name'])
    .execute();

  await db.schema
    .createTable('quick_replies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('team_id', 'text', (c) => c.references('teams.id').onDelete('cascade'))
    // `workspace`, `team:<id>` or `user:<id>`: one non-null column, so titles are unique per scope on both databases.
    .addColumn('scope_key', 'text', (c) => c.notNull())
    .addColumn('category_id', 'text', (c) => c.references('quick_reply_categories.id').onDelete('set null'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('title_pinyin', 'text', (c) => c.notNull())
    .addColumn('title_initials', 'text', (c) => c.notNull())
    .addColumn('content_initials', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('quick_replies_title_uq', ['account_id', 'scope_key', 'title'])
    .execute();

  // Kept apart from `attachments`: a message binds and a clean-up deletes uploads, while a quick reply's
  // picture lives as long as the reply does and is copied into a fresh upload each time it is inserted.
  await db.schema
    .createTable('quick_reply_pictures')
    .addColumn('quick_reply_id', 'text', (c) => c.primaryKey().references('quick_replies.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    // SHA-256 of the bytes, hex: names this version of the picture in its URL, so browsers may cache it.
    .addColumn('digest', 'text', (c) => c.notNull())
    .addColumn('data', binaryType(db), (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('quick_reply_usages')
    .addColumn('quick_reply_id', 'text', (c) => c.notNull().references('quick_replies.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('use_count', 'integer', (c) => c.notNull())
    .addColumn('last_used_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('quick_reply_usages_pk', ['quick_reply_id', 'user_id'])
    .execute();
  await db.schema
    .createIndex('quick_reply_usages_account_idx')
    .on('quick_reply_usages')
    .columns(['account_id', 'user_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['quick_reply_usages', 'quick_reply_pictures', 'quick_replies', 'quick_reply_categories']) {
    await db.schema.dropTable(table).execute();
  }
}
