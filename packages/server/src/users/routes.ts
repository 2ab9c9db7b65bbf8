import {
  agentDirectoryResponse,
  createUserBody,
  idParams,
  inviteResponse,
  inviteUserBody,
  okResponse,
  resetPasswordBody,
  updateUserBody,
  userListQuery,
  userView,
} from '@kefu/shared';
import { z } from 'zod';
import type { KefuApp } from '../http/kefuApp.js';
import { agentDirectory } from './agentDirectory.js';
import { passwordResetter } from './passwordResetter.js';
import { userCreator, userInviter } from './userCreator.js';
import { loadUserView } from './userLookup.js';
import { presentUser } from './userPresenter.js';
import { listUsers, teamIdsByUser } from './userRepository.js';
import { userDisabler, userEnabler } from './userStatusChanger.js';
import { userUpdater } from './userUpdater.js';

export function userRoutes(app: KefuApp) {
  const tags = ['users'];

  app.get(
    '/api/agents',
    {
      config: { access: 'users.directory' },
      schema: {
        tags,
        summary: 'Colleagues to assign or transfer to: active agents, supervisors and admins (no emails)',
        response: { 200: agentDirectoryResponse },
      },
    },
    (request) => agentDirectory(app.ctx, request.actor!.accountId),
  );

  app.get(
    '/api/users',
    {
      config: { access: 'users.read' },
      schema: {
        tags,
        summary: 'List users',
        querystring: userListQuery,
        response: { 200: z.object({ items: z.array(userView) }) },
      },
    },
    async (request) => {
      const { accountId } = request.actor!;
      const rows = await listUsers(app.ctx.db.kysely, accountId, request.query);
      const teams = await teamIdsByUser(
        app.ctx.db.kysely,
        accountId,
        rows.map((r) => r.id),
      );
      return { items: rows.map((r) => presentUser(r, teams.get(r.id) ?? [])) };
    },
  );

  app.post(
    '/api/users',
    {
      config: { access: 'users.manage' },
      schema: {
        tags,
        summary: 'Create a user with an initial password',
        body: createUserBody,
        response: { 201: userView },
      },
    },
    async (request, reply) => reply.status(201).send(await userCreator(app.ctx, request.actor!, request.body)),
  );

  app.post(
    '/api/users/invite',
    {
      config: { access: 'users.manage' },
      schema: {
        tags,
        summary: 'Invite a user; the invite link is shown once',
        body: inviteUserBody,
        response: { 201: inviteResponse },
      },
    },
    async (request, reply) => reply.status(201).send(await userInviter(app.ctx, request.actor!, request.body)),
  );

  app.get(
    '/api/users/:id',
    {
      config: { access: 'users.read' },
      schema: { tags, summary: 'One user', params: idParams, response: { 200: userView } },
    },
    (request) => loadUserView(app.ctx.db.kysely, request.actor!.accountId, request.params.id),
  );

  app.patch(
    '/api/users/:id',
    {
      config: { access: 'users.manage' },
      schema: {
        tags,
        summary: 'Rename a user or change their role',
        params: idParams,
        body: updateUserBody,
        response: { 200: userView },
      },
    },
    (request) => userUpdater(app.ctx, request.actor!, request.params.id, request.body),
  );

  app.post(
    '/api/users/:id/disable',
    {
      config: { access: 'users.manage' },
      schema: {
        tags,
        summary: 'Disable a user; their sessions and tokens end at once',
        params: idParams,
        response: { 200: userView },
      },
    },
    (request) => userDisabler(app.ctx, request.actor!, request.params.id),
  );

  app.post(
    '/api/users/:id/enable',
    {
      config: { access: 'users.manage' },
      schema: { tags, summary: 'Enable a disabled user', params: idParams, response: { 200: userView } },
    },
    (request) => userEnabler(app.ctx, request.actor!, request.params.id),
  );

  app.post(
    '/api/users/:id/password',
    {
      config: { access: 'users.manage' },
      schema: {
        tags,
        summary: "Reset a user's password",
        params: idParams,
        body: resetPasswordBody,
        response: { 200: okResponse },
      },
    },
    async (request) => {
      await passwordResetter(app.ctx, request.actor!, request.params.id, request.body.newPassword);
      return { ok: true as const };
    },
  );
}
