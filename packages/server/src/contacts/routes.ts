import { contactListResponse, contactSearchQuery, idParams } from '@kefu/shared';
import { z } from 'zod';
import { recordAudit } from '../audit/auditRecorder.js';
import { notFound } from '../http/appError.js';
import type { KefuApp } from '../http/kefuApp.js';
import { presentContactSummary } from './contactPresenter.js';
import { findContact } from './contactRepository.js';
import { searchContacts } from './contactSearchRepository.js';
import { contactSearchTerm } from './contactSearchTerm.js';

const revealBody = z.object({
  field: z.enum(['phone', 'email']),
  /** Why the agent needs it; kept in the audit log (PIPL). */
  reason: z.string().trim().min(2).max(200),
});

export function contactRoutes(app: KefuApp) {
  app.get(
    '/api/contacts',
    {
      config: { access: 'contacts.read' },
      schema: {
        tags: ['contacts'],
        summary:
          'Find customers by part of the name, the whole phone number or its last 4+ digits, or the email; masked, newest first',
        querystring: contactSearchQuery,
        response: { 200: contactListResponse },
      },
    },
    async (request) => {
      const { q, cursor, limit } = request.query;
      const rows = await searchContacts(app.ctx.db.kysely, request.actor!.accountId, contactSearchTerm(q), {
        cursor,
        limit: limit + 1,
      });
      const page = rows.slice(0, limit);
      return {
        items: page.map(presentContactSummary),
        nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
      };
    },
  );

  app.post(
    '/api/contacts/:id/reveal',
    {
      config: { access: 'contacts.reveal' },
      schema: {
        tags: ['contacts'],
        summary: "Reveal a contact's unmasked phone or email; the reason is audited",
        params: idParams,
        body: revealBody,
        response: { 200: z.object({ field: z.enum(['phone', 'email']), value: z.string().nullable() }) },
      },
    },
    async (request) => {
      const actor = request.actor!;
      const { field, reason } = request.body;
      const now = app.ctx.clock.now();
      return app.ctx.db.kysely.transaction().execute(async (trx) => {
        const contact = await findContact(trx, actor.accountId, request.params.id);
        if (!contact) throw notFound('Contact');
        await recordAudit(
          trx,
          actor,
          { action: 'contact.revealed', target: { type: 'contact', id: contact.id }, details: { field, reason } },
          now,
        );
        return { field, value: contact[field] };
      });
    },
  );
}
