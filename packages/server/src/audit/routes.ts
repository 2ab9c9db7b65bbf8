import { auditEventView, auditListQuery } from '@kefu/shared';
import { z } from 'zod';
import type { KefuApp } from '../http/kefuApp.js';
import { presentAuditEvent } from './auditPresenter.js';
import { listAuditEvents } from './auditRepository.js';

export function auditRoutes(app: KefuApp) {
  app.get(
    '/api/audit-events',
    {
      config: { access: 'audit.read' },
      schema: {
        tags: ['audit'],
        summary: 'Browse the audit log, newest first',
        querystring: auditListQuery,
        response: { 200: z.object({ items: z.array(auditEventView), nextCursor: z.string().nullable() }) },
      },
    },
    async (request) => {
      const actor = request.actor!;
      const rows = await listAuditEvents(app.ctx.db.kysely, actor.accountId, request.query);
      const items = rows.map(presentAuditEvent);
      const nextCursor = rows.length === request.query.limit ? (rows.at(-1)?.id ?? null) : null;
      return { items, nextCursor };
    },
  );
}
