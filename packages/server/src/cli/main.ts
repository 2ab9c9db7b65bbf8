import { parseArgs } from 'node:util';
import { createUserBody, ROLES } from '@kefu/shared';
import { findAccount, findFirstAccountId } from '../accounts/accountRepository.js';
import { type Config, ConfigError, configFromEnv } from '../config.js';
import { migrateToLatest } from '../db/migrator.js';
import { demoSeeder } from '../seed/demoSeeder.js';
import { generatePassword } from '../seed/workspaceBootstrap.js';
import { DEMO_WORKSPACE_NAME, openContext, startServer } from '../server.js';
import { userCreator } from '../users/userCreator.js';
import { backupDatabase, restoreDatabase } from './backup.js';

const USAGE = `Usage: kefu <command>

Commands:
  start                         migrate, then serve API and console (default)
  migrate                       apply database migrations and exit
  user create --email E --name N --role R [--password P]
                                create a user in the first workspace (roles: ${ROLES.join(', ')});
                                without --password one is generated and printed
  backup FILE                   online backup of the SQLite database to FILE
  restore FILE                  restore the SQLite database from FILE (stop the server first)
  seed demo                     add the demo shop's teams and staff to the first workspace

Configuration comes from environment variables; see README.md.`;

type Context = Awaited<ReturnType<typeof openContext>>;

async function withContext<T>(config: Config, run: (ctx: Context) => Promise<T>): Promise<T> {
  const ctx = await openContext(config);
  try {
    await migrateToLatest(ctx.db.kysely);
    return await run(ctx);
  } finally {
    await ctx.db.close();
  }
}

async function firstAccountId(ctx: Context): Promise<string> {
  const id = await findFirstAccountId(ctx.db.kysely);
  if (!id) throw new Error('There is no workspace yet; run `kefu start` once first');
  return id;
}

export async function runCli(argv: string[]): Promise<number> {
  const [command = 'start', sub, ...rest] = argv;
  if (command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let config: Config;
  try {
    config = configFromEnv();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`kefu: ${error.message}\n`);
      return 2;
    }
    throw error;
  }

  switch (command) {
    case 'start':
      await startServer(config);
      return -1;
    case 'migrate': {
      const ctx = await openContext(config);
      const applied = await migrateToLatest(ctx.db.kysely).finally(() => ctx.db.close());
      process.stdout.write(applied.length ? `Applied ${applied.join(', ')}\n` : 'Migrations are up to date\n');
      return 0;
    }
    case 'user': {
      if (sub !== 'create') break;
      const { values } = parseArgs({
        args: rest,
        options: {
          email: { type: 'string' },
          name: { type: 'string' },
          role: { type: 'string' },
          password: { type: 'string' },
        },
      });
      const password = values.password ?? generatePassword();
      const parsed = createUserBody.safeParse({ ...values, password });
      if (!parsed.success) {
        const problems = parsed.error.issues.map((i) => `--${String(i.path[0])}: ${i.message}`);
        process.stderr.write(`kefu: ${problems.join('; ')}\n`);
        return 2;
      }
      const user = await withContext(config, async (ctx) => {
        const accountId = await firstAccountId(ctx);
        return userCreator(ctx, { accountId, userId: null, name: 'kefu CLI', ip: null }, parsed.data);
      });
      process.stdout.write(
        `Created ${user.role} ${user.email}${values.password ? '' : ` with password ${password}`}\n`,
      );
      return 0;
    }
    case 'backup':
    case 'restore': {
      if (!sub) break;
      if (command === 'backup') await backupDatabase(config, sub);
      else await restoreDatabase(config, sub);
      process.stdout.write(`${command === 'backup' ? 'Backed up to' : 'Restored from'} ${sub}\n`);
      return 0;
    }
    case 'seed': {
      if (sub !== 'demo') break;
      const password = config.adminPassword ?? generatePassword();
      const result = await withContext(config, async (ctx) => {
        const accountId = await firstAccountId(ctx);
        const account = await findAccount(ctx.db.kysely, accountId);
        return { ...(await demoSeeder(ctx, accountId, password)), name: account?.name ?? DEMO_WORKSPACE_NAME };
      });
      process.stdout.write(
        result.created.length
          ? `Demo staff added to ${result.name}: ${result.created.join(', ')} (password ${password})\n`
          : `Demo data already present in ${result.name}\n`,
      );
      return 0;
    }
  }
  process.stderr.write(`kefu: unknown command "${argv.join(' ')}"\n\n${USAGE}\n`);
  return 2;
}
