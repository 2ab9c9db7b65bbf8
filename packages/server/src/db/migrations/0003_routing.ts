import type { Kysely } from 'kysely';

// Routing: agents' presence and load, team limits, customer owners and tags, the queue and its history.
// Portable types only (see db/schema.ts).
export async function up(db: Kysely<unknown>): Promise<void> {
  // One row per agent who ever connected or was given a limit; an agent without one is offline with the default limit.
  await db.schema
    .createTable('agent_states')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('presence', 'text', (c) => c.notNull())
    .addColumn('presence_choice', 'text', (c) => c.notNull())
    .addColumn('presence_since', 'bigint')
    .addColumn('disconnected_at', 'bigint')
    .addColumn('chat_limit', 'integer', (c) => c.notNull())
    .addColumn('active_chats', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_assigned_at', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('last_released_at', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('agent_states_presence_idx')
    .on('agent_states')
    .columns(['account_id', 'presence'])
    .execute();

  await db.schema.alterTable('teams').addColumn('chat_limit', 'integer').execute();
  await db.schema
    .alterTable('teams')
    .addColumn('active_chats', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .alterTable('contacts')
    .addColumn('owner_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .execute();
  await db.schema
    .alterTable('contacts')
    .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema.createIndex('contacts_owner_idx').on('contacts').column('owner_id').execute();

  // Agent-only timeline entries (routing decisions): kept from the customer like private notes.
  await db.schema
    .alterTable('messages')
    .addColumn('internal', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('conversation_routing')
    .addColumn('conversation_id', 'text', (c) => c.primaryKey().references('conversations.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('inbox_id', 'text', (c) => c.notNull())
    .addColumn('contact_id', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('team_id', 'text')
    .addColumn('plan', 'text', (c) => c.notNull())
    .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('enqueued_at', 'bigint')
    .addColumn('visitor_seen_at', 'bigint')
    .addColumn('assignee_id', 'text')
    .addColumn('rule', 'text')
    .addColumn('assigned_at', 'bigint')
    .addColumn('answered_at', 'bigint')
    .addColumn('first_assigned_at', 'bigint')
    .addColumn('first_reply_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('conversation_routing_queue_idx')
    .on('conversation_routing')
    .columns(['account_id', 'state', 'priority', 'enqueued_at'])
    .execute();
  await db.schema
    .createIndex('conversation_routing_answer_idx')
    .on('conversation_routing')
    .columns(['state', 'answered_at', 'assigned_at'])
    .execute();
  await db.schema
    .createIndex('conversation_routing_reply_idx')
    .on('conversation_routing')
    .columns(['account_id', 'first_reply_at'])
    .execute();

  // What the widget session said about where the visitor wants to go, until their conversation opens.
  await db.schema
    .createTable('routing_hints')
    .addColumn('inbox_id', 'text', (c) => c.notNull().references('inboxes.id').onDelete('cascade'))
    .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('team_id', 'text')
    .addColumn('agent_id', 'text')
    .addColumn('locale', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('routing_hints_pk', ['inbox_id', 'contact_id'])
    .execute();

  await db.schema
    .createTable('conversation_participants')
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('added_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('conversation_participants_pk', ['conversation_id', 'user_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['conversation_participants', 'routing_hints', 'conversation_routing', 'agent_states']) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable('messages').dropColumn('internal').execute();
  await db.schema.dropIndex('contacts_owner_idx').execute();
  await db.schema.alterTable('contacts').dropColumn('tags').execute();
  await db.schema.alterTable('contacts').dropColumn('owner_id').execute();
  await db.schema.alterTable('teams').dropColumn('active_chats').execute();
  await db.schema.alterTable('teams').dropColumn('chat_limit').execute();
}
