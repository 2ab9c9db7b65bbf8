import { pino } from 'pino';
import { countAccounts } from './accounts/accountRepository.js';
import { buildApp } from './app.js';
import type { Config } from './config.js';
import { type AppContext, systemClock } from './context.js';
import { openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrator.js';
import { startWalCheckpointer } from './db/walCheckpointer.js';
import { startMaintenance } from './maintenance/maintenanceTimer.js';
import { LocalEventBus } from './realtime/events.js';
import { RedisEventBus } from './realtime/redisEventBus.js';
import { startMessageIndexer } from './search/messageIndexer.js';
import { demoSeeder } from './seed/demoSeeder.js';
import { workspaceBootstrap } from './seed/workspaceBootstrap.js';

export const DEMO_WORKSPACE_NAME = '悦家生活旗舰店';

export async function openContext(config: Config): Promise<AppContext> {
  const log = pino({ level: config.logLevel });
  const db = openDatabase(config.database);
  const bus = config.redisUrl ? new RedisEventBus(config.redisUrl, log) : new LocalEventBus();
  if (bus instanceof RedisEventBus) await bus.ready();
  return { config, db, clock: systemClock, log, bus };
}

/** Migrates, creates the first workspace on an empty database, and serves API and console. */
export async function startServer(config: Config) {
  const ctx = await openContext(config);
  const applied = await migrateToLatest(ctx.db.kysely);
  if (applied.length > 0) ctx.log.info({ migrations: applied }, 'database migrated');

  if ((await countAccounts(ctx.db.kysely)) === 0) {
    const boot = await workspaceBootstrap(ctx, config.seedDemo ? DEMO_WORKSPACE_NAME : 'Kefu');
    if (config.seedDemo) await demoSeeder(ctx, boot.accountId, boot.adminPassword);
    printFirstLogin(config, boot.adminEmail, boot.adminPassword, config.seedDemo);
  }

  const checkpointer = startWalCheckpointer(ctx.db, ctx.log);
  const app = await buildApp(ctx);
  await app.listen({ port: config.port, host: config.host });
  const stopMaintenance = startMaintenance(ctx);
  // Conversation search and customer sensitive-word flags follow new messages in the background, per node.
  const indexer = startMessageIndexer(ctx);
  if (!config.consoleDir) ctx.log.warn('console is not built; run `npm run build` to serve it');

  const shutdown = async (signal: string) => {
    ctx.log.info({ signal }, 'shutting down');
    stopMaintenance();
    await indexer.stop();
    await app.close();
    await ctx.bus.close();
    await checkpointer?.stop();
    await ctx.db.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  return { app, ctx };
}

/** Printed to the terminal, not the log: the password must not end up in log storage. */
function printFirstLogin(config: Config, email: string, password: string, demo: boolean) {
  const lines = [
    '',
    '  Kefu is ready · 客服系统已就绪',
    `  Console 控制台:   ${config.publicUrl}`,
    `  Admin 管理员:     ${email}`,
    `  Password 密码:    ${password}${config.adminPassword ? ' (from KEFU_ADMIN_PASSWORD)' : ''}`,
    ...(demo ? [`  Demo staff 演示坐席: xiaoli@demo.kefu.local, zhuguan@demo.kefu.local … (same password)`] : []),
    '  This is shown once. 密码仅显示这一次。',
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
