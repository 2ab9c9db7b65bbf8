import { type Role, roleHasPermission } from '@kefu/shared';
import type { Executor } from '../db/transaction.js';
import { teamIdsByUser } from '../users/userRepository.js';
import { listTasksOfTicket, type TaskRow } from './taskRepository.js';

/** Staff work every ticket and task; department users only their own and their teams'. */
export const seesAllTickets = (role: Role) => roleHasPermission(role, 'tickets.write');

export function taskVisibleTo(task: TaskRow, userId: string, teamIds: readonly string[]): boolean {
  return task.owner_id === userId || (task.team_id !== null && teamIds.includes(task.team_id));
}

/** The ticket's tasks a department user may see (cancelled ones no longer share the ticket with them). */
export async function sharedTasksOf(
  db: Executor,
  accountId: string,
  userId: string,
  ticketId: string,
): Promise<TaskRow[]> {
  const teamIds = (await teamIdsByUser(db, accountId, [userId])).get(userId) ?? [];
  return (await listTasksOfTicket(db, ticketId)).filter(
    (task) => task.status !== 'cancelled' && taskVisibleTo(task, userId, teamIds),
  );
}
