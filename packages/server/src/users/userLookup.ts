import type { UserView } from '@kefu/shared';
import type { Executor } from '../db/transaction.js';
import { notFound } from '../http/appError.js';
import { presentUser } from './userPresenter.js';
import { findUser, teamIdsByUser, type UserRow } from './userRepository.js';

export async function requireUser(db: Executor, accountId: string, id: string): Promise<UserRow> {
  const user = await findUser(db, accountId, id);
  if (!user) throw notFound('User');
  return user;
}

export async function loadUserView(db: Executor, accountId: string, id: string): Promise<UserView> {
  const user = await requireUser(db, accountId, id);
  const teams = await teamIdsByUser(db, accountId, [id]);
  return presentUser(user, teams.get(id) ?? []);
}
