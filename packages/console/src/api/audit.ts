import type { AuditAction, AuditEventView } from '@kefu/shared';
import { apiRequest } from './client';

export const auditEventsKey = ['audit-events'] as const;

export interface AuditFilters {
  action?: AuditAction;
  actorId?: string;
  /** ISO datetime, inclusive lower bound. */
  from?: string;
  /** ISO datetime, upper bound. */
  to?: string;
}

export interface AuditPage {
  items: AuditEventView[];
  nextCursor: string | null;
}

export function listAuditEvents(filters: AuditFilters, cursor: string | undefined, limit: number): Promise<AuditPage> {
  return apiRequest('/api/audit-events', { query: { ...filters, cursor, limit } });
}
