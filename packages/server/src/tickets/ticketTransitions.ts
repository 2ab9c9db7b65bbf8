import type { TransitionBlocker, WorkflowTransition, WorkflowTrigger } from '@kefu/shared';
import { AppError } from '../http/appError.js';
import type { TicketChange } from './ticketChange.js';
import { eventTransition, manualTransitionsFrom, stateOf, transitionBlockers } from './workflowEngine.js';

const REOPENED_FROM = new Set(['resolved', 'closed']);
const REOPENED_TO = new Set(['new', 'open', 'pending']);

/** The error for a transition's blockers: fields only → REQUIRED_FIELDS_MISSING; permission → FORBIDDEN. */
export function blockedError(transition: WorkflowTransition, blockers: TransitionBlocker[]): AppError {
  if (blockers.some((b) => b.code === 'permission')) {
    return new AppError('FORBIDDEN', `Your role may not ${transition.name} (${transition.permission})`, { blockers });
  }
  if (blockers.every((b) => b.code === 'requiredFields')) {
    const fields = blockers.flatMap((b) => b.fields ?? []);
    return new AppError(
      'REQUIRED_FIELDS_MISSING',
      `Fill ${fields.join(', ')} first: ${transition.name} needs them`,
      fields.map((field) => ({ field: `fields.${field}`, issue: `is required to ${transition.name}` })),
    );
  }
  return new AppError('TRANSITION_BLOCKED', `${transition.name}: ${blockers.map((b) => b.message).join('; ')}`, {
    transition: transition.key,
    blockers,
  });
}

/** Moves the ticket along a transition whose conditions were checked; the timeline says which and why. */
function moveTo(change: TicketChange, transition: WorkflowTransition): void {
  const workflow = change.type.workflow;
  const from = stateOf(workflow, change.current.state);
  const to = stateOf(workflow, transition.to);
  const reopened = REOPENED_FROM.has(from.category) && REOPENED_TO.has(to.category);
  change.set({
    state: to.key,
    state_category: to.category,
    closed_at: to.category === 'closed' ? change.now : null,
    ...(reopened ? { reopen_count: change.current.reopen_count + 1 } : {}),
  });
  change.record({
    action: 'transitioned',
    field: 'state',
    from: from.key,
    to: to.key,
    detail: {
      transition: transition.key,
      name: transition.name,
      trigger: transition.trigger,
      fromName: from.name,
      toName: to.name,
    },
  });
}

/** A person chooses a manual transition out of the current state. */
export async function manualTransition(change: TicketChange, key: string): Promise<void> {
  const transition = manualTransitionsFrom(change.type.workflow, change.current.state).find((t) => t.key === key);
  if (!transition) {
    throw new AppError('INVALID_TRANSITION', `No transition ${key} from the state ${change.current.state}`, {
      state: change.current.state,
      transition: key,
    });
  }
  const caller = change.actor.type === 'user' ? { role: change.actor.role } : null;
  const blockers = transitionBlockers(change.type.workflow, transition, await change.facts(), caller);
  if (blockers.length > 0) throw blockedError(transition, blockers);
  moveTo(change, transition);
  await notifyMove(change, transition);
}

/** The transition the current state takes for an event, or INVALID_TRANSITION: checked before the event's record. */
export function transitionForEvent(change: TicketChange, trigger: WorkflowTrigger): WorkflowTransition {
  const transition = eventTransition(change.type.workflow, change.current.state, trigger);
  if (!transition) throw invalidEvent(change, trigger);
  return transition;
}

const invalidEvent = (change: TicketChange, trigger: WorkflowTrigger) =>
  new AppError('INVALID_TRANSITION', `The state ${change.current.state} does not take ${trigger}`, {
    state: change.current.state,
    event: trigger,
  });

/**
 * Fires the event's transition once its record is in place. Conditions are checked again with the record
 * counted; a blocked transition refuses the whole change, unless `optional` (the last task done: the task
 * is done either way, the ticket simply stays where it is).
 */
export async function fireEvent(
  change: TicketChange,
  trigger: WorkflowTrigger,
  options: { optional?: boolean } = {},
): Promise<boolean> {
  const transition = eventTransition(change.type.workflow, change.current.state, trigger);
  if (!transition) {
    if (options.optional) return false;
    throw invalidEvent(change, trigger);
  }
  const blockers = transitionBlockers(change.type.workflow, transition, await change.facts(), null);
  if (blockers.length > 0) {
    if (options.optional) return false;
    throw blockedError(transition, blockers);
  }
  moveTo(change, transition);
  await notifyMove(change, transition);
  return true;
}

async function notifyMove(change: TicketChange, transition: WorkflowTransition): Promise<void> {
  change.notify(await change.followers(), 'ticket.transitioned', { transition: transition.key, to: transition.to });
}
