import { type Kysely, type Migration, type MigrationProvider, Migrator, PostgresAdapter, sql } from 'kysely';
import * as foundation from './migrations/0001_foundation.js';
import * as liveChat from './migrations/0002_live_chat.js';
import * as routing from './migrations/0003_routing.js';
import * as quickReplies from './migrations/0004_quick_replies.js';
import * as searchModeration from './migrations/0005_search_moderation.js';
import * as businessHours from './migrations/0006_business_hours.js';
import * as tickets from './migrations/0007_tickets.js';
import * as knowledge from './migrations/0008_knowledge.js';
import * as bot from './migrations/0009_bot.js';
import * as sla from './migrations/0010_sla.js';
import * as refoldMe from './migrations/0011_refold_me.js';
import type { Database } from './schema.js';

/** Migrations are imported statically so the built server needs no file-system scan. */
const migrations: Record<string, Migration> = {
  '0001_foundation': foundation,
  '0002_live_chat': liveChat,
  '0003_routing': routing,
  '0004_quick_replies': quickReplies,
  '0005_search_moderation': searchModeration,
  '0006_business_hours': businessHours,
  '0007_tickets': tickets,
  '0008_knowledge': knowledge,
  '0009_bot': bot,
  '0010_sla': sla,
  '0011_refold_me': refoldMe,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider, ...(await migrationTableSchema(db)) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/**
 * On PostgreSQL, Kysely looks for its migration tables in every schema of the database unless told which
 * one: another schema's `kysely_migration` (another app's, or a parallel test's) would be taken for ours
 * and the migration would fail. Pin them to the schema the connection works in.
 */
async function migrationTableSchema(db: Kysely<Database>): Promise<{ migrationTableSchema?: string }> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return {};
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]?.schema;
  return schema ? { migrationTableSchema: schema } : {};
}
