export const ROLES = ['admin', 'supervisor', 'agent', 'department'] as const;
export type Role = (typeof ROLES)[number];

/**
 * What each role may do. The server's policy layer is the only place that reads this map;
 * the console reads it too, to show only what the signed-in user can use.
 */
export const PERMISSIONS = {
  'profile.self': ['admin', 'supervisor', 'agent', 'department'],
  'account.read': ['admin', 'supervisor', 'agent', 'department'],
  'account.update': ['admin'],
  'users.read': ['admin', 'supervisor'],
  'users.manage': ['admin'],
  /** Colleagues' names, roles, presence and teams (no emails): what assigning and transferring need. */
  'users.directory': ['admin', 'supervisor', 'agent'],
  'teams.read': ['admin', 'supervisor', 'agent'],
  'teams.manage': ['admin'],
  'apiTokens.own': ['admin', 'supervisor', 'agent'],
  'audit.read': ['admin'],
  'inboxes.read': ['admin', 'supervisor', 'agent'],
  'inboxes.manage': ['admin'],
  /** Business-hours calendars (营业时间): agents read them to tell customers when the team is back. */
  'businessHours.read': ['admin', 'supervisor', 'agent'],
  'businessHours.manage': ['admin'],
  'conversations.read': ['admin', 'supervisor', 'agent'],
  'conversations.reply': ['admin', 'supervisor', 'agent'],
  'contacts.read': ['admin', 'supervisor', 'agent'],
  /** Seeing a contact's unmasked phone or email; every reveal is audited with its reason. */
  'contacts.reveal': ['admin', 'supervisor'],
  /** Conversation labels: create, rename, recolour, delete (using them on conversations is conversations.reply). */
  'labels.manage': ['admin'],
  /** The sensitive-word list (敏感词) and its default action. */
  'moderation.manage': ['admin'],
  /** Flags raised on messages with sensitive words, and their live notices. */
  'moderation.review': ['admin', 'supervisor'],
  /** Quick replies (快捷回复): use the shared ones, manage one's own. */
  'quickReplies.use': ['admin', 'supervisor', 'agent'],
  /** Team and workspace quick replies, and their categories. */
  'quickReplies.manage': ['admin', 'supervisor'],
  /** Setting one's own presence (online / busy / away / offline): staff who take chats. */
  'presence.self': ['admin', 'supervisor', 'agent'],
  /** A customer's owner (专属客服) and tags such as VIP, which routing reads. */
  'contacts.manage': ['admin', 'supervisor'],
  /** Repairing routing counters and draining queues by hand. */
  'routing.manage': ['admin'],
  /** The live board: agents' presence and load, queues, service level. */
  'supervision.read': ['admin', 'supervisor'],
  /** Whisper to an agent, take a chat over (强插), reassign it. */
  'supervision.act': ['admin', 'supervisor'],
  /** Tickets (工单): staff see all; department users only tickets a task of theirs belongs to, restricted. */
  'tickets.read': ['admin', 'supervisor', 'agent', 'department'],
  /** Create and work tickets: fields, transitions, resolutions, follow-ups, comments, replies, tasks. */
  'tickets.write': ['admin', 'supervisor', 'agent'],
  /** Approve or reject a proposed resolution (申请领导批准). */
  'tickets.approve': ['admin', 'supervisor'],
  /** Ticket types with their forms and workflows, and the category tree. */
  'ticketTypes.manage': ['admin'],
  /** SLA policies (服务等级): targets, calendars, warnings and breach actions. */
  'sla.manage': ['admin'],
  /** Exporting a ticket view to a spreadsheet (contacts masked); every export is audited. */
  'tickets.export': ['admin', 'supervisor'],
  /** Department tasks (协办): see one's own and one's teams' tasks, reply, mark done. */
  'tasks.work': ['admin', 'supervisor', 'agent', 'department'],
  /** Uploading a file to attach to a message, a ticket comment or a task reply (department users: task replies). */
  'attachments.upload': ['admin', 'supervisor', 'agent', 'department'],
  /** The bot's statistics: resolution and hand-off rates, top questions, entries rated 没用. */
  'bot.stats': ['admin', 'supervisor'],
  /** The knowledge base (知识库): search it, read entries, get suggestions for a conversation. */
  'knowledge.read': ['admin', 'supervisor', 'agent'],
  /** Write entries, categories, synonyms and pictures; import, export, versions. */
  'knowledge.manage': ['admin', 'supervisor'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function roleHasPermission(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
