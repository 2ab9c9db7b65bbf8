import { z } from 'zod';
import { presenceStatus } from './routing.js';
import { roleSchema } from './users.js';

/**
 * A colleague as every agent may see them, to assign or transfer a conversation: no email, no sign-in
 * details. `status` is whether they have the console open right now.
 */
export const agentDirectoryEntry = z.object({
  id: z.string(),
  name: z.string(),
  role: roleSchema,
  status: z.enum(['online', 'offline']),
  teamIds: z.array(z.string()),
  /** The status routing goes by (online takes chats; busy, away and offline do not), and the load against the limit. */
  presence: presenceStatus,
  activeChats: z.number().int(),
  chatLimit: z.number().int(),
});
export type AgentDirectoryEntry = z.infer<typeof agentDirectoryEntry>;

export const agentDirectoryResponse = z.object({ items: z.array(agentDirectoryEntry) });
export type AgentDirectoryResponse = z.infer<typeof agentDirectoryResponse>;
