import {
  type CreateSavedTicketViewBody,
  type SavedTicketView,
  TICKET_VIEW_LIMITS,
  type UpdateSavedTicketViewBody,
} from '@kefu/shared';
import type { AppContext } from '../context.js';
import { isUniqueViolation } from '../conversations/messageCreator.js';
import { newId } from '../db/ids.js';
import type { Executor } from '../db/transaction.js';
import type { Actor } from '../http/actor.js';
import { AppError, notFound } from '../http/appError.js';
import { isTeamMember } from '../teams/teamRepository.js';
import { teamNamesOf, userNamesOf } from '../tickets/ticketRefsRepository.js';
import { presentSavedView } from './savedViewPresenter.js';
import {
  countSavedViews,
  deleteSavedView,
  findSavedView,
  findSavedViewByName,
  insertSavedView,
  listVisibleSavedViews,
  type SavedViewRow,
  updateSavedView,
} from './savedViewRepository.js';

const nameTaken = () =>
  new AppError('CONFLICT', 'You already have a view with this name', [
    { field: 'body.name', issue: 'is already in use' },
  ]);

function nameRace(error: unknown): never {
  throw isUniqueViolation(error) ? nameTaken() : error;
}

async function present(db: Executor, actor: Actor, rows: SavedViewRow[]): Promise<SavedTicketView[]> {
  const users = await userNamesOf(
    db,
    actor.accountId,
    rows.map((r) => r.owner_id),
  );
  const teams = await teamNamesOf(
    db,
    actor.accountId,
    rows.flatMap((r) => (r.team_id ? [r.team_id] : [])),
  );
  return rows.map((row) => presentSavedView(row, actor.userId, users, teams));
}

export async function listSavedViews(db: Executor, actor: Actor): Promise<SavedTicketView[]> {
  return present(db, actor, await listVisibleSavedViews(db, actor.accountId, actor.userId));
}

/** Sharing with a team: it must be of this workspace, and agents share only with teams they are in. */
async function checkTeam(db: Executor, actor: Actor, teamId: string | null | undefined): Promise<void> {
  if (!teamId) return;
  if (!(await teamNamesOf(db, actor.accountId, [teamId])).has(teamId)) {
    throw new AppError('VALIDATION_FAILED', 'No such team', [
      { field: 'body.teamId', issue: 'is not a team of this workspace' },
    ]);
  }
  if (actor.role === 'agent' && !(await isTeamMember(db, teamId, actor.userId))) {
    throw new AppError('VALIDATION_FAILED', 'You can share a view only with a team you are in', [
      { field: 'body.teamId', issue: 'is not one of your teams' },
    ]);
  }
}

/** The caller's own view: NOT_FOUND when they cannot see it, FORBIDDEN when a team only shares it with them. */
async function ownView(db: Executor, actor: Actor, id: string): Promise<SavedViewRow> {
  const row = await findSavedView(db, actor.accountId, id);
  if (!row) throw notFound('Saved view');
  if (row.owner_id === actor.userId) return row;
  const shared = row.team_id !== null && (await isTeamMember(db, row.team_id, actor.userId));
  if (!shared) throw notFound('Saved view');
  throw new AppError('FORBIDDEN', 'Only the owner may change or delete a saved view');
}

async function viewOf(db: Executor, actor: Actor, id: string): Promise<SavedTicketView> {
  const row = await findSavedView(db, actor.accountId, id);
  if (!row) throw notFound('Saved view');
  return (await present(db, actor, [row]))[0]!;
}

export async function savedViewCreator(
  ctx: AppContext,
  actor: Actor,
  body: CreateSavedTicketViewBody,
): Promise<SavedTicketView> {
  const now = ctx.clock.now();
  const id = newId(now);
  await ctx.db.kysely
    .transaction()
    .execute(async (trx) => {
      if ((await countSavedViews(trx, actor.userId)) >= TICKET_VIEW_LIMITS.savedViewsPerUser) {
        throw new AppError('CONFLICT', `A person keeps at most ${TICKET_VIEW_LIMITS.savedViewsPerUser} saved views`);
      }
      if (await findSavedViewByName(trx, actor.userId, body.name)) throw nameTaken();
      await checkTeam(trx, actor, body.teamId);
      await insertSavedView(trx, {
        id,
        account_id: actor.accountId,
        owner_id: actor.userId,
        team_id: body.teamId,
        name: body.name,
        filters: JSON.stringify(body.filters),
        created_at: now,
        updated_at: now,
      });
    })
    .catch(nameRace);
  return viewOf(ctx.db.kysely, actor, id);
}

export async function savedViewUpdater(
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: UpdateSavedTicketViewBody,
): Promise<SavedTicketView> {
  const now = ctx.clock.now();
  await ctx.db.kysely
    .transaction()
    .execute(async (trx) => {
      const row = await ownView(trx, actor, id);
      if (
        body.name !== undefined &&
        body.name !== row.name &&
        (await findSavedViewByName(trx, actor.userId, body.name))
      ) {
        throw nameTaken();
      }
      await checkTeam(trx, actor, body.teamId);
      await updateSavedView(trx, actor.accountId, id, {
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.filters !== undefined ? { filters: JSON.stringify(body.filters) } : {}),
        ...(body.teamId !== undefined ? { team_id: body.teamId } : {}),
        updated_at: now,
      });
    })
    .catch(nameRace);
  return viewOf(ctx.db.kysely, actor, id);
}

export async function savedViewDeleter(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await ownView(trx, actor, id);
    await deleteSavedView(trx, actor.accountId, id);
  });
}
