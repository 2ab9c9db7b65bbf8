import {
  complaintWorkflow,
  simpleWorkflow,
  type WorkflowDefinition,
  workflowDefinition,
  workflowProblems,
} from '@kefu/shared';
import { describe, expect, it } from 'vitest';
import { transitionBlockers, type WorkflowFacts } from './workflowEngine.js';

const complaint = workflowDefinition.parse(complaintWorkflow());
const simple = workflowDefinition.parse(simpleWorkflow());
const form = [{ key: 'reason' }, { key: 'product' }];

const messages = (workflow: WorkflowDefinition, fields = form) =>
  workflowProblems(workflow, fields).map((p) => p.message);
const edit = (base: WorkflowDefinition, change: (w: WorkflowDefinition) => void): WorkflowDefinition => {
  const copy = structuredClone(base);
  change(copy);
  return copy;
};

describe('a workflow is validated when saved', () => {
  it('the shipped templates are valid', () => {
    expect(workflowProblems(complaint, form)).toEqual([]);
    expect(workflowProblems(simple, [])).toEqual([]);
  });

  it('needs exactly one initial state that is not closed, and a closed state', () => {
    expect(
      messages(
        edit(simple, (w) => {
          w.states[1]!.initial = true;
        }),
      ),
    ).toEqual(['exactly one state must be initial (found 2)']);
    expect(
      messages(
        edit(simple, (w) => {
          w.states[0]!.initial = false;
        }),
      ),
    ).toContain('exactly one state must be initial (found 0)');
    const noClosed = edit(simple, (w) => {
      w.states = w.states.map((s) => (s.category === 'closed' ? { ...s, category: 'resolved' } : s));
    });
    expect(messages(noClosed)).toContain('a workflow needs a closed state');
  });

  it('names unknown states, self-loops, duplicate keys and unknown required fields where they are', () => {
    const broken = edit(simple, (w) => {
      w.transitions.push({ ...w.transitions[0]!, key: 'start', to: 'nowhere' });
      w.transitions.push({ ...w.transitions[0]!, key: 'loop', to: 'new' });
      w.transitions[0]!.requiredFields = ['colour', 'assignee'];
    });
    expect(workflowProblems(broken, [])).toEqual([
      { path: ['transitions', 0, 'requiredFields', 0], message: 'unknown field colour' },
      { path: ['transitions', 8, 'key'], message: 'transition start is listed twice' },
      { path: ['transitions', 8, 'to'], message: 'unknown state nowhere' },
      { path: ['transitions', 9, 'to'], message: 'a transition must lead to another state' },
    ]);
  });

  it('every state must be reachable from the initial one and able to reach a closed one', () => {
    const island = edit(
      simple,
      (w) => void w.states.push({ key: 'limbo', name: '搁置', category: 'pending', initial: false, requires: [] }),
    );
    expect(messages(island)).toEqual(['state limbo cannot be reached from the initial state']);
    const deadEnd = edit(simple, (w) => {
      w.transitions = w.transitions.filter((t) => t.from !== 'waiting');
    });
    expect(messages(deadEnd)).toEqual(['no path leads from state waiting to a closed state']);
  });

  it('events are deterministic and paired outcomes come together', () => {
    const twice = edit(complaint, (w) => {
      w.transitions.push({
        ...w.transitions.find((t) => t.key === 'approved')!,
        key: 'approved_again',
        to: 'executing',
      });
    });
    expect(messages(twice)).toEqual(['state awaiting_approval already has a resolution.approved transition']);
    const unpaired = edit(complaint, (w) => {
      w.transitions = w.transitions.filter((t) => t.key !== 'follow_up_unsatisfied');
    });
    expect(messages(unpaired)).toEqual([
      'state awaiting_follow_up takes followUp.satisfied and so needs a followUp.unsatisfied transition too',
    ]);
  });

  it('a closed loop cannot be short-cut: only a satisfied follow-up closes, and approvals must exist', () => {
    const shortcut = edit(complaint, (w) => {
      w.transitions.push({
        key: 'close_now',
        name: '直接关闭',
        from: 'processing',
        to: 'closed',
        trigger: 'manual',
        permission: 'tickets.write',
        requiredFields: [],
        requires: [],
      });
    });
    expect(messages(shortcut)).toEqual(['in a closed-loop workflow only a satisfied follow-up closes a ticket']);
  });

  it('events fired by others cannot require fields', () => {
    const blocking = edit(complaint, (w) => {
      w.transitions.find((t) => t.key === 'tasks_done')!.requiredFields = ['product'];
    });
    expect(messages(blocking)).toEqual(['a tasks.done transition cannot require fields']);
  });
});

describe('the engine’s conditions', () => {
  const facts = (over: Partial<WorkflowFacts> = {}): WorkflowFacts => ({
    values: { reason: '漏水', product: '杯' },
    builtIns: { assignee: true, team: false, category: false, description: false, promisedReplyAt: false },
    resolution: null,
    openTasks: 0,
    followUpSatisfied: false,
    ...over,
  });
  const transition = (key: string) => complaint.transitions.find((t) => t.key === key)!;
  const codes = (key: string, f: WorkflowFacts, role: 'agent' | 'supervisor' | null = 'agent') =>
    transitionBlockers(complaint, transition(key), f, role ? { role } : null).map((b) => b.code);

  it('closing in a closed loop needs the approval, the consent, no open task and a satisfied follow-up', () => {
    expect(codes('follow_up_satisfied', facts(), null)).toEqual([
      'resolutionApproved',
      'customerAccepted',
      'followUpSatisfied',
    ]);
    const approvedAccepted = { status: 'approved', customerDecision: 'accepted' };
    expect(
      codes(
        'follow_up_satisfied',
        facts({ resolution: approvedAccepted, openTasks: 1, followUpSatisfied: true }),
        null,
      ),
    ).toEqual(['tasksDone']);
    expect(
      codes('follow_up_satisfied', facts({ resolution: approvedAccepted, followUpSatisfied: true }), null),
    ).toEqual([]);
  });

  it('leaving 执行中 by hand needs every task done; required fields and permissions are reported', () => {
    const accepted = { status: 'approved', customerDecision: 'accepted' };
    expect(codes('execution_finished', facts({ resolution: accepted, openTasks: 2 }))).toEqual(['tasksDone']);
    expect(
      codes(
        'submit_for_approval',
        facts({ values: { reason: '漏水' }, resolution: { status: 'pending', customerDecision: null } }),
        null,
      ),
    ).toEqual(['requiredFields']);
    const approverOnly = { ...transition('accept'), permission: 'tickets.approve' as const };
    expect(transitionBlockers(complaint, approverOnly, facts(), { role: 'agent' }).map((b) => b.code)).toEqual([
      'permission',
    ]);
    expect(transitionBlockers(complaint, approverOnly, facts(), { role: 'supervisor' })).toEqual([]);
  });
});
