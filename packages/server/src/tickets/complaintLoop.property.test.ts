import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  createTestApp,
  nextTestAddress,
  type Session,
  signInAs,
  TEST_PASSWORD,
  type TestApp,
} from '../test/testApp.js';
import { chattingVisitor, complaintBody, type TicketWorld, ticketWorld } from '../test/testTickets.js';

/**
 * Random sequences of API calls by random roles against the complaint workflow, with the loop's invariants
 * checked in the database after every step. Two steps in three are "sensible" for the ticket's state (so runs
 * get far along the loop), the others anything at all; any role may make any of them, versions are sometimes
 * stale, two writers sometimes race.
 */
const RUNS = 40;
const STEPS = 45;
const SECOND_APPROVAL_ABOVE = 500;
/** Callers: one of each role and a second supervisor, so resolutions above the amount can find two approvers. */
const PEOPLE = ['admin', 'supervisor', 'supervisor2', 'agent', 'department'] as const;
type Person = (typeof PEOPLE)[number];
const AMOUNTS = [0, 120, 500, 500.01, 800] as const;
const KINDS = [
  'transition',
  'propose',
  'approve',
  'reject',
  'staffDecision',
  'widgetDecision',
  'createTask',
  'completeTask',
  'cancelTask',
  'followUp',
  'patch',
  'race',
] as const;
type Kind = (typeof KINDS)[number];

interface Step {
  sensible: boolean;
  kind: Kind;
  role: number;
  variant: number;
  stale: boolean;
}

const stepArbitrary: fc.Arbitrary<Step> = fc.record({
  /** Two steps in three suit the ticket's state. */
  sensible: fc.nat({ max: 2 }).map((n) => n > 0),
  kind: fc.constantFrom(...KINDS),
  role: fc.nat({ max: PEOPLE.length - 1 }),
  variant: fc.nat({ max: 99 }),
  /** One step in eight sends a stale version or an old resolution id. */
  stale: fc.nat({ max: 7 }).map((n) => n === 0),
});

/** What makes progress in each state of the complaint workflow. */
const SENSIBLE: Record<string, Kind[]> = {
  received: ['transition'],
  processing: ['propose', 'patch'],
  awaiting_approval: ['approve', 'approve', 'reject'],
  awaiting_customer: ['widgetDecision', 'staffDecision'],
  executing: ['createTask', 'completeTask', 'completeTask', 'transition', 'cancelTask'],
  awaiting_follow_up: ['followUp', 'followUp', 'createTask'],
  closed: ['followUp', 'transition', 'race'],
};

const TRANSITION_KEYS = ['accept', 'execution_finished', 'submit_for_approval', 'approved', 'close', 'bogus'];

describe('property: no sequence of API calls breaks the complaint loop', () => {
  let t: TestApp;
  let w: TicketWorld;
  let sessions: Record<Person, Session>;
  let visitorToken: string;
  let conversationId: string;
  const closedRuns = { count: 0, reopened: 0, doubleApproved: 0 };
  let races = 0;

  beforeAll(async () => {
    t = await createTestApp();
    w = await ticketWorld(t, 'property');
    const second = await call(t.app, w.sessions.admin, 'POST', '/api/users', {
      email: 'supervisor2@property.test',
      name: 'property supervisor 2',
      role: 'supervisor',
      password: TEST_PASSWORD,
    });
    expect(second.statusCode, second.body).toBe(201);
    sessions = { ...w.sessions, supervisor2: await signInAs(t.app, 'supervisor2@property.test') };
    const chat = await chattingVisitor(t, w, '投诉：保温杯漏水');
    visitorToken = chat.token;
    conversationId = chat.conversationId;
  });
  afterAll(() => t.close());

  const db = () => t.ctx.db.kysely;
  const ticketRow = (id: string) =>
    db().selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  /** Everything a refused call must leave exactly as it was. */
  async function snapshot(ticketId: string) {
    return {
      ticket: await ticketRow(ticketId),
      resolutions: await db()
        .selectFrom('ticket_resolutions')
        .selectAll()
        .where('ticket_id', '=', ticketId)
        .orderBy('id')
        .execute(),
      approvals: await db()
        .selectFrom('ticket_approvals')
        .selectAll()
        .where('ticket_id', '=', ticketId)
        .orderBy('id')
        .execute(),
      followUps: await db()
        .selectFrom('ticket_follow_ups')
        .selectAll()
        .where('ticket_id', '=', ticketId)
        .orderBy('id')
        .execute(),
      tasks: await db()
        .selectFrom('ticket_tasks')
        .selectAll()
        .where('ticket_id', '=', ticketId)
        .orderBy('id')
        .execute(),
      events: await db()
        .selectFrom('ticket_events')
        .selectAll()
        .where('ticket_id', '=', ticketId)
        .orderBy('id')
        .execute(),
      comments: await db()
        .selectFrom('ticket_comments')
        .selectAll()
        .where('ticket_id', '=', ticketId)
        .orderBy('id')
        .execute(),
    };
  }
  type Snapshot = Awaited<ReturnType<typeof snapshot>>;

  async function checkInvariants(
    ticketId: string,
    before: Snapshot,
    responses: LightMyRequestResponse[],
    label: string,
  ) {
    const after = await snapshot(ticketId);
    const ticket = after.ticket;
    for (const res of responses) {
      expect(res.statusCode, `${label}: ${res.body}`).toBeLessThan(500);
      if (res.statusCode >= 400) {
        expect(
          [
            'VALIDATION_FAILED',
            'FORBIDDEN',
            'NOT_FOUND',
            'CONFLICT',
            'INVALID_TRANSITION',
            'TRANSITION_BLOCKED',
            'REQUIRED_FIELDS_MISSING',
            'APPROVER_NOT_ELIGIBLE',
          ],
          `${label}: ${res.body}`,
        ).toContain(res.json().error.code);
      }
    }
    if (responses.every((r) => r.statusCode >= 400)) {
      // A refused call changes nothing at all.
      expect(after, label).toEqual(before);
      return after;
    }
    // The version goes up by exactly one per accepted change (appends leave it).
    expect(ticket.version - before.ticket.version, label).toBeGreaterThanOrEqual(0);
    expect(ticket.version - before.ticket.version, label).toBeLessThanOrEqual(
      responses.filter((r) => r.statusCode < 400).length,
    );
    // Every version has its timeline entries, and no entry claims a version the ticket never had.
    const versions = [...new Set(after.events.flatMap((e) => (e.version === null ? [] : [e.version])))].sort(
      (a, b) => a - b,
    );
    expect(versions, label).toEqual(Array.from({ length: ticket.version }, (_, i) => i + 1));
    for (const entry of after.events) expect(entry.actor_type, label).not.toBe('');
    // The denormalised open-task count is the truth.
    const openTasks = after.tasks.filter((task) => task.status === 'open').length;
    expect(ticket.open_task_count, label).toBe(openTasks);
    expect(ticket.closed_at !== null, label).toBe(ticket.state_category === 'closed');

    // Every approval decision is by an approver other than the proposer, once per person and resolution.
    for (const resolution of after.resolutions) {
      const approvals = after.approvals.filter((a) => a.resolution_id === resolution.id);
      expect(new Set(approvals.map((a) => a.approver_id)).size, label).toBe(approvals.length);
      for (const approval of approvals) {
        expect(approval.approver_id, label).not.toBe(resolution.proposed_by);
        expect(['admin', 'supervisor'], label).toContain(approval.approver_role);
      }
      const approvedBy = approvals.filter((a) => a.decision === 'approved');
      expect(resolution.required_approvals, label).toBe(
        resolution.compensation_cents > SECOND_APPROVAL_ABOVE * 100 ? 2 : 1,
      );
      if (resolution.status === 'approved') {
        expect(approvedBy.length, label).toBe(resolution.required_approvals);
        expect(
          approvals.some((a) => a.decision === 'rejected'),
          label,
        ).toBe(false);
      }
      if (resolution.status === 'rejected') expect(approvals.at(-1)?.decision, label).toBe('rejected');
    }

    const current = after.resolutions.find((r) => r.id === ticket.current_resolution_id);
    const state = ticket.state;
    expect(state === 'awaiting_approval', label).toBe(current?.status === 'pending');
    if (['awaiting_customer', 'executing', 'awaiting_follow_up', 'closed'].includes(state)) {
      expect(current?.status, label).toBe('approved');
    }
    if (['executing', 'awaiting_follow_up', 'closed'].includes(state)) {
      expect(current?.customer_decision, label).toBe('accepted');
    }
    if (state === 'awaiting_follow_up' && before.ticket.state !== 'awaiting_follow_up') {
      expect(openTasks, `${label}: moved on from 执行中 with open tasks`).toBe(0);
    }
    if (state === 'closed') {
      // Closed ⇒ an approved resolution (by enough distinct approvers), the customer's consent, no open task,
      // and a satisfied follow-up recorded for that resolution after its approval.
      const approvals = after.approvals.filter((a) => a.resolution_id === current!.id && a.decision === 'approved');
      expect(approvals.length, label).toBeGreaterThanOrEqual(1);
      expect(openTasks, label).toBe(0);
      const followUps = after.followUps.filter((f) => f.resolution_id === current!.id);
      const latest = followUps.at(-1);
      expect(latest?.satisfied, label).toBe(1);
      expect(latest!.created_at, label).toBeGreaterThanOrEqual(current!.approved_at!);
    }
    return after;
  }

  /** Runs one step; returns the responses (one, or two for a race). */
  async function perform(ticketId: string, step: Step, snap: Snapshot): Promise<LightMyRequestResponse[]> {
    const state = snap.ticket.state;
    const kinds = SENSIBLE[state] ?? KINDS;
    const kind = step.sensible ? kinds[step.variant % kinds.length]! : step.kind;
    const session = sessions[PEOPLE[step.role]!];
    const version = step.stale ? Math.max(1, snap.ticket.version - 1) : snap.ticket.version;
    const current = snap.resolutions.find((r) => r.id === snap.ticket.current_resolution_id);
    const resolutionId = step.stale ? (snap.resolutions[0]?.id ?? ticketId) : (current?.id ?? ticketId);
    const post = (path: string, body: object) => call(t.app, session, 'POST', `/api/tickets/${ticketId}/${path}`, body);
    const pickTask = () => snap.tasks[step.variant % Math.max(1, snap.tasks.length)];
    switch (kind) {
      case 'transition': {
        const key = step.sensible
          ? state === 'received'
            ? 'accept'
            : 'execution_finished'
          : TRANSITION_KEYS[step.variant % TRANSITION_KEYS.length]!;
        return [await post('transitions', { transition: key, version })];
      }
      case 'propose':
        return [
          await post('resolutions', {
            version,
            summary: `方案 ${step.variant}`,
            compensationAmount: AMOUNTS[step.variant % AMOUNTS.length],
          }),
        ];
      case 'approve':
        return [await post('approvals', { resolutionId, decision: 'approve' })];
      case 'reject':
        return [await post('approvals', { resolutionId, decision: 'reject', reason: '方案不妥' })];
      case 'staffDecision':
        return [
          await post('customer-decision', {
            version,
            resolutionId,
            decision: step.variant % 4 === 0 ? 'reject' : 'accept',
            channel: 'phone',
          }),
        ];
      case 'widgetDecision':
        return [
          await t.app.inject({
            method: 'POST',
            url: `/api/widget/tickets/${ticketId}/decision`,
            headers: { 'x-kefu-visitor': visitorToken },
            remoteAddress: nextTestAddress(),
            payload: { resolutionId, decision: step.variant % 4 === 0 ? 'reject' : 'accept' },
          }),
        ];
      case 'createTask':
        return [
          await post('tasks', {
            teamId: w.warehouseTeamId,
            title: `补发 ${step.variant}`,
            shareContact: step.variant % 2 === 0,
          }),
        ];
      case 'completeTask': {
        const task = pickTask();
        if (!task) return [await post('tasks', { teamId: w.warehouseTeamId, title: '补发' })];
        return [
          await call(t.app, session, 'POST', `/api/tasks/${task.id}/complete`, {
            version: step.stale ? task.version + 1 : task.version,
            result: '已处理',
          }),
        ];
      }
      case 'cancelTask': {
        const task = pickTask();
        if (!task) return [await post('comments', { body: '暂无任务' })];
        return [
          await call(t.app, session, 'PATCH', `/api/tasks/${task.id}`, { version: task.version, status: 'cancelled' }),
        ];
      }
      case 'followUp':
        return [
          await post('follow-ups', { version, channel: 'phone', satisfied: step.variant % 5 !== 0, notes: '回访' }),
        ];
      case 'patch':
        return [
          await call(t.app, session, 'PATCH', `/api/tickets/${ticketId}`, {
            version,
            fields: { product: step.variant % 3 === 0 ? null : '304 保温杯' },
          }),
        ];
      case 'race': {
        races += 1;
        const body = (title: string) => ({ version: snap.ticket.version, title: `${title} ${races}` });
        const [a, b] = await Promise.all([
          call(t.app, w.sessions.agent, 'PATCH', `/api/tickets/${ticketId}`, body('甲')),
          call(t.app, w.sessions.supervisor, 'PATCH', `/api/tickets/${ticketId}`, body('乙')),
        ]);
        expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
        expect((a.statusCode === 409 ? a : b).json().error.details).toEqual({
          currentVersion: snap.ticket.version + 1,
        });
        return [a, b];
      }
      default: {
        const unknown: never = kind;
        throw new Error(`unknown step ${String(unknown)}`);
      }
    }
  }

  it(`${RUNS} runs of ${STEPS} random steps keep every invariant after every step`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArbitrary, { minLength: STEPS, maxLength: STEPS }), async (steps) => {
        const created = await call(t.app, w.sessions.agent, 'POST', '/api/tickets', {
          ...complaintBody(w),
          contact: undefined,
          conversationId,
        });
        expect(created.statusCode, created.body).toBe(201);
        const ticketId = created.json().id as string;
        let snap = await snapshot(ticketId);
        for (const [index, step] of steps.entries()) {
          const responses = await perform(ticketId, step, snap);
          snap = await checkInvariants(
            ticketId,
            snap,
            responses,
            `step ${index} ${JSON.stringify(step)} in ${snap.ticket.state}`,
          );
          // A department user sees the ticket exactly while a task of their team is not cancelled.
          const shared = snap.tasks.some((task) => task.status !== 'cancelled');
          const asDepartment = await call(t.app, w.sessions.department, 'GET', `/api/tickets/${ticketId}`);
          expect(asDepartment.statusCode).toBe(shared ? 200 : 404);
        }
        if (snap.ticket.state === 'closed') closedRuns.count += 1;
        if (snap.ticket.reopen_count > 0) closedRuns.reopened += 1;
        if (snap.approvals.some((a) => a.level === 2 && a.decision === 'approved')) closedRuns.doubleApproved += 1;
      }),
      { numRuns: RUNS },
    );
    // The guided half of the steps does reach the end of the loop, so the invariants were tested where they matter.
    expect(closedRuns.count).toBeGreaterThan(0);
    expect(closedRuns.doubleApproved).toBeGreaterThan(0);
  }, 120_000);
});
