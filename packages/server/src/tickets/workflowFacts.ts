import type { Executor } from '../db/transaction.js';
import { countOpenTasks } from '../departmentTasks/taskRepository.js';
import { findResolution, listFollowUps } from './ticketRecordRepository.js';
import type { TicketRow } from './ticketRepository.js';
import type { WorkflowFacts } from './workflowEngine.js';

/** What the workflow's conditions read of a ticket: its values, its current resolution, tasks and follow-ups. */
export async function workflowFactsOf(db: Executor, ticket: TicketRow): Promise<WorkflowFacts> {
  const resolution = ticket.current_resolution_id
    ? await findResolution(db, ticket.id, ticket.current_resolution_id)
    : undefined;
  const latestFollowUp = resolution
    ? (await listFollowUps(db, ticket.id)).find((f) => f.resolution_id === resolution.id)
    : undefined;
  return {
    values: JSON.parse(ticket.fields) as Record<string, unknown>,
    builtIns: {
      assignee: ticket.assignee_id !== null,
      team: ticket.team_id !== null,
      category: ticket.category_id !== null,
      description: ticket.description.trim().length > 0,
      promisedReplyAt: ticket.promised_reply_at !== null,
    },
    resolution: resolution ? { status: resolution.status, customerDecision: resolution.customer_decision } : null,
    openTasks: await countOpenTasks(db, ticket.id),
    followUpSatisfied: latestFollowUp?.satisfied === 1,
  };
}
