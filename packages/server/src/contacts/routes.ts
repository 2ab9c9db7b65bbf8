import { idParams } from '@kefu/shared';
import { z } from 'zod';
import { recordAudit } from '../audit/auditRecorder.js';
import { notFound } from '../http/appError.js';
import type { KefuApp } from '../http/kefuApp.js';
import { findContact } from './contactRepository.js';

const revealBody = z.object({
  field: z.enum(['phone', 'email']),
  /** Why the agent needs it; kept in the audit log (PIPL). */
  reason: z.string().trim().min(2).max(200),
});

export function contactRoutes(app: KefuApp) {
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
