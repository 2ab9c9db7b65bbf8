import fastifyMultipart from '@fastify/multipart';
import { attachmentView, LIMITS } from '@kefu/shared';
import { z } from 'zod';
import { notFound } from '../http/appError.js';
import { sendStoredFile } from '../http/downloads.js';
import type { KefuApp } from '../http/kefuApp.js';
import { safeEqual } from '../http/secrets.js';
import { visitorRateLimit } from '../widget/visitorRateLimit.js';
import { attachmentSignature } from './attachmentPresenter.js';
import { findAttachment } from './attachmentRepository.js';
import { attachmentUploader } from './attachmentUploader.js';

export async function attachmentRoutes(app: KefuApp) {
  const tags = ['attachments'];
  // Only the upload routes read multipart; every other route answers it with 415.
  await app.register(async (uploads: KefuApp) => {
    await uploads.register(fastifyMultipart);
    uploadRoutes(uploads);
  });

  app.get(
    '/api/attachments/:id/:signature',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Download an attachment by its capability URL',
        params: z.object({ id: z.uuid(), signature: z.string().min(10).max(64) }),
      },
    },
    async (request, reply) => {
      const { id, signature } = request.params;
      if (!safeEqual(signature, attachmentSignature(app.ctx.config.secret, id))) throw notFound('Attachment');
      const attachment = await findAttachment(app.ctx.db.kysely, id);
      if (!attachment) throw notFound('Attachment');
      return sendStoredFile(reply, attachment, { cacheControl: 'private, max-age=31536000, immutable' });
    },
  );
}

function uploadRoutes(app: KefuApp) {
  const tags = ['attachments'];
  const widgetUploadLimit = visitorRateLimit(app, {
    name: 'widget-upload',
    perVisitor: LIMITS.widgetUploadsPerVisitor,
    perIp: LIMITS.widgetUploadsPerIp,
    windowMs: LIMITS.widgetUploadWindowMs,
  });

  app.post(
    '/api/attachments',
    {
      config: { access: 'attachments.upload' },
      schema: {
        tags,
        summary: 'Upload a picture or file for a message, a ticket comment or reply, or a task reply (field "file")',
        response: { 201: attachmentView },
      },
    },
    async (request, reply) => {
      const actor = request.actor!;
      const view = await attachmentUploader(app.ctx, request, {
        accountId: actor.accountId,
        type: 'user',
        id: actor.userId,
      });
      return reply.status(201).send(view);
    },
  );

  app.post(
    '/api/widget/attachments',
    {
      config: { access: 'visitor' },
      preHandler: widgetUploadLimit,
      schema: {
        tags: ['widget'],
        summary: 'A visitor uploads a picture or file (multipart field "file")',
        response: { 201: attachmentView },
      },
    },
    async (request, reply) => {
      const visitor = request.visitor!;
      const view = await attachmentUploader(app.ctx, request, {
        accountId: visitor.accountId,
        type: 'contact',
        id: visitor.contactId,
      });
      return reply.status(201).send(view);
    },
  );
}
