import { z } from 'zod';
import { idSchema } from './common.js';

/**
 * Routing (分配): presence and capacity of agents, the per-inbox assignment pipeline, the queue, transfers and
 * supervision. docs/ARCHITECTURE.md ("Routing") describes the whole flow.
 */

/** online: takes new chats; busy: keeps working, takes none; away (小休): on a break; offline: not signed in. */
export const PRESENCE_STATUSES = ['online', 'busy', 'away', 'offline'] as const;
export const presenceStatus = z.enum(PRESENCE_STATUSES);
export type PresenceStatus = z.infer<typeof presenceStatus>;

export const ROUTING_LIMITS = {
  /** Chats an agent takes at once unless an admin sets otherwise (commonly 10). */
  defaultChatLimit: 10,
  maxChatLimit: 100,
  /** A team's limit on chats in progress through it, at most. */
  maxTeamChatLimit: 10_000,
  /** An agent whose last console connection went away turns offline after this (a page reload keeps the status). */
  presenceGraceMs: 60_000,
  /** First-reply threshold of the service level (30秒应答率). */
  serviceLevelSeconds: 30,
  noteMaxChars: 2000,
  tagMaxChars: 30,
  tagsMax: 20,
} as const;

/** The rules of the pipeline an admin orders per inbox; the strategy and the full-queue policy follow them. */
export const ROUTING_RULES = ['designated', 'previous_agent', 'owner', 'skill'] as const;
export type RoutingRule = (typeof ROUTING_RULES)[number];

export const ROUTING_STRATEGIES = ['lowest_saturation', 'fewest_chats', 'round_robin', 'longest_idle'] as const;
export type RoutingStrategy = (typeof ROUTING_STRATEGIES)[number];

/** Skill match besides the team the customer chose in the widget: page address, language or customer tag. */
export const SKILL_MATCHES = ['page_url', 'language', 'contact_tag'] as const;

export const tagSchema = z.string().trim().min(1).max(ROUTING_LIMITS.tagMaxChars);

export const skillRule = z.object({
  /** page_url: the address contains `value`; language: the visitor's locale starts with it; contact_tag: tagged so. */
  match: z.enum(SKILL_MATCHES),
  value: z.string().trim().min(1).max(200),
  teamId: idSchema,
});
export type SkillRule = z.infer<typeof skillRule>;

const uniqueRules = (rules: readonly string[]) => new Set(rules).size === rules.length;

/** The `routing` block of an inbox's settings. Admins only; the widget never receives it. */
export const routingSettings = z.object({
  /**
   * Off (the default for a new inbox): new conversations wait unassigned for an agent to pick them (the pool), as
   * before routing existed. An admin turns it on per inbox; the demo inbox has it on.
   */
  enabled: z.boolean().default(false),
  /** Tried in this order; a rule that names a team narrows every rule after it to that team's members. */
  rules: z
    .array(z.enum(ROUTING_RULES))
    .max(ROUTING_RULES.length)
    .refine(uniqueRules, { message: 'must not repeat a rule' })
    .default([...ROUTING_RULES]),
  /** The previous agent is preferred when the customer's last chat with them was at most this long ago. */
  previousAgentHours: z.number().int().min(1).max(2160).default(48),
  skillRules: z.array(skillRule).max(50).default([]),
  /** The team for chats no rule placed; null: every online agent. */
  defaultTeamId: idSchema.nullable().default(null),
  strategy: z.enum(ROUTING_STRATEGIES).default('lowest_saturation'),
  /** When every eligible agent is full: wait in a queue (FIFO, VIP and complaints first), or in the pool. */
  whenFull: z.enum(['queue', 'pool']).default('queue'),
  /** After waiting `overflowAfterSeconds` in the queue, the backup team's agents may take the chat too. */
  overflowTeamId: idSchema.nullable().default(null),
  overflowAfterSeconds: z.number().int().min(10).max(86_400).default(120),
  /** Customers with one of these tags go ahead of others in the queue. */
  priorityTags: z.array(tagSchema).max(20).default(['VIP']),
  /** Conversations with one of these labels (complaints) go ahead of others too. */
  complaintLabels: z.array(z.string().trim().min(1).max(50)).max(20).default(['投诉']),
  /** Transfer to another agent when the assignee has not answered this long after taking the chat; null: never. */
  autoTransferSeconds: z.number().int().min(15).max(3600).nullable().default(null),
  /** Close the chat when the customer has not answered the agent this long; null: never. */
  autoCloseMinutes: z.number().int().min(1).max(1440).nullable().default(30),
  closingMessage: z
    .string()
    .trim()
    .min(1)
    .max(500)
    .default('由于您长时间没有回复，本次会话已结束。如还有问题，欢迎随时再次咨询。'),
  /** A queued customer whose widget has been gone this long has left the queue (abandoned). */
  abandonAfterSeconds: z.number().int().min(15).max(600).default(60),
});
export type RoutingSettings = z.infer<typeof routingSettings>;

/** The team choice the widget offers before the first message (售前 / 售后 / 技术支持); public. */
export const teamChoiceSettings = z.object({
  enabled: z.boolean().default(false),
  prompt: z.string().trim().max(200).default('请选择您要咨询的业务'),
  teams: z
    .array(z.object({ teamId: idSchema, label: z.string().trim().min(1).max(30) }))
    .max(10)
    .default([]),
});
export type TeamChoiceSettings = z.infer<typeof teamChoiceSettings>;

// ---- views ----

/** An agent's presence and load, as colleagues and supervisors see it (the realtime `agent` frame too). */
export const agentStatusView = z.object({
  id: z.string(),
  name: z.string(),
  presence: presenceStatus,
  /** Since when the presence has been what it is; null when the agent never signed in to the console. */
  presenceSince: z.string().nullable(),
  activeChats: z.number().int(),
  chatLimit: z.number().int(),
  teamIds: z.array(z.string()),
});
export type AgentStatusView = z.infer<typeof agentStatusView>;

export const setPresenceBody = z.object({ status: presenceStatus });

export const chatLimitBody = z.object({
  chatLimit: z.number().int().min(1).max(ROUTING_LIMITS.maxChatLimit),
});

/** One queue: the conversations waiting for a team (`teamId` null: for any agent). */
export const queueStatsView = z.object({
  teamId: z.string().nullable(),
  length: z.number().int(),
  /** When the longest-waiting conversation began to wait. */
  longestWaitSince: z.string().nullable(),
});
export type QueueStatsView = z.infer<typeof queueStatsView>;

/** What the customer learns about their place in the queue (the realtime `queue` frame). */
export const queueStatusView = z.object({
  conversationId: z.string(),
  /** waiting: in the queue; assigned: an agent took it; left: no longer queued (left, closed or in the pool). */
  status: z.enum(['waiting', 'assigned', 'left']),
  /** 1 is next. */
  position: z.number().int().nullable(),
  estimatedWaitSeconds: z.number().int().nullable(),
  /** The agent who took it, when assigned. */
  agentName: z.string().nullable(),
});
export type QueueStatusView = z.infer<typeof queueStatusView>;

/** A queued conversation as agents see it (GET /api/routing/queue), in service order. */
export const queueItemView = z.object({
  conversationId: z.string(),
  teamId: z.string().nullable(),
  position: z.number().int(),
  /** 1: VIP or complaint. */
  priority: z.number().int(),
  enqueuedAt: z.string(),
  estimatedWaitSeconds: z.number().int(),
});
export const queueListResponse = z.object({ items: z.array(queueItemView) });

export const supervisionBoard = z.object({
  agents: z.array(agentStatusView.extend({ role: z.string() })),
  teams: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      chatLimit: z.number().int().nullable(),
      activeChats: z.number().int(),
      onlineAgents: z.number().int(),
      queueLength: z.number().int(),
      longestWaitSince: z.string().nullable(),
    }),
  ),
  /** Conversations waiting for any agent (no team). */
  generalQueue: queueStatsView,
  /** Unassigned conversations in the pool, for agents to pick. */
  poolLength: z.number().int(),
  /** Today (from midnight in the workspace's time zone): chats answered, and answered within the threshold. */
  serviceLevel: z.object({
    since: z.string(),
    thresholdSeconds: z.number().int(),
    answered: z.number().int(),
    withinThreshold: z.number().int(),
    /** withinThreshold ÷ answered; null before the first answer of the day. */
    rate: z.number().nullable(),
  }),
  generatedAt: z.string(),
});
export type SupervisionBoard = z.infer<typeof supervisionBoard>;

const noteSchema = z.string().trim().max(ROUTING_LIMITS.noteMaxChars);

const exactlyOneTarget = (v: { agentId?: string | undefined; teamId?: string | undefined }) =>
  (v.agentId === undefined) !== (v.teamId === undefined);

/** Transfer (转接) to one agent or to a team; the note is a private note the next agent reads first. */
export const transferBody = z
  .object({ agentId: idSchema.optional(), teamId: idSchema.optional(), note: noteSchema.optional() })
  .refine(exactlyOneTarget, { message: 'name either agentId or teamId', path: ['agentId'] });
export type TransferBody = z.infer<typeof transferBody>;

export const whisperBody = z.object({ content: z.string().trim().min(1).max(ROUTING_LIMITS.noteMaxChars) });

export const participantBody = z.object({ userId: idSchema });
export const participantParams = z.object({ id: idSchema, userId: idSchema });
export const participantView = z.object({
  userId: z.string(),
  name: z.string(),
  addedBy: z.string().nullable(),
  addedAt: z.string(),
});
export const participantListResponse = z.object({ items: z.array(participantView) });

/** A customer's owner (专属客服) and tags (VIP …), which routing reads. */
export const contactRoutingView = z.object({
  contactId: z.string(),
  ownerId: z.string().nullable(),
  tags: z.array(z.string()),
});
export type ContactRoutingView = z.infer<typeof contactRoutingView>;

export const updateContactRoutingBody = z
  .object({ ownerId: idSchema.nullable(), tags: z.array(tagSchema).max(ROUTING_LIMITS.tagsMax) })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change' });

export const routingRepairResponse = z.object({
  agentsCorrected: z.number().int(),
  teamsCorrected: z.number().int(),
  assigned: z.number().int(),
});

/**
 * Activity codes routing writes into a conversation's timeline (`activity.code`; `params` fill them in).
 * Agent-only ones never reach the customer; the others are plain notices the customer sees too.
 */
export const ROUTING_ACTIVITY_CODES = {
  /** Agent-only. params: rule, agentId, agentName, teamId, teamName, teamRule, strategy, load, waitedSeconds. */
  assigned: 'routing.assigned',
  /** Agent-only. params: teamId, teamName, teamRule, position, priority. */
  queued: 'routing.queued',
  /** Agent-only. params: teamId, teamName, teamRule, reason ('routing_off' | 'all_full'). */
  pooled: 'routing.pooled',
  /** Agent-only. params: waitedSeconds, reason ('left' | 'gone'). */
  abandoned: 'routing.abandoned',
  /** Agent-only. params: fromId, fromName, seconds. Followed by `routing.assigned` for the next agent. */
  autoTransferred: 'routing.auto_transferred',
  /** Agent-only. params: minutes. */
  autoClosed: 'routing.auto_closed',
  /** Customer-visible. params: fromName, toName (agent) or teamName (team). */
  transferred: 'routing.transferred',
  /** Customer-visible. params: name, by. */
  participantJoined: 'routing.participant_joined',
  /** Customer-visible. params: name, by. */
  participantLeft: 'routing.participant_left',
  /** Agent-only. params: by, fromId, fromName. */
  takenOver: 'supervision.taken_over',
  /** Agent-only. params: by, fromName, toName or teamName. */
  reassigned: 'supervision.reassigned',
  /** On a private note: the supervisor's whisper to the assignee. params: toId, toName. */
  whisper: 'supervision.whisper',
  /** On a private note: what the agent handing a chat over wrote for the next one. params: toId, toName or teamId, teamName. */
  transferNote: 'routing.transfer_note',
} as const;

/** Which rule chose the agent (`params.rule` of `routing.assigned`). */
export const ASSIGN_RULES = [
  'designated_agent',
  'previous_agent',
  'owner',
  /** The inbox's strategy among the eligible agents (`params.strategy` names it). */
  'strategy',
  /** The strategy among the backup team, after the wait in the queue. */
  'overflow',
] as const;
export type AssignRule = (typeof ASSIGN_RULES)[number];

/** Which rule chose the team (`params.teamRule`). */
export const TEAM_RULES = [
  'designated_team',
  'widget_team',
  'page_url',
  'language',
  'contact_tag',
  'default_team',
  'transfer',
  /** The team chosen had no members at all: routing went on without it rather than stopping. */
  'fallback_no_members',
  /** Nobody of the team chosen is signed in: the backup team, or every agent, rather than a queue nobody serves. */
  'fallback_nobody_signed_in',
] as const;
export type TeamRule = (typeof TEAM_RULES)[number];
