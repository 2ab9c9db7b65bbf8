import { createTeamBody, idParams, okResponse, teamMemberListResponse, teamView, updateTeamBody } from '@kefu/shared';
import { z } from 'zod';
import { notFound } from '../http/appError.js';
import type { KefuApp } from '../http/kefuApp.js';
import { loadTeamView, teamCreator, teamDeleter, teamUpdater } from './teamCommands.js';
import { presentTeam, presentTeamMember } from './teamPresenter.js';
import { findTeam, listTeamMembers, listTeams, memberIdsByTeam } from './teamRepository.js';

export function teamRoutes(app: KefuApp) {
  const tags = ['teams'];

  app.get(
    '/api/teams',
    {
      config: { access: 'teams.read' },
      schema: { tags, summary: 'List teams (技能组/部门)', response: { 200: z.object({ items: z.array(teamView) }) } },
    },
    async (request) => {
      const { accountId } = request.actor!;
      const rows = await listTeams(app.ctx.db.kysely, accountId);
      const members = await memberIdsByTeam(
        app.ctx.db.kysely,
        accountId,
        rows.map((r) => r.id),
      );
      return { items: rows.map((r) => presentTeam(r, members.get(r.id) ?? [])) };
    },
  );

  app.post(
    '/api/teams',
    {
      config: { access: 'teams.manage' },
      schema: { tags, summary: 'Create a team', body: createTeamBody, response: { 201: teamView } },
    },
    async (request, reply) => reply.status(201).send(await teamCreator(app.ctx, request.actor!, request.body)),
  );

  app.get(
    '/api/teams/:id',
    {
      config: { access: 'teams.read' },
      schema: { tags, summary: 'One team', params: idParams, response: { 200: teamView } },
    },
    (request) => loadTeamView(app.ctx.db.kysely, request.actor!.accountId, request.params.id),
  );

  app.get(
    '/api/teams/:id/members',
    {
      config: { access: 'teams.read' },
      schema: {
        tags,
        summary: "A team's members with names and roles (department users included), e.g. to pick a task owner",
        params: idParams,
        response: { 200: teamMemberListResponse },
      },
    },
    async (request) => {
      const { accountId } = request.actor!;
      const db = app.ctx.db.kysely;
      if (!(await findTeam(db, accountId, request.params.id))) throw notFound('Team');
      return { items: (await listTeamMembers(db, accountId, request.params.id)).map(presentTeamMember) };
    },
  );

  app.patch(
    '/api/teams/:id',
    {
      config: { access: 'teams.manage' },
      schema: {
        tags,
        summary: 'Change a team or its members',
        params: idParams,
        body: updateTeamBody,
        response: { 200: teamView },
      },
    },
    (request) => teamUpdater(app.ctx, request.actor!, request.params.id, request.body),
  );

  app.delete(
    '/api/teams/:id',
    {
      config: { access: 'teams.manage' },
      schema: { tags, summary: 'Delete a team', params: idParams, response: { 200: okResponse } },
    },
    async (request) => {
      await teamDeleter(app.ctx, request.actor!, request.params.id);
      return { ok: true as const };
    },
  );
}
