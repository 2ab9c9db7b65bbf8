import type { AuditAction } from '@kefu/shared';
import { newId } from '../db/ids.js';
import type { Executor } from '../db/transaction.js';
import { insertAuditEvent } from './auditRepository.js';

/** Who did it. A signed-in Actor fits; a failed sign-in has no user yet, so userId and name may be null. */
export interface AuditActor {
  accountId: string;
  userId: string | null;
  name: string | null;
  ip: string | null;
}

export interface AuditEntry {
  action: AuditAction;
  target?: { type: string; id: string };
  /** What changed; never passwords, tokens or a customer's personal data. */
  details?: Record<string, unknown>;
}

/** Writes the audit event inside the caller's transaction, so a change and its record land together. */
export function recordAudit(db: Executor, actor: AuditActor, entry: AuditEntry, now: number): Promise<void> {
  return insertAuditEvent(db, {
    id: newId(now),
    accountId: actor.accountId,
    actorId: actor.userId,
    actorName: actor.name,
    action: entry.action,
    targetType: entry.target?.type ?? null,
    targetId: entry.target?.id ?? null,
    ip: actor.ip,
    details: entry.details ?? {},
    createdAt: now,
  });
}
