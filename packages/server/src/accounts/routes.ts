import { accountView, updateAccountBody } from '@kefu/shared';
import { notFound } from '../http/appError.js';
import type { KefuApp } from '../http/kefuApp.js';
import { presentAccount } from './accountPresenter.js';
import { findAccount } from './accountRepository.js';
import { accountUpdater } from './accountUpdater.js';

export function accountRoutes(app: KefuApp) {
  app.get(
    '/api/account',
    {
      config: { access: 'account.read' },
      schema: { tags: ['account'], summary: 'The workspace profile', response: { 200: accountView } },
    },
    async (request) => {
      const row = await findAccount(app.ctx.db.kysely, request.actor!.accountId);
      if (!row) throw notFound('Workspace');
      return presentAccount(row);
    },
  );

  app.patch(
    '/api/account',
    {
      config: { access: 'account.update' },
      schema: {
        tags: ['account'],
        summary: 'Change the workspace profile',
        body: updateAccountBody,
        response: { 200: accountView },
      },
    },
    (request) => accountUpdater(app.ctx, request.actor!, request.body),
  );
}
