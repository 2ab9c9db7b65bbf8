import { randomBytes } from 'node:crypto';
import { insertAccount } from '../accounts/accountRepository.js';
import { recordAudit } from '../audit/auditRecorder.js';
import { hashPassword } from '../auth/passwords.js';
import type { AppContext } from '../context.js';
import { newId } from '../db/ids.js';
import { findUserByEmail, insertUser } from '../users/userRepository.js';

export interface BootstrapResult {
  accountId: string;
  adminEmail: string;
  /** Present only when this call created the admin, so it can be printed once. */
  adminPassword: string;
}

/** A password a person can type: 16 characters from an alphabet without look-alikes. */
export function generatePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return Array.from(randomBytes(16), (b) => alphabet[b % alphabet.length]).join('');
}

/** Creates the first workspace and its admin. Callers run it only when there is no workspace yet. */
export async function workspaceBootstrap(ctx: AppContext, name: string): Promise<BootstrapResult> {
  const adminEmail = ctx.config.adminEmail;
  if (await findUserByEmail(ctx.db.kysely, adminEmail)) throw new Error(`A user ${adminEmail} already exists`);
  const adminPassword = ctx.config.adminPassword ?? generatePassword();
  const passwordHash = await hashPassword(adminPassword);
  const now = ctx.clock.now();
  const accountId = newId(now);
  const userId = newId(now);
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await insertAccount(trx, {
      id: accountId,
      name,
      locale: 'zh-CN',
      timezone: 'Asia/Shanghai',
      created_at: now,
      updated_at: now,
    });
    await insertUser(trx, {
      id: userId,
      accountId,
      email: adminEmail,
      name: '管理员',
      role: 'admin',
      status: 'active',
      locale: 'zh-CN',
      passwordHash,
      now,
    });
    const system = { accountId, userId: null, name: 'system', ip: null };
    await recordAudit(
      trx,
      system,
      { action: 'user.created', target: { type: 'user', id: userId }, details: { email: adminEmail, role: 'admin' } },
      now,
    );
  });
  return { accountId, adminEmail, adminPassword };
}
