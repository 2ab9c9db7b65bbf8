import type { SlaBreachActions, SlaClockKind, SlaConditions, SlaPolicyView, TicketPriority } from '@kefu/shared';
import type { SlaPolicyRow } from './slaPolicyRepository.js';

/** A policy as the clocks use it. */
export interface SlaPolicy {
  id: string;
  name: string;
  enabled: boolean;
  position: number;
  conditions: SlaConditions;
  calendarId: string | null;
  /** Business minutes per clock; null: no target. */
  targets: Record<SlaClockKind, number | null>;
  warning: { mode: 'percent' | 'minutes' | 'off'; value: number };
  onBreach: SlaBreachActions;
  pauseWhenPending: boolean;
}

export function slaPolicyOf(row: SlaPolicyRow): SlaPolicy {
  return {
    id: row.id,
    name: row.name,
    enabled: row.enabled === 1,
    position: row.position,
    conditions: JSON.parse(row.conditions) as SlaConditions,
    calendarId: row.calendar_id,
    targets: {
      firstResponse: row.first_response_minutes,
      nextResponse: row.next_response_minutes,
      resolution: row.resolution_minutes,
    },
    warning: { mode: row.warn_mode as SlaPolicy['warning']['mode'], value: row.warn_value },
    onBreach: JSON.parse(row.on_breach) as SlaBreachActions,
    pauseWhenPending: row.pause_when_pending === 1,
  };
}

export function presentSlaPolicy(row: SlaPolicyRow, calendars: Map<string, string>): SlaPolicyView {
  const policy = slaPolicyOf(row);
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    enabled: policy.enabled,
    position: row.position,
    conditions: {
      typeIds: policy.conditions.typeIds,
      priorities: policy.conditions.priorities as TicketPriority[],
      customerTags: policy.conditions.customerTags,
      ticketTags: policy.conditions.ticketTags,
    },
    calendar: row.calendar_id ? { id: row.calendar_id, name: calendars.get(row.calendar_id) ?? '' } : null,
    targets: {
      firstResponseMinutes: row.first_response_minutes,
      nextResponseMinutes: row.next_response_minutes,
      resolutionMinutes: row.resolution_minutes,
    },
    warning: policy.warning,
    onBreach: policy.onBreach,
    pauseWhenPending: policy.pauseWhenPending,
    version: row.version,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

export interface PolicySubject {
  typeId: string;
  priority: string;
  customerTags: readonly string[];
  ticketTags: readonly string[];
}

const anyOf = (wanted: readonly string[], present: readonly string[]) =>
  wanted.length === 0 || wanted.some((value) => present.includes(value));

/** The first enabled policy, in order, whose every condition holds for the ticket. */
export function matchingPolicy(policies: readonly SlaPolicy[], subject: PolicySubject): SlaPolicy | undefined {
  return [...policies]
    .sort((a, b) => a.position - b.position)
    .find(
      (policy) =>
        policy.enabled &&
        anyOf(policy.conditions.typeIds, [subject.typeId]) &&
        anyOf(policy.conditions.priorities, [subject.priority]) &&
        anyOf(policy.conditions.customerTags, subject.customerTags) &&
        anyOf(policy.conditions.ticketTags, subject.ticketTags),
    );
}
