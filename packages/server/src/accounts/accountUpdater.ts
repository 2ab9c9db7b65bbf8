import type { AccountView, updateAccountBody } from '@kefu/shared';
import type { z } from 'zod';
import { recordAudit } from '../audit/auditRecorder.js';
import type { AppContext } from '../context.js';
import type { Actor } from '../http/actor.js';
import { notFound } from '../http/appError.js';
import { presentAccount } from './accountPresenter.js';
import { findAccount, updateAccount } from './accountRepository.js';

export async function accountUpdater(
  ctx: AppContext,
  actor: Actor,
  changes: z.infer<typeof updateAccountBody>,
): Promise<AccountView> {
  const now = ctx.clock.now();
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const before = await findAccount(trx, actor.accountId);
    if (!before) throw notFound('Workspace');
    await updateAccount(trx, actor.accountId, changes, now);
    const changed = Object.fromEntries(
      Object.entries(changes).map(([key, to]) => [key, { from: before[key as keyof typeof changes], to }]),
    );
    await recordAudit(
      trx,
      actor,
      { action: 'account.updated', target: { type: 'account', id: actor.accountId }, details: changed },
      now,
    );
    return presentAccount({ ...before, ...changes, updated_at: now });
  });
}
