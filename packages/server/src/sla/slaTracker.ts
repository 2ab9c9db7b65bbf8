import { findContact } from '../contacts/contactRepository.js';
import type { TicketChange } from '../tickets/ticketChange.js';
import {
  dueAtOf,
  type EvaluatedClock,
  evaluateClocks,
  nextCheckOf,
  reconciledNotices,
  type SlaNotices,
} from './slaEvaluation.js';
import {
  factsActive,
  factsOfUntracked,
  initialFacts,
  type SlaFacts,
  withCategory,
  withStaffResponse,
} from './slaFacts.js';
import { matchingPolicy, type SlaPolicy } from './slaPolicyPresenter.js';
import { calendarOf, loadSlaSettings, type SlaSettings } from './slaSettings.js';
import { findTicketSla, insertTicketSla, type TicketSlaRow, updateTicketSla } from './ticketSlaRepository.js';

/** A ticket's SLA state while one change of the ticket works on it (read once, written once at the end). */
export interface SlaWork {
  row: TicketSlaRow | undefined;
  facts: SlaFacts;
  notices: SlaNotices;
  chatCheckedAt: number;
}

export interface SlaEvaluation {
  policy: SlaPolicy | undefined;
  settings: SlaSettings;
  clocks: EvaluatedClock[];
}

const works = new WeakMap<TicketChange, SlaWork>();

/** The SLA state of the change's ticket, read inside its transaction (the ticket's row is locked). */
export async function slaWorkOf(change: TicketChange): Promise<SlaWork> {
  const cached = works.get(change);
  if (cached) return cached;
  const row = await findTicketSla(change.trx, change.before.id);
  const created = change.recorded.some((entry) => entry.action === 'created');
  const work: SlaWork = row
    ? {
        row,
        facts: JSON.parse(row.facts) as SlaFacts,
        notices: JSON.parse(row.notices) as SlaNotices,
        chatCheckedAt: row.chat_checked_at,
      }
    : {
        row: undefined,
        facts: created
          ? initialFacts(change.before.created_at, change.before.state_category)
          : factsOfUntracked(change.before),
        notices: {},
        chatCheckedAt: change.now,
      };
  works.set(change, work);
  return work;
}

/** The policy that applies to the ticket as it stands in the change, and its clocks at the change's time. */
export async function evaluateSla(change: TicketChange, work: SlaWork): Promise<SlaEvaluation> {
  const ticket = change.current;
  const settings = await loadSlaSettings(change.trx, ticket.account_id);
  const contact = settings.policies.some((p) => p.conditions.customerTags.length > 0)
    ? await findContact(change.trx, ticket.account_id, ticket.contact_id)
    : undefined;
  const policy = matchingPolicy(settings.policies, {
    typeId: ticket.type_id,
    priority: ticket.priority,
    customerTags: contact ? (JSON.parse(contact.tags) as string[]) : [],
    ticketTags: JSON.parse(ticket.tags) as string[],
  });
  const clocks = policy ? evaluateClocks(work.facts, policy, calendarOf(settings, policy).definition, change.now) : [];
  return { policy, settings, clocks };
}

const RESPONSE_ACTIONS = new Set(['reply.sent', 'call.logged']);

/** A public reply, or an outbound call, answers the customer. */
function staffResponded(change: TicketChange): boolean {
  return change.recorded.some(
    (entry) =>
      RESPONSE_ACTIONS.has(entry.action) &&
      change.actor.type === 'user' &&
      (entry.action === 'reply.sent' || entry.detail?.direction === 'outbound'),
  );
}

/**
 * The SLA hook of every ticket change (TicketChange.finish calls it before writing): the change's facts move
 * the clocks (a staff response stops the response clocks; resolving stops them all, reopening resumes the
 * resolution clock; a pending state pauses), the policy is chosen again (type, priority, tags and customer may
 * have changed), and the ticket's SLA row is written in the change's transaction. Changes that touch none of it
 * (a comment, a transition within one category) cost one read at most.
 */
export async function slaTracker(change: TicketChange): Promise<void> {
  const { before, current } = change;
  const categoryChanged = before.state_category !== current.state_category;
  const responded = staffResponded(change);
  const subjectChanged =
    before.priority !== current.priority ||
    before.tags !== current.tags ||
    before.contact_id !== current.contact_id ||
    before.type_id !== current.type_id;
  const created = change.recorded.some((entry) => entry.action === 'created');
  if (!works.has(change) && !categoryChanged && !responded && !subjectChanged && !created) return;

  const work = await slaWorkOf(change);
  if (categoryChanged) work.facts = withCategory(work.facts, before.state_category, current.state_category, change.now);
  if (responded) work.facts = withStaffResponse(work.facts, change.now);
  const evaluation = await evaluateSla(change, work);
  await saveSla(change, work, evaluation);
}

async function saveSla(change: TicketChange, work: SlaWork, { policy, settings, clocks }: SlaEvaluation) {
  const previousPolicyId = work.row?.policy_id ?? null;
  const policyId = policy?.id ?? null;
  if (policyId !== previousPolicyId) {
    const previous = settings.policies.find((p) => p.id === previousPolicyId);
    change.record({
      action: 'sla.applied',
      appended: true,
      field: 'slaPolicy',
      from: previous?.name ?? null,
      to: policy?.name ?? null,
      detail: { policyId },
    });
  }
  const notices = reconciledNotices(clocks, work.notices);
  const columns = {
    policy_id: policyId,
    facts: JSON.stringify(work.facts),
    notices: JSON.stringify(notices),
    due_at: dueAtOf(clocks),
    next_check_at: nextCheckOf(clocks, notices),
    active: factsActive(work.facts) ? 1 : 0,
    chat_checked_at: work.chatCheckedAt,
    updated_at: change.now,
  };
  if (!work.row) {
    await insertTicketSla(change.trx, {
      ticket_id: change.before.id,
      account_id: change.before.account_id,
      revision: 1,
      ...columns,
    });
  } else if (!(await updateTicketSla(change.trx, work.row.ticket_id, work.row.revision, columns))) {
    throw new Error(`ticket ${work.row.ticket_id}: its SLA row changed outside the ticket's lock`);
  }
  works.delete(change);
}
