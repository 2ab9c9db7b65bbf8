import type { AuditAction, AuditListQuery } from '@kefu/shared';
import type { AuditEventsTable } from '../db/schema.js';
import type { Executor } from '../db/transaction.js';

export interface NewAuditEvent {
  id: string;
  accountId: string;
  actorId: string | null;
  actorName: string | null;
  action: AuditAction;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  details: Record<string, unknown>;
  createdAt: number;
}

export async function insertAuditEvent(db: Executor, event: NewAuditEvent): Promise<void> {
  await db
    .insertInto('audit_events')
    .values({
      id: event.id,
      account_id: event.accountId,
      actor_id: event.actorId,
      actor_name: event.actorName,
      action: event.action,
      target_type: event.targetType,
      target_id: event.targetId,
      ip: event.ip,
      details: JSON.stringify(event.details),
      created_at: event.createdAt,
    })
    .execute();
}

/** Newest first; ids are UUIDv7 so `id < cursor` walks back in time. */
export async function listAuditEvents(
  db: Executor,
  accountId: string,
  query: AuditListQuery,
): Promise<AuditEventsTable[]> {
  let q = db.selectFrom('audit_events').selectAll().where('account_id', '=', accountId);
  if (query.cursor) q = q.where('id', '<', query.cursor);
  if (query.action) q = q.where('action', '=', query.action);
  if (query.actorId) q = q.where('actor_id', '=', query.actorId);
  if (query.from) q = q.where('created_at', '>=', Date.parse(query.from));
  if (query.to) q = q.where('created_at', '<=', Date.parse(query.to));
  return q.orderBy('id', 'desc').limit(query.limit).execute();
}
