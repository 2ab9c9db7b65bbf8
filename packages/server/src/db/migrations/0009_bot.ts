import type { Kysely } from 'kysely';

/**
 * The answer bot: a flag on conversations it is handling (hidden from agents' lists until it hands over), the
 * structured data of its messages, one session per stretch of a conversation the bot handles, and one turn per
 * customer message it replied to (the learning list, ratings and statistics read the turns).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('conversations')
    .addColumn('bot_active', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  /** JSON of a BotPayload (shared/schemas/bot.ts); null on people's messages. */
  await db.schema.alterTable('messages').addColumn('payload', 'text').execute();

  await db.schema
    .createTable('bot_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('inbox_id', 'text', (c) => c.notNull().references('inboxes.id').onDelete('cascade'))
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id').onDelete('cascade'))
    /** active / handed_off / taken_over (a person stepped in) / ended (the conversation closed or reopened). */
    .addColumn('state', 'text', (c) => c.notNull())
    /** Consecutive questions without an answer. */
    .addColumn('misses', 'integer', (c) => c.notNull())
    /** JSON: the choices last offered ({ suggestions, menu }), so "2" picks the second. */
    .addColumn('pending', 'text', (c) => c.notNull())
    .addColumn('handoff_reason', 'text')
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('handed_off_at', 'bigint')
    .addColumn('ended_at', 'bigint')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('bot_sessions_conversation_idx')
    .on('bot_sessions')
    .columns(['conversation_id', 'started_at'])
    .execute();
  await db.schema
    .createIndex('bot_sessions_account_idx')
    .on('bot_sessions')
    .columns(['account_id', 'started_at'])
    .execute();

  await db.schema
    .createTable('bot_turns')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('inbox_id', 'text', (c) => c.notNull().references('inboxes.id').onDelete('cascade'))
    .addColumn('session_id', 'text', (c) => c.notNull().references('bot_sessions.id').onDelete('cascade'))
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id').onDelete('cascade'))
    /** The customer's message. */
    .addColumn('question_message_id', 'text', (c) => c.notNull().unique().references('messages.id').onDelete('cascade'))
    .addColumn('question', 'text', (c) => c.notNull())
    /** answer / suggest / unknown / menu / handoff. */
    .addColumn('outcome', 'text', (c) => c.notNull())
    /** The entry answered (or the closest one, for the learning list); no foreign key: entries may be deleted. */
    .addColumn('entry_id', 'text')
    .addColumn('entry_title', 'text')
    /** The best search score × 1000 (integers are portable). */
    .addColumn('score', 'integer', (c) => c.notNull())
    /** The bot's reply; ratings are per reply. */
    .addColumn('reply_message_id', 'text', (c) => c.unique().references('messages.id').onDelete('set null'))
    .addColumn('rating', 'text')
    .addColumn('rated_at', 'bigint')
    /** An editor dealt with the question in the learning list (taught it, or dismissed it). */
    .addColumn('learned_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('bot_turns_account_idx').on('bot_turns').columns(['account_id', 'created_at']).execute();
  await db.schema.createIndex('bot_turns_session_idx').on('bot_turns').columns(['session_id', 'created_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('bot_turns').execute();
  await db.schema.dropTable('bot_sessions').execute();
  await db.schema.alterTable('messages').dropColumn('payload').execute();
  await db.schema.alterTable('conversations').dropColumn('bot_active').execute();
}
