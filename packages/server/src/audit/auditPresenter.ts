import type { AuditAction, AuditEventView } from '@kefu/shared';
import type { AuditEventsTable } from '../db/schema.js';

export function presentAuditEvent(row: AuditEventsTable): AuditEventView {
  return {
    id: row.id,
    action: row.action as AuditAction,
    actorId: row.actor_id,
    actorName: row.actor_name,
    targetType: row.target_type,
    targetId: row.target_id,
    ip: row.ip,
    details: JSON.parse(row.details) as Record<string, unknown>,
    createdAt: new Date(row.created_at).toISOString(),
  };
}
