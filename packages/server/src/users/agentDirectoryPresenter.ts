import type { AgentDirectoryEntry, Role } from '@kefu/shared';

/** A colleague for the assign and transfer pickers: deliberately no email or sign-in details. */
export function presentDirectoryEntry(
  row: { id: string; name: string; role: string },
  online: boolean,
  teamIds: string[],
  routing: Pick<AgentDirectoryEntry, 'presence' | 'activeChats' | 'chatLimit'>,
): AgentDirectoryEntry {
  return {
    id: row.id,
    name: row.name,
    role: row.role as Role,
    status: online ? 'online' : 'offline',
    teamIds,
    presence: routing.presence,
    activeChats: routing.activeChats,
    chatLimit: routing.chatLimit,
  };
}
