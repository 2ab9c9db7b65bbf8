import {
  CLOSED_LOOP_REQUIREMENTS,
  type Role,
  roleHasPermission,
  type TransitionBlocker,
  type WorkflowDefinition,
  type WorkflowRequirement,
  type WorkflowState,
  type WorkflowTransition,
  type WorkflowTrigger,
} from '@kefu/shared';

/**
 * The workflow rules as pure functions of a ticket's facts, so the commands, the ticket view (what each caller
 * may do next) and the tests all read the same rules.
 */
export interface WorkflowFacts {
  /** Form values by key, and whether each built-in field (assignee, team …) is filled. */
  values: Record<string, unknown>;
  builtIns: Record<string, boolean>;
  /** The current resolution: the latest proposed. */
  resolution: { status: string; customerDecision: string | null } | null;
  openTasks: number;
  /** The latest follow-up recorded for the current resolution was satisfied. */
  followUpSatisfied: boolean;
}

const REQUIREMENT_MESSAGES: Record<WorkflowRequirement, string> = {
  resolutionPending: 'needs a proposed resolution awaiting approval',
  resolutionApproved: 'needs the resolution approved',
  customerAccepted: 'needs the customer to accept the resolution',
  tasksDone: 'needs every department task done or cancelled',
  followUpSatisfied: 'needs a satisfied follow-up (回访) after the approval',
};

export function isEmptyValue(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

export function requirementMet(requirement: WorkflowRequirement, facts: WorkflowFacts): boolean {
  switch (requirement) {
    case 'resolutionPending':
      return facts.resolution?.status === 'pending';
    case 'resolutionApproved':
      return facts.resolution?.status === 'approved';
    case 'customerAccepted':
      return facts.resolution?.status === 'approved' && facts.resolution.customerDecision === 'accepted';
    case 'tasksDone':
      return facts.openTasks === 0;
    case 'followUpSatisfied':
      return facts.resolution?.status === 'approved' && facts.followUpSatisfied;
    default: {
      const unknown: never = requirement;
      throw new Error(`unknown requirement ${String(unknown)}`);
    }
  }
}

export function stateOf(workflow: WorkflowDefinition, key: string): WorkflowState {
  const state = workflow.states.find((s) => s.key === key);
  if (!state) throw new Error(`state ${key} is not in the workflow`);
  return state;
}

export function initialState(workflow: WorkflowDefinition): WorkflowState {
  return workflow.states.find((s) => s.initial) ?? workflow.states[0]!;
}

/**
 * Everything a transition needs, whichever way it is drawn: the transition's and the target state's
 * requirements, no open task to enter a closed state, and in a closed-loop workflow the whole loop.
 */
export function requirementsOf(workflow: WorkflowDefinition, transition: WorkflowTransition): WorkflowRequirement[] {
  const target = stateOf(workflow, transition.to);
  const all = new Set<WorkflowRequirement>([...transition.requires, ...target.requires]);
  if (target.category === 'closed') {
    all.add('tasksDone');
    if (workflow.closedLoop) for (const r of CLOSED_LOOP_REQUIREMENTS) all.add(r);
  }
  return [...all];
}

export function emptyRequiredFields(transition: WorkflowTransition, facts: WorkflowFacts): string[] {
  return transition.requiredFields.filter((field) =>
    field in facts.builtIns ? !facts.builtIns[field] : isEmptyValue(facts.values[field]),
  );
}

/**
 * What stands in the way of a transition. `caller` is the person choosing a manual transition; events (a
 * decision, the last task done) pass null and follow their own permission.
 */
export function transitionBlockers(
  workflow: WorkflowDefinition,
  transition: WorkflowTransition,
  facts: WorkflowFacts,
  caller: { role: Role } | null,
): TransitionBlocker[] {
  const blockers: TransitionBlocker[] = [];
  if (caller && !roleHasPermission(caller.role, transition.permission)) {
    blockers.push({ code: 'permission', message: `needs the ${transition.permission} permission` });
  }
  const empty = emptyRequiredFields(transition, facts);
  if (empty.length > 0) blockers.push({ code: 'requiredFields', message: 'needs these fields filled', fields: empty });
  for (const requirement of requirementsOf(workflow, transition)) {
    if (!requirementMet(requirement, facts)) {
      blockers.push({ code: requirement, message: REQUIREMENT_MESSAGES[requirement] });
    }
  }
  return blockers;
}

export function manualTransitionsFrom(workflow: WorkflowDefinition, state: string): WorkflowTransition[] {
  return workflow.transitions.filter((t) => t.from === state && t.trigger === 'manual');
}

export function eventTransition(
  workflow: WorkflowDefinition,
  state: string,
  trigger: WorkflowTrigger,
): WorkflowTransition | undefined {
  return workflow.transitions.find((t) => t.from === state && t.trigger === trigger);
}

/** Events the state takes: the actions a console offers in it (propose, approve, record a follow-up …). */
export function awaitedEvents(workflow: WorkflowDefinition, state: string): WorkflowTrigger[] {
  return [
    ...new Set(workflow.transitions.filter((t) => t.from === state && t.trigger !== 'manual').map((t) => t.trigger)),
  ];
}
