import { TICKET_PRIORITIES, type TicketPriority } from '@kefu/shared';
import type { TicketChange } from '../tickets/ticketChange.js';
import { activeUsersOf, activeUsersWithRoles, teamMemberIds, teamNamesOf } from '../tickets/ticketRefsRepository.js';
import { addWatchers } from '../tickets/ticketRepository.js';
import type { EvaluatedClock } from './slaEvaluation.js';
import type { SlaPolicy } from './slaPolicyPresenter.js';
import type { SlaWork } from './slaTracker.js';

/** Whoever works the ticket: its assignee; unassigned, the team's members; no team either, the supervisors. */
async function workers(change: TicketChange): Promise<string[]> {
  const ticket = change.current;
  if (ticket.assignee_id) return [ticket.assignee_id];
  if (ticket.team_id) {
    const members = await teamMemberIds(change.trx, ticket.team_id);
    if (members.length > 0) return members;
  }
  return supervisors(change);
}

/** The workspace's supervisors, or its admins when it has none. */
async function supervisors(change: TicketChange): Promise<string[]> {
  const people = await activeUsersWithRoles(change.trx, change.current.account_id, ['supervisor', 'admin']);
  const chosen = people.some((p) => p.role === 'supervisor') ? people.filter((p) => p.role === 'supervisor') : people;
  return chosen.map((p) => p.id);
}

function noticeDetail(policy: SlaPolicy, clock: EvaluatedClock) {
  return {
    clock: clock.kind,
    policy: policy.name,
    dueAt: clock.reading.dueAt === null ? null : new Date(clock.reading.dueAt).toISOString(),
    targetMinutes: clock.targetMinutes,
  };
}

/** The clock passed its warning point: the people working the ticket hear of it, once per round. */
export async function sendSlaWarning(change: TicketChange, work: SlaWork, policy: SlaPolicy, clock: EvaluatedClock) {
  work.notices[clock.key] = { ...work.notices[clock.key], warnedAt: change.now };
  const detail = noticeDetail(policy, clock);
  change.record({ action: 'sla.warning', appended: true, detail });
  change.notify(await workers(change), 'sla.warning', detail);
}

/**
 * The clock breached: the policy's actions, once per round. Raising the priority and reassigning are changes of
 * the ticket (a new version, by the system); a reassignment to someone no longer active is skipped.
 */
export async function actOnSlaBreach(change: TicketChange, work: SlaWork, policy: SlaPolicy, clock: EvaluatedClock) {
  work.notices[clock.key] = { ...work.notices[clock.key], breachedAt: change.now };
  const detail = noticeDetail(policy, clock);
  const actions: string[] = [];
  const { onBreach } = policy;
  const ticket = change.current;
  const told = [...(await workers(change)), ...onBreach.notifyUserIds];
  if (onBreach.notifySupervisors) told.push(...(await supervisors(change)));

  if (onBreach.raisePriority) {
    const from = ticket.priority as TicketPriority;
    const to = TICKET_PRIORITIES[Math.min(TICKET_PRIORITIES.indexOf(from) + 1, TICKET_PRIORITIES.length - 1)]!;
    if (to !== from) {
      change.set({ priority: to });
      change.record({ action: 'updated', field: 'priority', from, to, detail: { reason: 'sla.breached' } });
      actions.push('raisePriority');
    }
  }
  if (onBreach.reassignToTeamId && onBreach.reassignToTeamId !== ticket.team_id) {
    const team = await teamNamesOf(change.trx, ticket.account_id, [onBreach.reassignToTeamId]);
    if (team.has(onBreach.reassignToTeamId)) {
      change.set({ team_id: onBreach.reassignToTeamId });
      change.record({
        action: 'updated',
        field: 'teamId',
        from: ticket.team_id,
        to: onBreach.reassignToTeamId,
        detail: { reason: 'sla.breached' },
      });
      actions.push('reassignTeam');
    } else {
      actions.push('reassignTeamSkipped');
    }
  }
  if (onBreach.reassignToUserId && onBreach.reassignToUserId !== ticket.assignee_id) {
    const [user] = await activeUsersOf(change.trx, ticket.account_id, [onBreach.reassignToUserId]);
    if (user && user.role !== 'department') {
      change.set({ assignee_id: user.id });
      change.record({
        action: 'updated',
        field: 'assigneeId',
        from: ticket.assignee_id,
        to: user.id,
        detail: { reason: 'sla.breached' },
      });
      await addWatchers(change.trx, ticket.account_id, ticket.id, [user.id], change.now);
      change.notify([user.id], 'ticket.assigned', { reason: 'sla.breached' });
      actions.push('reassignUser');
    } else {
      actions.push('reassignUserSkipped');
    }
  }
  change.record({ action: 'sla.breached', appended: true, detail: { ...detail, actions } });
  change.notify(told, 'sla.breached', detail);
}
