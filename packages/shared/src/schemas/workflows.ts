import { z } from 'zod';

/**
 * A ticket type's workflow: states, and the transitions allowed between them with their conditions.
 *
 * - A **manual** transition is chosen by a person (`POST /api/tickets/:id/transitions`) who holds its permission.
 * - Any other trigger names an event the server fires the transition on, in the same transaction as the event's
 *   record: a proposed resolution, an approval decision, the customer's decision, the last open task done, a
 *   follow-up (回访) recorded. An event is accepted only in a state that has a transition for it.
 * - Conditions: the transition's `requiredFields` (form keys or built-ins) must be filled, and both the
 *   transition's and the target state's `requires` must hold. Entering a `closed` state always requires that no
 *   task is open; in a `closedLoop` workflow (投诉闭环) it also requires an approved resolution the customer
 *   accepted and a satisfied follow-up recorded after that approval, however the transitions are drawn.
 */
export const WORKFLOW_STATE_CATEGORIES = ['new', 'open', 'pending', 'resolved', 'closed'] as const;
export type WorkflowStateCategory = (typeof WORKFLOW_STATE_CATEGORIES)[number];

export const WORKFLOW_TRIGGERS = [
  'manual',
  'resolution.proposed',
  'resolution.approved',
  'resolution.rejected',
  'customer.accepted',
  'customer.rejected',
  'tasks.done',
  'followUp.satisfied',
  'followUp.unsatisfied',
] as const;
export type WorkflowTrigger = (typeof WORKFLOW_TRIGGERS)[number];

/** Events that come in pairs: a state that takes one outcome must take the other. */
export const PAIRED_TRIGGERS: readonly (readonly [WorkflowTrigger, WorkflowTrigger])[] = [
  ['resolution.approved', 'resolution.rejected'],
  ['customer.accepted', 'customer.rejected'],
  ['followUp.satisfied', 'followUp.unsatisfied'],
];

/** Triggers fired by something other than the person filling the ticket in: no required fields may block them. */
export const TRIGGERS_WITHOUT_REQUIRED_FIELDS: readonly WorkflowTrigger[] = [
  'resolution.approved',
  'resolution.rejected',
  'customer.accepted',
  'customer.rejected',
  'tasks.done',
];

export const WORKFLOW_REQUIREMENTS = [
  /** A proposed resolution awaits its approvals. */
  'resolutionPending',
  /** The current resolution has all the approvals it needs. */
  'resolutionApproved',
  /** The customer accepted the current resolution. */
  'customerAccepted',
  /** No department task of the ticket is open. */
  'tasksDone',
  /** A satisfied follow-up was recorded after the current resolution was approved. */
  'followUpSatisfied',
] as const;
export type WorkflowRequirement = (typeof WORKFLOW_REQUIREMENTS)[number];

/** What entering a closed state needs in a closed-loop workflow, whatever the workflow's own conditions say. */
export const CLOSED_LOOP_REQUIREMENTS: readonly WorkflowRequirement[] = [
  'resolutionApproved',
  'customerAccepted',
  'tasksDone',
  'followUpSatisfied',
];

export const TRANSITION_PERMISSIONS = ['tickets.write', 'tickets.approve'] as const;

/** Names `requiredFields` may use besides the form's own keys; no form field may take them. */
export const BUILT_IN_REQUIRABLE_FIELDS = ['assignee', 'team', 'category', 'description', 'promisedReplyAt'] as const;
export type BuiltInRequirableField = (typeof BUILT_IN_REQUIRABLE_FIELDS)[number];

export const WORKFLOW_LIMITS = { states: 30, transitions: 100, nameMaxLength: 20 } as const;

const workflowKey = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, { message: 'must be lower-case letters, digits and _ (starting with a letter)' });
const workflowName = z.string().trim().min(1).max(WORKFLOW_LIMITS.nameMaxLength);

export const workflowState = z.object({
  key: workflowKey,
  name: workflowName,
  category: z.enum(WORKFLOW_STATE_CATEGORIES),
  initial: z.boolean().default(false),
  /** Entry conditions, checked on every transition into this state. */
  requires: z.array(z.enum(WORKFLOW_REQUIREMENTS)).max(WORKFLOW_REQUIREMENTS.length).default([]),
});
export type WorkflowState = z.infer<typeof workflowState>;

export const workflowTransition = z.object({
  key: workflowKey,
  /** The button's label, e.g. 受理, 提交审批. */
  name: workflowName,
  from: workflowKey,
  to: workflowKey,
  trigger: z.enum(WORKFLOW_TRIGGERS).default('manual'),
  /** Who may choose a manual transition; event transitions follow the event's own permission. */
  permission: z.enum(TRANSITION_PERMISSIONS).default('tickets.write'),
  /** Form field keys (or built-ins: assignee, team, category, description, promisedReplyAt) that must be filled. */
  requiredFields: z.array(z.string().max(40)).max(40).default([]),
  requires: z.array(z.enum(WORKFLOW_REQUIREMENTS)).max(WORKFLOW_REQUIREMENTS.length).default([]),
});
export type WorkflowTransition = z.infer<typeof workflowTransition>;

export const workflowDefinition = z.object({
  states: z.array(workflowState).min(2).max(WORKFLOW_LIMITS.states),
  transitions: z.array(workflowTransition).min(1).max(WORKFLOW_LIMITS.transitions),
  /** The complaint loop (投诉闭环): nothing closes without approval, the customer's consent and a follow-up. */
  closedLoop: z.boolean().default(false),
  /** Compensation (CNY) above which a resolution needs a second, different approver; null: one approver. */
  secondApprovalAbove: z.number().min(0).max(100_000_000).nullable().default(null),
});
export type WorkflowDefinition = z.infer<typeof workflowDefinition>;
export type WorkflowDefinitionInput = z.input<typeof workflowDefinition>;

export interface WorkflowProblem {
  /** Relative to the workflow object, e.g. ['transitions', 3, 'to']. */
  path: (string | number)[];
  message: string;
}

/**
 * Everything wrong with a workflow, checked on save: one initial state, a closed state, known states and
 * fields, deterministic events, both outcomes of paired events, every state reachable from the initial one and
 * able to reach a closed one, and the closed-loop rules. `fieldKeys` are the form's keys.
 */
export function workflowProblems(workflow: WorkflowDefinition, fields: readonly { key: string }[]): WorkflowProblem[] {
  const problems: WorkflowProblem[] = [];
  const add = (path: (string | number)[], message: string) => problems.push({ path, message });
  const stateIndex = new Map<string, number>();
  workflow.states.forEach((state, i) => {
    if (stateIndex.has(state.key)) add(['states', i, 'key'], `state ${state.key} is listed twice`);
    else stateIndex.set(state.key, i);
  });
  const initial = workflow.states.filter((s) => s.initial);
  if (initial.length !== 1) add(['states'], `exactly one state must be initial (found ${initial.length})`);
  if (initial[0]?.category === 'closed') add(['states'], 'the initial state cannot be a closed state');
  if (!workflow.states.some((s) => s.category === 'closed')) add(['states'], 'a workflow needs a closed state');

  const requirable = new Set<string>([...fields.map((f) => f.key), ...BUILT_IN_REQUIRABLE_FIELDS]);
  const transitionKeys = new Set<string>();
  const events = new Set<string>();
  workflow.transitions.forEach((t, i) => {
    if (transitionKeys.has(t.key)) add(['transitions', i, 'key'], `transition ${t.key} is listed twice`);
    transitionKeys.add(t.key);
    if (!stateIndex.has(t.from)) add(['transitions', i, 'from'], `unknown state ${t.from}`);
    if (!stateIndex.has(t.to)) add(['transitions', i, 'to'], `unknown state ${t.to}`);
    if (t.from === t.to) add(['transitions', i, 'to'], 'a transition must lead to another state');
    if (t.trigger !== 'manual') {
      const event = `${t.from}:${t.trigger}`;
      if (events.has(event))
        add(['transitions', i, 'trigger'], `state ${t.from} already has a ${t.trigger} transition`);
      events.add(event);
    }
    t.requiredFields.forEach((field, j) => {
      if (!requirable.has(field)) add(['transitions', i, 'requiredFields', j], `unknown field ${field}`);
    });
    if (t.requiredFields.length > 0 && TRIGGERS_WITHOUT_REQUIRED_FIELDS.includes(t.trigger)) {
      add(['transitions', i, 'requiredFields'], `a ${t.trigger} transition cannot require fields`);
    }
  });
  for (const [one, other] of PAIRED_TRIGGERS) {
    for (const state of workflow.states) {
      const hasOne = events.has(`${state.key}:${one}`);
      const hasOther = events.has(`${state.key}:${other}`);
      if (hasOne !== hasOther) {
        add(
          ['transitions'],
          `state ${state.key} takes ${hasOne ? one : other} and so needs a ${hasOne ? other : one} transition too`,
        );
      }
    }
  }
  if (problems.length > 0) return problems;

  const reachable = reach(workflow, initial[0]!.key, 'forward');
  const closing = new Set(workflow.states.filter((s) => s.category === 'closed').map((s) => s.key));
  const canClose = new Set<string>();
  for (const key of closing) for (const k of reach(workflow, key, 'backward')) canClose.add(k);
  workflow.states.forEach((state, i) => {
    if (!reachable.has(state.key)) add(['states', i], `state ${state.key} cannot be reached from the initial state`);
    else if (!canClose.has(state.key)) add(['states', i], `no path leads from state ${state.key} to a closed state`);
  });

  if (workflow.closedLoop) {
    workflow.transitions.forEach((t, i) => {
      if (closing.has(t.to) && t.trigger !== 'followUp.satisfied') {
        add(['transitions', i, 'trigger'], 'in a closed-loop workflow only a satisfied follow-up closes a ticket');
      }
    });
    for (const trigger of ['resolution.proposed', 'resolution.approved', 'followUp.satisfied'] as const) {
      if (!workflow.transitions.some((t) => t.trigger === trigger)) {
        add(['transitions'], `a closed-loop workflow needs a ${trigger} transition`);
      }
    }
  }
  return problems;
}

function reach(workflow: WorkflowDefinition, start: string, direction: 'forward' | 'backward'): Set<string> {
  const seen = new Set([start]);
  const stack = [start];
  while (stack.length > 0) {
    const key = stack.pop()!;
    for (const t of workflow.transitions) {
      const [here, there] = direction === 'forward' ? [t.from, t.to] : [t.to, t.from];
      if (here === key && !seen.has(there)) {
        seen.add(there);
        stack.push(there);
      }
    }
  }
  return seen;
}
