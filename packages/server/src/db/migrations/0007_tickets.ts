import { type CreateTableBuilder, type Kysely, PostgresAdapter, sql } from 'kysely';

/** Binary columns are the one type SQLite and PostgreSQL spell differently. */
function binaryType(db: Kysely<unknown>) {
  return db.getExecutor().adapter instanceof PostgresAdapter ? sql`bytea` : sql`blob`;
}

/** Every ticket table starts the same way: its id, its workspace, and (but for the tickets themselves) its ticket. */
function ticketChild<T extends string>(builder: CreateTableBuilder<T, never>) {
  return builder
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id').onDelete('cascade'));
}

// Tickets (工单): types with forms and workflows, categories, tickets and everything that hangs off them.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('ticket_categories')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('parent_id', 'text', (c) => c.references('ticket_categories.id'))
    // The parent's id or '' at the top: one non-null column, so names are unique among siblings on both databases.
    .addColumn('parent_key', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('ticket_categories_name_uq', ['account_id', 'parent_key', 'name'])
    .execute();

  await db.schema
    .createTable('ticket_types')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('widget_enabled', 'integer', (c) => c.notNull())
    .addColumn('default_priority', 'text', (c) => c.notNull())
    .addColumn('fields', 'text', (c) => c.notNull())
    .addColumn('workflow', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('ticket_types_name_uq', ['account_id', 'name'])
    .execute();

  await db.schema
    .createTable('ticket_counters')
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('last_value', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('ticket_counters_pk', ['account_id', 'period'])
    .execute();

  await db.schema
    .createTable('tickets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('number', 'text', (c) => c.notNull())
    // No cascade: a type with tickets cannot be deleted (it can be disabled).
    .addColumn('type_id', 'text', (c) => c.notNull().references('ticket_types.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('state_category', 'text', (c) => c.notNull())
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id').onDelete('cascade'))
    .addColumn('assignee_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('team_id', 'text', (c) => c.references('teams.id').onDelete('set null'))
    .addColumn('category_id', 'text', (c) => c.references('ticket_categories.id').onDelete('set null'))
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('fields', 'text', (c) => c.notNull())
    .addColumn('order_numbers', 'text', (c) => c.notNull())
    .addColumn('promised_reply_at', 'bigint')
    .addColumn('promise_kept_at', 'bigint')
    .addColumn('promise_reminded_at', 'bigint')
    .addColumn('promise_overdue_at', 'bigint')
    .addColumn('current_resolution_id', 'text')
    .addColumn('open_task_count', 'integer', (c) => c.notNull())
    .addColumn('reopen_count', 'integer', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('recorder_name', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('closed_at', 'bigint')
    .addUniqueConstraint('tickets_number_uq', ['account_id', 'number'])
    .execute();
  await db.schema.createIndex('tickets_account_idx').on('tickets').columns(['account_id', 'id']).execute();
  await db.schema
    .createIndex('tickets_assignee_idx')
    .on('tickets')
    .columns(['account_id', 'assignee_id', 'id'])
    .execute();
  await db.schema.createIndex('tickets_contact_idx').on('tickets').columns(['contact_id', 'id']).execute();
  await db.schema.createIndex('tickets_type_idx').on('tickets').columns(['type_id', 'state']).execute();
  await db.schema.createIndex('tickets_promise_idx').on('tickets').column('promised_reply_at').execute();

  await db.schema
    .createTable('ticket_watchers')
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('ticket_watchers_pk', ['ticket_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('ticket_conversations')
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('linked_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('ticket_conversations_pk', ['ticket_id', 'conversation_id'])
    .execute();
  await db.schema
    .createIndex('ticket_conversations_conversation_idx')
    .on('ticket_conversations')
    .column('conversation_id')
    .execute();

  await ticketChild(db.schema.createTable('ticket_transcripts'))
    .addColumn('conversation_id', 'text', (c) => c.notNull())
    .addColumn('up_to_seq', 'integer', (c) => c.notNull())
    .addColumn('messages', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await ticketChild(db.schema.createTable('ticket_resolutions'))
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('compensation_cents', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('required_approvals', 'integer', (c) => c.notNull())
    .addColumn('proposed_by', 'text', (c) => c.notNull())
    .addColumn('proposer_name', 'text', (c) => c.notNull())
    .addColumn('approved_at', 'bigint')
    .addColumn('customer_decision', 'text')
    .addColumn('customer_decision_by', 'text')
    .addColumn('customer_recorder_id', 'text')
    .addColumn('customer_recorder_name', 'text')
    .addColumn('customer_channel', 'text')
    .addColumn('customer_note', 'text')
    .addColumn('customer_decided_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('ticket_resolutions_ticket_idx')
    .on('ticket_resolutions')
    .columns(['ticket_id', 'id'])
    .execute();

  await ticketChild(db.schema.createTable('ticket_approvals'))
    .addColumn('resolution_id', 'text', (c) => c.notNull().references('ticket_resolutions.id').onDelete('cascade'))
    .addColumn('approver_id', 'text', (c) => c.notNull())
    .addColumn('approver_name', 'text', (c) => c.notNull())
    .addColumn('approver_role', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    // One decision per person and resolution: the second approver is a different person, in the database too.
    .addUniqueConstraint('ticket_approvals_approver_uq', ['resolution_id', 'approver_id'])
    .execute();

  await ticketChild(db.schema.createTable('ticket_follow_ups'))
    .addColumn('resolution_id', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorder_name', 'text', (c) => c.notNull())
    .addColumn('contacted_at', 'bigint', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('satisfied', 'integer', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('ticket_follow_ups_ticket_idx')
    .on('ticket_follow_ups')
    .columns(['ticket_id', 'id'])
    .execute();

  await ticketChild(db.schema.createTable('ticket_calls'))
    .addColumn('phone_number', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('duration_seconds', 'integer', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .addColumn('recorder_name', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ticket_calls_ticket_idx').on('ticket_calls').columns(['ticket_id', 'id']).execute();

  await ticketChild(db.schema.createTable('ticket_tasks'))
    .addColumn('team_id', 'text', (c) => c.references('teams.id').onDelete('set null'))
    .addColumn('team_name', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('instructions', 'text', (c) => c.notNull())
    .addColumn('due_at', 'bigint')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('share_contact', 'integer', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('creator_name', 'text')
    .addColumn('completed_by', 'text')
    .addColumn('completer_name', 'text')
    .addColumn('completed_at', 'bigint')
    .addColumn('overdue_notified_at', 'bigint')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ticket_tasks_ticket_idx').on('ticket_tasks').columns(['ticket_id', 'id']).execute();
  await db.schema
    .createIndex('ticket_tasks_team_idx')
    .on('ticket_tasks')
    .columns(['account_id', 'team_id', 'id'])
    .execute();
  await db.schema
    .createIndex('ticket_tasks_owner_idx')
    .on('ticket_tasks')
    .columns(['account_id', 'owner_id', 'id'])
    .execute();
  await db.schema.createIndex('ticket_tasks_due_idx').on('ticket_tasks').columns(['status', 'due_at']).execute();

  await ticketChild(db.schema.createTable('ticket_files'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('data', binaryType(db), (c) => c.notNull())
    .addColumn('uploader_type', 'text', (c) => c.notNull())
    .addColumn('uploader_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ticket_files_ticket_idx').on('ticket_files').column('ticket_id').execute();

  await ticketChild(db.schema.createTable('ticket_comments'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('author_type', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text')
    .addColumn('author_name', 'text')
    .addColumn('mentions', 'text', (c) => c.notNull())
    .addColumn('task_id', 'text', (c) => c.references('ticket_tasks.id').onDelete('cascade'))
    .addColumn('conversation_id', 'text')
    .addColumn('message_id', 'text')
    .addColumn('files', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('ticket_comments_ticket_idx')
    .on('ticket_comments')
    .columns(['ticket_id', 'id'])
    .execute();
  await db.schema.createIndex('ticket_comments_task_idx').on('ticket_comments').columns(['task_id', 'id']).execute();

  await ticketChild(db.schema.createTable('ticket_events'))
    .addColumn('version', 'integer')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('field', 'text')
    .addColumn('from_value', 'text')
    .addColumn('to_value', 'text')
    .addColumn('actor_type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text')
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ticket_events_ticket_idx').on('ticket_events').columns(['ticket_id', 'id']).execute();

  // The notifications outbox: one row per recipient, written in the change's transaction (see ARCHITECTURE.md).
  await ticketChild(db.schema.createTable('ticket_notifications'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('task_id', 'text')
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text')
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('read_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('ticket_notifications_user_idx')
    .on('ticket_notifications')
    .columns(['user_id', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'ticket_notifications',
    'ticket_events',
    'ticket_comments',
    'ticket_files',
    'ticket_tasks',
    'ticket_calls',
    'ticket_follow_ups',
    'ticket_approvals',
    'ticket_resolutions',
    'ticket_transcripts',
    'ticket_conversations',
    'ticket_watchers',
    'tickets',
    'ticket_counters',
    'ticket_types',
    'ticket_categories',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
