import { createHmac, randomBytes } from 'node:crypto';
import type { WidgetSessionBody } from '@kefu/shared';
import {
  findContact,
  findContactIdByIdentity,
  insertContact,
  insertContactIdentity,
  updateContact,
} from '../contacts/contactRepository.js';
import type { AppContext } from '../context.js';
import { newId } from '../db/ids.js';
import type { Executor } from '../db/transaction.js';
import { AppError } from '../http/appError.js';
import { safeEqual } from '../http/secrets.js';
import type { InboxRow } from '../inboxes/inboxRepository.js';
import { verifyVisitorToken } from './visitorToken.js';

/** The host site proves who its user is with HMAC-SHA256(inbox secret, identifier). */
export function identifierHash(secret: string, identifier: string): string {
  return createHmac('sha256', secret).update(identifier).digest('hex');
}

/**
 * Which contact a widget visitor is. Only a verified identifier may attach the visitor to an existing
 * contact; otherwise the visitor continues as the anonymous contact their signed token names, or starts
 * as a new one. An unverified visitor can never reach another contact's conversations.
 */
export async function resolveVisitorContact(
  ctx: AppContext,
  trx: Executor,
  inbox: InboxRow,
  body: WidgetSessionBody,
): Promise<string> {
  const now = ctx.clock.now();
  const claims = body.visitorToken ? verifyVisitorToken(ctx.config.secret, body.visitorToken, now) : null;
  const ownClaims = claims && claims.inboxId === inbox.id && claims.accountId === inbox.account_id ? claims : null;

  if (body.identifier !== undefined) {
    if (!body.identifierHash || !safeEqual(body.identifierHash, identifierHash(inbox.hmac_secret, body.identifier))) {
      throw new AppError('FORBIDDEN', 'The identifier hash does not match; identity verification failed', [
        { field: 'body.identifierHash', issue: 'does not match the identifier' },
      ]);
    }
    const known = await findContactIdByIdentity(trx, inbox.id, 'external', body.identifier);
    if (known) return known.contact_id;
    const contactId = await createContact(trx, inbox, body.name ?? `用户 ${body.identifier.slice(0, 20)}`, 1, now);
    await insertContactIdentity(trx, {
      id: newId(now),
      account_id: inbox.account_id,
      inbox_id: inbox.id,
      contact_id: contactId,
      kind: 'external',
      identifier: body.identifier,
      created_at: now,
    });
    return contactId;
  }

  if (ownClaims && (await findContact(trx, inbox.account_id, ownClaims.contactId))) return ownClaims.contactId;

  const visitorId = randomBytes(12).toString('base64url');
  const contactId = await createContact(
    trx,
    inbox,
    body.name ?? `访客${randomBytes(2).readUInt16BE(0) % 10000}`,
    0,
    now,
  );
  await insertContactIdentity(trx, {
    id: newId(now),
    account_id: inbox.account_id,
    inbox_id: inbox.id,
    contact_id: contactId,
    kind: 'visitor',
    identifier: visitorId,
    created_at: now,
  });
  return contactId;
}

async function createContact(
  trx: Executor,
  inbox: InboxRow,
  name: string,
  verified: number,
  now: number,
): Promise<string> {
  const id = newId(now);
  await insertContact(trx, {
    id,
    account_id: inbox.account_id,
    name,
    email: null,
    phone: null,
    verified,
    created_at: now,
    updated_at: now,
  });
  return id;
}

/** Details the visitor typed (pre-chat form, leave-a-message) or the host page passed. */
export async function recordVisitorDetails(
  ctx: AppContext,
  trx: Executor,
  accountId: string,
  contactId: string,
  details: { name?: string | undefined; email?: string | undefined; phone?: string | undefined },
): Promise<void> {
  const changes = Object.fromEntries(Object.entries(details).filter(([, v]) => v !== undefined));
  if (Object.keys(changes).length > 0) await updateContact(trx, accountId, contactId, changes, ctx.clock.now());
}
