import type { SavedTicketView, TicketViewFilters } from '@kefu/shared';
import type { SavedViewRow } from './savedViewRepository.js';

export function presentSavedView(
  row: SavedViewRow,
  callerId: string,
  users: Map<string, string>,
  teams: Map<string, string>,
): SavedTicketView {
  return {
    id: row.id,
    name: row.name,
    filters: JSON.parse(row.filters) as TicketViewFilters,
    owner: { id: row.owner_id, name: users.get(row.owner_id) ?? '' },
    team: row.team_id ? { id: row.team_id, name: teams.get(row.team_id) ?? '' } : null,
    mine: row.owner_id === callerId,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}
