import { type ErrorDetail, type Role, roleHasPermission } from '@kefu/shared';
import { findContact } from '../contacts/contactRepository.js';
import type { Executor } from '../db/transaction.js';
import { AppError } from '../http/appError.js';
import { findTicketCategory } from '../ticketTypes/categoryRepository.js';
import { activeUsersOf, teamNamesOf } from './ticketRefsRepository.js';

export interface TicketReferences {
  contactId?: string | undefined;
  assigneeId?: string | null | undefined;
  teamId?: string | null | undefined;
  categoryId?: string | null | undefined;
  watcherIds?: string[] | undefined;
  mentionIds?: string[] | undefined;
}

/** Staff who work tickets: department users cannot be assigned, watch or be mentioned (they would not see it). */
const worksTickets = (role: string) => roleHasPermission(role as Role, 'tickets.write');

/** Every id a request names must be of this workspace and fit its role; all problems are reported at once. */
export async function checkTicketReferences(db: Executor, accountId: string, refs: TicketReferences): Promise<void> {
  const issues: ErrorDetail[] = [];
  if (refs.contactId && !(await findContact(db, accountId, refs.contactId))) {
    issues.push({ field: 'body.contactId', issue: 'is not a customer of this workspace' });
  }
  const people = [
    ...(refs.assigneeId ? [refs.assigneeId] : []),
    ...(refs.watcherIds ?? []),
    ...(refs.mentionIds ?? []),
  ];
  const staff = new Set(
    (await activeUsersOf(db, accountId, people)).filter((u) => worksTickets(u.role)).map((u) => u.id),
  );
  if (refs.assigneeId && !staff.has(refs.assigneeId)) {
    issues.push({ field: 'body.assigneeId', issue: 'is not an active agent, supervisor or admin of this workspace' });
  }
  refs.watcherIds?.forEach((id, i) => {
    if (!staff.has(id)) issues.push({ field: `body.watcherIds.${i}`, issue: 'is not an active staff member' });
  });
  refs.mentionIds?.forEach((id, i) => {
    if (!staff.has(id)) issues.push({ field: `body.mentionIds.${i}`, issue: 'is not an active staff member' });
  });
  if (refs.teamId && !(await teamNamesOf(db, accountId, [refs.teamId])).has(refs.teamId)) {
    issues.push({ field: 'body.teamId', issue: 'is not a team of this workspace' });
  }
  if (refs.categoryId && !(await findTicketCategory(db, accountId, refs.categoryId))) {
    issues.push({ field: 'body.categoryId', issue: 'is not a ticket category of this workspace' });
  }
  if (issues.length > 0) throw new AppError('VALIDATION_FAILED', 'Some ids name nothing usable here', issues);
}
