import type { TicketSlaView } from '@kefu/shared';
import type { Executor } from '../db/transaction.js';
import { evaluateClocks, presentTicketSla } from './slaEvaluation.js';
import type { SlaFacts } from './slaFacts.js';
import { calendarOf, loadSlaSettings, type SlaSettings } from './slaSettings.js';
import { ticketSlasOf } from './ticketSlaRepository.js';

/**
 * The SLA views of some tickets at `now`, read live from their facts: a list shows clocks as they stand this
 * moment, not as the last sweep left them. Tickets no policy applies to are left out.
 */
export async function loadTicketSlas(
  db: Executor,
  accountId: string,
  ticketIds: string[],
  now: number,
  settings?: SlaSettings,
): Promise<Map<string, TicketSlaView>> {
  const rows = await ticketSlasOf(db, accountId, ticketIds);
  const views = new Map<string, TicketSlaView>();
  if (![...rows.values()].some((row) => row.policy_id !== null)) return views;
  const known = settings ?? (await loadSlaSettings(db, accountId));
  for (const row of rows.values()) {
    const policy = known.policies.find((p) => p.id === row.policy_id);
    if (!policy) continue;
    const calendar = calendarOf(known, policy);
    const clocks = evaluateClocks(JSON.parse(row.facts) as SlaFacts, policy, calendar.definition, now);
    views.set(row.ticket_id, presentTicketSla({ id: policy.id, name: policy.name }, calendar.ref, clocks));
  }
  return views;
}
