import type { CreateTeamBody, TeamView, UpdateTeamBody } from '@kefu/shared';
import { recordAudit } from '../audit/auditRecorder.js';
import type { AppContext } from '../context.js';
import { newId } from '../db/ids.js';
import type { Executor } from '../db/transaction.js';
import type { Actor } from '../http/actor.js';
import { AppError, notFound } from '../http/appError.js';
import { drainQueues } from '../routing/queueDrainer.js';
import { presentTeam } from './teamPresenter.js';
import {
  deleteTeam,
  existingUserIds,
  findTeam,
  findTeamByName,
  insertTeam,
  memberIdsByTeam,
  replaceTeamMembers,
  updateTeam,
} from './teamRepository.js';

async function assertNameFree(db: Executor, accountId: string, name: string, exceptId?: string) {
  const existing = await findTeamByName(db, accountId, name);
  if (existing && existing.id !== exceptId) {
    throw new AppError('CONFLICT', 'A team with this name already exists', [
      { field: 'body.name', issue: 'is already in use' },
    ]);
  }
}

async function assertMembersInWorkspace(db: Executor, accountId: string, memberIds: string[]) {
  const found = await existingUserIds(db, accountId, memberIds);
  const missing = memberIds.filter((id) => !found.has(id));
  if (missing.length > 0) {
    throw new AppError(
      'VALIDATION_FAILED',
      'Some members are not users of this workspace',
      missing.map((id) => ({ field: 'body.memberIds', issue: `unknown user ${id}` })),
    );
  }
}

export async function loadTeamView(db: Executor, accountId: string, id: string): Promise<TeamView> {
  const team = await findTeam(db, accountId, id);
  if (!team) throw notFound('Team');
  const members = await memberIdsByTeam(db, accountId, [id]);
  return presentTeam(team, members.get(id) ?? []);
}

export async function teamCreator(ctx: AppContext, actor: Actor, body: CreateTeamBody): Promise<TeamView> {
  const now = ctx.clock.now();
  const id = newId(now);
  const memberIds = [...new Set(body.memberIds)];
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await assertNameFree(trx, actor.accountId, body.name);
    await assertMembersInWorkspace(trx, actor.accountId, memberIds);
    await insertTeam(trx, {
      id,
      account_id: actor.accountId,
      name: body.name,
      kind: body.kind,
      description: body.description,
      chat_limit: body.chatLimit ?? null,
      created_at: now,
      updated_at: now,
    });
    await replaceTeamMembers(trx, actor.accountId, id, memberIds, now);
    await recordAudit(
      trx,
      actor,
      {
        action: 'team.created',
        target: { type: 'team', id },
        details: { name: body.name, kind: body.kind, memberIds, chatLimit: body.chatLimit ?? null },
      },
      now,
    );
  });
  return loadTeamView(ctx.db.kysely, actor.accountId, id);
}

export async function teamUpdater(
  ctx: AppContext,
  actor: Actor,
  id: string,
  changes: UpdateTeamBody,
): Promise<TeamView> {
  const now = ctx.clock.now();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const before = await loadTeamView(trx, actor.accountId, id);
    if (changes.name) await assertNameFree(trx, actor.accountId, changes.name, id);
    const { memberIds, chatLimit, ...fields } = changes;
    const columns = { ...fields, ...(chatLimit !== undefined ? { chat_limit: chatLimit } : {}) };
    if (Object.keys(columns).length > 0) await updateTeam(trx, actor.accountId, id, columns, now);
    if (memberIds) {
      const unique = [...new Set(memberIds)];
      await assertMembersInWorkspace(trx, actor.accountId, unique);
      await replaceTeamMembers(trx, actor.accountId, id, unique, now);
    }
    const details = Object.fromEntries(
      Object.entries(changes).map(([key, to]) => [key, { from: before[key as keyof UpdateTeamBody], to }]),
    );
    await recordAudit(trx, actor, { action: 'team.updated', target: { type: 'team', id }, details }, now);
  });
  // New members or a higher limit can serve the team's queue at once.
  if (changes.memberIds !== undefined || changes.chatLimit !== undefined) await drainQueues(ctx, actor.accountId);
  return loadTeamView(ctx.db.kysely, actor.accountId, id);
}

export async function teamDeleter(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const team = await findTeam(trx, actor.accountId, id);
    if (!team) throw notFound('Team');
    await deleteTeam(trx, actor.accountId, id);
    await recordAudit(
      trx,
      actor,
      { action: 'team.deleted', target: { type: 'team', id }, details: { name: team.name } },
      now,
    );
  });
}
