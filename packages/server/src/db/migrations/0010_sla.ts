import type { Kysely } from 'kysely';

// SLA policies and the clocks of each ticket; saved ticket views; indexes the built-in views read.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sla_policies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('conditions', 'text', (c) => c.notNull())
    // A deleted calendar leaves its policies counting around the clock (the console says so).
    .addColumn('calendar_id', 'text', (c) => c.references('business_calendars.id').onDelete('set null'))
    .addColumn('first_response_minutes', 'integer')
    .addColumn('next_response_minutes', 'integer')
    .addColumn('resolution_minutes', 'integer')
    .addColumn('warn_mode', 'text', (c) => c.notNull())
    .addColumn('warn_value', 'integer', (c) => c.notNull())
    .addColumn('on_breach', 'text', (c) => c.notNull())
    .addColumn('pause_when_pending', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('sla_policies_name_uq', ['account_id', 'name'])
    .execute();

  // One row per ticket: what happened (facts, JSON) and what the sweeper and the views read (due_at, next_check_at).
  await db.schema
    .createTable('ticket_slas')
    .addColumn('ticket_id', 'text', (c) => c.primaryKey().references('tickets.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('policy_id', 'text', (c) => c.references('sla_policies.id').onDelete('set null'))
    .addColumn('facts', 'text', (c) => c.notNull())
    .addColumn('notices', 'text', (c) => c.notNull())
    // The soonest due time of a clock not stopped (past once breached); null: nothing is due.
    .addColumn('due_at', 'bigint')
    // When the sweeper must look again (a warning or a breach to send, a policy to choose again).
    .addColumn('next_check_at', 'bigint')
    // 1 while the ticket is open (not resolved or closed): its linked conversations are watched for customer messages.
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('chat_checked_at', 'bigint', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ticket_slas_due_idx').on('ticket_slas').columns(['account_id', 'due_at']).execute();
  await db.schema.createIndex('ticket_slas_check_idx').on('ticket_slas').column('next_check_at').execute();
  await db.schema.createIndex('ticket_slas_active_idx').on('ticket_slas').columns(['active', 'account_id']).execute();

  await db.schema
    .createTable('ticket_saved_views')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('team_id', 'text', (c) => c.references('teams.id').onDelete('set null'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('filters', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('ticket_saved_views_name_uq', ['owner_id', 'name'])
    .execute();
  await db.schema
    .createIndex('ticket_saved_views_team_idx')
    .on('ticket_saved_views')
    .columns(['account_id', 'team_id'])
    .execute();

  // The built-in view of my teams' tickets pages by id within the team.
  await db.schema.createIndex('tickets_team_idx').on('tickets').columns(['account_id', 'team_id', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('tickets_team_idx').execute();
  await db.schema.dropTable('ticket_saved_views').execute();
  await db.schema.dropTable('ticket_slas').execute();
  await db.schema.dropTable('sla_policies').execute();
}
