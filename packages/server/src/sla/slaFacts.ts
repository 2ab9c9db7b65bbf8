import type { Stretch } from './slaClock.js';

/**
 * What happened to a ticket, as far as SLA clocks care, whatever policy applies: the clocks are read from these
 * facts with the policy's targets and calendar, so a policy chosen later (a priority raised) counts from the
 * ticket's real history. Kept as JSON in `ticket_slas.facts`; changed only by the pure functions below.
 */
export interface SlaFacts {
  /** From the ticket's creation to the first staff response (or its resolution). */
  firstResponse: Stretch;
  /** The current or last round: a customer message after a staff response, to the next staff response. */
  nextResponse: Stretch | null;
  /** Each stretch the ticket was open: created or reopened → resolved or closed. */
  resolution: Stretch[];
  /** Each stretch in a `pending` state (waiting on the customer). */
  pending: Stretch[];
  /** The latest staff response: a customer message before it needs no new round. */
  lastResponseAt: number | null;
  /** Per linked conversation, the last message seq looked at (the sweeper reads the chat from there). */
  chatSeqs: Record<string, number>;
}

const isOpen = (category: string) => category === 'new' || category === 'open' || category === 'pending';
const running = (stretch: Stretch | null | undefined) =>
  stretch !== null && stretch !== undefined && stretch[1] === null;
const stopped = (stretch: Stretch, at: number): Stretch => [stretch[0], Math.max(stretch[0], at)];

function closeLast(stretches: Stretch[], at: number): Stretch[] {
  const last = stretches.at(-1);
  return running(last) ? [...stretches.slice(0, -1), stopped(last!, at)] : stretches;
}

/** A new ticket: its first-response and resolution clocks start at its creation. */
export function initialFacts(createdAt: number, category: string): SlaFacts {
  return {
    firstResponse: [createdAt, null],
    nextResponse: null,
    resolution: [[createdAt, null]],
    pending: category === 'pending' ? [[createdAt, null]] : [],
    lastResponseAt: null,
    chatSeqs: {},
  };
}

/** A ticket tracked only now (made before SLAs existed): its clocks as if tracked from its creation. */
export function factsOfUntracked(ticket: { created_at: number; updated_at: number; state_category: string }) {
  const facts = initialFacts(ticket.created_at, ticket.state_category);
  return isOpen(ticket.state_category) ? facts : withCategory(facts, 'open', ticket.state_category, ticket.updated_at);
}

/** A staff member answered the customer (a public reply, an outbound call, a chat message): responses stop. */
export function withStaffResponse(facts: SlaFacts, at: number): SlaFacts {
  return {
    ...facts,
    firstResponse:
      running(facts.firstResponse) && at >= facts.firstResponse[0]
        ? stopped(facts.firstResponse, at)
        : facts.firstResponse,
    nextResponse:
      facts.nextResponse && running(facts.nextResponse) && at >= facts.nextResponse[0]
        ? stopped(facts.nextResponse, at)
        : facts.nextResponse,
    lastResponseAt: Math.max(facts.lastResponseAt ?? at, at),
  };
}

/**
 * The customer wrote: a new next-response round starts, unless the first response is still awaited (that
 * clock covers it), a round is already running, staff answered since, or the ticket is resolved.
 */
export function withCustomerMessage(facts: SlaFacts, at: number): SlaFacts {
  if (running(facts.firstResponse) || running(facts.nextResponse)) return facts;
  if (facts.lastResponseAt !== null && at <= facts.lastResponseAt) return facts;
  if (!running(facts.resolution.at(-1))) return facts;
  return { ...facts, nextResponse: [at, null] };
}

/**
 * The ticket moved between state categories. Resolved or closed stops every clock; reopening starts a new
 * resolution stretch (the time counted before still counts); a pending state opens a pause.
 */
export function withCategory(facts: SlaFacts, from: string, to: string, at: number): SlaFacts {
  let next = facts;
  if (isOpen(from) && !isOpen(to)) {
    next = {
      ...next,
      resolution: closeLast(next.resolution, at),
      firstResponse: running(next.firstResponse) ? stopped(next.firstResponse, at) : next.firstResponse,
      nextResponse:
        next.nextResponse && running(next.nextResponse) ? stopped(next.nextResponse, at) : next.nextResponse,
    };
  } else if (!isOpen(from) && isOpen(to)) {
    next = { ...next, resolution: [...next.resolution, [at, null]] };
  }
  if (from !== 'pending' && to === 'pending') next = { ...next, pending: [...next.pending, [at, null]] };
  if (from === 'pending' && to !== 'pending') next = { ...next, pending: closeLast(next.pending, at) };
  return next;
}

/** The ticket is open (not resolved or closed). */
export const factsActive = (facts: SlaFacts) => running(facts.resolution.at(-1));
