import {
  createLabelBody,
  idParams,
  labelChangeResponse,
  labelListResponse,
  labelView,
  updateLabelBody,
} from '@kefu/shared';
import type { KefuApp } from '../http/kefuApp.js';
import { labelCreator, labelDeleter, labelUpdater } from './labelCommands.js';
import { presentLabel } from './labelPresenter.js';
import { listLabels } from './labelRepository.js';

export function labelRoutes(app: KefuApp) {
  const tags = ['labels'];

  app.get(
    '/api/labels',
    {
      config: { access: 'conversations.read' },
      schema: { tags, summary: 'Conversation labels (标签), by name', response: { 200: labelListResponse } },
    },
    async (request) => ({ items: (await listLabels(app.ctx.db.kysely, request.actor!.accountId)).map(presentLabel) }),
  );

  app.post(
    '/api/labels',
    {
      config: { access: 'labels.manage' },
      schema: { tags, summary: 'Create a label', body: createLabelBody, response: { 201: labelView } },
    },
    async (request, reply) => reply.status(201).send(await labelCreator(app.ctx, request.actor!, request.body)),
  );

  app.patch(
    '/api/labels/:id',
    {
      config: { access: 'labels.manage' },
      schema: {
        tags,
        summary: 'Rename, recolour or describe a label; a rename applies to every conversation carrying it',
        params: idParams,
        body: updateLabelBody,
        response: { 200: labelChangeResponse },
      },
    },
    (request) => labelUpdater(app.ctx, request.actor!, request.params.id, request.body),
  );

  app.delete(
    '/api/labels/:id',
    {
      config: { access: 'labels.manage' },
      schema: {
        tags,
        summary: 'Delete a label and take it off every conversation',
        params: idParams,
        response: { 200: labelChangeResponse },
      },
    },
    (request) => labelDeleter(app.ctx, request.actor!, request.params.id),
  );
}
