import type { ApiTokenView } from '@kefu/shared';
import { recordAudit } from '../audit/auditRecorder.js';
import type { AppContext } from '../context.js';
import { newId } from '../db/ids.js';
import type { Actor } from '../http/actor.js';
import { API_TOKEN_PREFIX } from '../http/authentication.js';
import { hashSecret, newSecret } from '../http/secrets.js';
import { assertOwnsToken } from '../policies/apiTokenPolicy.js';
import { presentApiToken } from './apiTokenPresenter.js';
import { findApiToken, insertApiToken, revokeApiToken } from './apiTokenRepository.js';

export async function apiTokenCreator(
  ctx: AppContext,
  actor: Actor,
  body: { name: string; expiresInDays: number | null },
): Promise<{ token: ApiTokenView; secret: string }> {
  const now = ctx.clock.now();
  const id = newId(now);
  const secret = newSecret(API_TOKEN_PREFIX);
  const expiresAt = body.expiresInDays === null ? null : now + body.expiresInDays * 24 * 3600 * 1000;
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await insertApiToken(trx, {
      id,
      accountId: actor.accountId,
      userId: actor.userId,
      name: body.name,
      prefix: secret.slice(0, API_TOKEN_PREFIX.length + 6),
      tokenHash: hashSecret(ctx.config.secret, secret),
      expiresAt,
      now,
    });
    await recordAudit(
      trx,
      actor,
      { action: 'api_token.created', target: { type: 'api_token', id }, details: { name: body.name, expiresAt } },
      now,
    );
  });
  const row = await findApiToken(ctx.db.kysely, actor.accountId, id);
  return { token: presentApiToken(row!), secret };
}

export async function apiTokenRevoker(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const token = await findApiToken(trx, actor.accountId, id);
    assertOwnsToken(actor, token);
    await revokeApiToken(trx, id, now);
    await recordAudit(
      trx,
      actor,
      { action: 'api_token.revoked', target: { type: 'api_token', id }, details: { name: token!.name } },
      now,
    );
  });
}
