import { TICKET_VIEW_LIMITS, type TicketViewKey, type WorkflowTrigger } from '@kefu/shared';
import type { Executor } from '../db/transaction.js';
import type { Actor } from '../http/actor.js';
import type { ViewScope } from '../tickets/ticketRepository.js';
import { awaitedEvents } from '../tickets/workflowEngine.js';
import { ticketTypeOf } from '../ticketTypes/ticketTypePresenter.js';
import { listTicketTypes } from '../ticketTypes/ticketTypeRepository.js';

/** The (type, state) pairs of the workspace whose state waits for `event`: where each workflow says so. */
async function statesAwaiting(db: Executor, accountId: string, event: WorkflowTrigger) {
  const types = (await listTicketTypes(db, accountId)).map(ticketTypeOf);
  return types.flatMap((type) =>
    type.workflow.states
      .filter((state) => awaitedEvents(type.workflow, state.key).includes(event))
      .map((state) => ({ typeId: type.id, state: state.key })),
  );
}

/** What a built-in view (GET /api/tickets?view=…) adds to the filters: each is a queue of open tickets. */
export async function viewScopeOf(db: Executor, actor: Actor, view: TicketViewKey, now: number): Promise<ViewScope> {
  switch (view) {
    case 'mine':
      return { open: true, assigneeId: actor.userId };
    case 'team':
      return { open: true, teamsOfUserId: actor.userId };
    case 'unassigned':
      return { open: true, assigneeId: null };
    case 'dueSoon':
      return { open: true, slaDue: { after: now, until: now + TICKET_VIEW_LIMITS.dueSoonWindowMs } };
    case 'breached':
      return { open: true, slaDue: { until: now } };
    case 'awaitingApproval':
      return { open: true, typeStates: await statesAwaiting(db, actor.accountId, 'resolution.approved') };
    case 'awaitingFollowUp':
      return { open: true, typeStates: await statesAwaiting(db, actor.accountId, 'followUp.satisfied') };
  }
}
