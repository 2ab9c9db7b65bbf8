import type { TicketView } from '@kefu/shared';

/** What someone else changed on a ticket between the version the user read and the current one. */
export type TicketChangeSummary =
  | { kind: 'state'; from: string; to: string }
  | { kind: 'assignee'; from: string | null; to: string | null }
  | { kind: 'priority'; from: string; to: string }
  | { kind: 'title'; to: string }
  | { kind: 'team'; from: string | null; to: string | null }
  | { kind: 'resolution' }
  | { kind: 'fields'; labels: string[] }
  | { kind: 'tasks' }
  | { kind: 'other' };

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The differences people care about first; anything else is reported as "other changes". */
export function ticketChanges(before: TicketView, after: TicketView, fieldLabels: Map<string, string>) {
  const changes: TicketChangeSummary[] = [];
  if (before.state.key !== after.state.key) {
    changes.push({ kind: 'state', from: before.state.name, to: after.state.name });
  }
  if (before.assignee?.id !== after.assignee?.id) {
    changes.push({ kind: 'assignee', from: before.assignee?.name ?? null, to: after.assignee?.name ?? null });
  }
  if (before.priority !== after.priority) changes.push({ kind: 'priority', from: before.priority, to: after.priority });
  if (before.title !== after.title) changes.push({ kind: 'title', to: after.title });
  if (before.team?.id !== after.team?.id) {
    changes.push({ kind: 'team', from: before.team?.name ?? null, to: after.team?.name ?? null });
  }
  if (!same(before.resolution, after.resolution)) changes.push({ kind: 'resolution' });
  const keys = new Set([...Object.keys(before.fields), ...Object.keys(after.fields)]);
  const changedFields = [...keys].filter((key) => !same(before.fields[key], after.fields[key]));
  if (changedFields.length > 0) {
    changes.push({ kind: 'fields', labels: changedFields.map((key) => fieldLabels.get(key) ?? key) });
  }
  if (!same(before.tasks, after.tasks)) changes.push({ kind: 'tasks' });
  if (changes.length === 0 && before.version !== after.version) changes.push({ kind: 'other' });
  return changes;
}
