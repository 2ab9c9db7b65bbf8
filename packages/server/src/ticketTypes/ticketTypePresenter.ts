import type { TicketFieldDefinition, TicketPriority, TicketTypeView, WorkflowDefinition } from '@kefu/shared';
import type { TicketTypeRow } from './ticketTypeRepository.js';

/** A ticket type as the commands use it: form and workflow parsed (they were validated when saved). */
export interface TicketType {
  id: string;
  name: string;
  enabled: boolean;
  widgetEnabled: boolean;
  defaultPriority: TicketPriority;
  fields: TicketFieldDefinition[];
  workflow: WorkflowDefinition;
  version: number;
}

export function ticketTypeOf(row: TicketTypeRow): TicketType {
  return {
    id: row.id,
    name: row.name,
    enabled: row.enabled === 1,
    widgetEnabled: row.widget_enabled === 1,
    defaultPriority: row.default_priority as TicketPriority,
    fields: JSON.parse(row.fields) as TicketFieldDefinition[],
    workflow: JSON.parse(row.workflow) as WorkflowDefinition,
    version: row.version,
  };
}

export function presentTicketType(row: TicketTypeRow, ticketCount: number): TicketTypeView {
  const type = ticketTypeOf(row);
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    enabled: type.enabled,
    widgetEnabled: type.widgetEnabled,
    defaultPriority: type.defaultPriority,
    fields: type.fields,
    workflow: type.workflow,
    position: row.position,
    ticketCount,
    version: row.version,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}
