import { z } from 'zod';
import { idSchema, nameSchema } from './common.js';
import { ticketPriority } from './ticketTypes.js';

/**
 * SLA policies (服务等级) and the clocks they put on tickets: see docs/ARCHITECTURE.md, "Tickets" → "SLA".
 * Targets count business time of the policy's calendar (24/7 without one).
 */
export const SLA_CLOCKS = ['firstResponse', 'nextResponse', 'resolution'] as const;
export type SlaClockKind = (typeof SLA_CLOCKS)[number];

/**
 * running: counting, not yet near its due time; warning: past the policy's warning point; paused: the ticket
 * waits on the customer and the policy pauses then; met: stopped in time; breached: past due (still counting,
 * paused, or stopped late).
 */
export const SLA_CLOCK_STATES = ['running', 'warning', 'paused', 'met', 'breached'] as const;
export type SlaClockState = (typeof SLA_CLOCK_STATES)[number];

/** When a running clock warns: at a share of its target, a number of (business) minutes before due, or never. */
export const SLA_WARNING_MODES = ['percent', 'minutes', 'off'] as const;

export const SLA_LIMITS = {
  policiesPerWorkspace: 50,
  /** A year of minutes: longer is not a service level. */
  targetMaxMinutes: 525_600,
  descriptionMaxLength: 500,
  conditionValuesMax: 50,
  tagMaxLength: 30,
  notifyUsersMax: 20,
} as const;

const minutes = z.number().int().min(1).max(SLA_LIMITS.targetMaxMinutes);
const tag = z.string().trim().min(1).max(SLA_LIMITS.tagMaxLength);

/** Which tickets a policy takes. Every list given must match (an empty list matches anything). */
export const slaConditions = z.object({
  typeIds: z.array(idSchema).max(SLA_LIMITS.conditionValuesMax).default([]),
  priorities: z.array(ticketPriority).max(4).default([]),
  /** Tags of the ticket's customer (contacts.tags, e.g. VIP): any one of them. */
  customerTags: z.array(tag).max(SLA_LIMITS.conditionValuesMax).default([]),
  /** Tags of the ticket itself: any one of them. */
  ticketTags: z.array(tag).max(SLA_LIMITS.conditionValuesMax).default([]),
});
export type SlaConditions = z.infer<typeof slaConditions>;

/** Minutes of business time; null: the policy sets no target for that clock. */
export const slaTargets = z
  .object({
    firstResponseMinutes: minutes.nullable().default(null),
    nextResponseMinutes: minutes.nullable().default(null),
    resolutionMinutes: minutes.nullable().default(null),
  })
  .refine((t) => t.firstResponseMinutes !== null || t.nextResponseMinutes !== null || t.resolutionMinutes !== null, {
    message: 'set at least one target',
  });
export type SlaTargets = z.infer<typeof slaTargets>;

/** `percent`: warn at `value` % of the target (1–99); `minutes`: `value` business minutes before due; `off`. */
export const slaWarning = z
  .object({
    mode: z.enum(SLA_WARNING_MODES),
    value: z.number().int().min(0).max(SLA_LIMITS.targetMaxMinutes).default(0),
  })
  .superRefine((w, ctx) => {
    if (w.mode === 'percent' && (w.value < 1 || w.value > 99)) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'must be a percentage from 1 to 99' });
    }
    if (w.mode === 'minutes' && w.value < 1) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'must be at least 1 minute' });
    }
  });
export type SlaWarning = z.infer<typeof slaWarning>;

/**
 * What happens once per clock when it breaches. The assignee (or, unassigned, the team's members) always hears
 * of it; `notifySupervisors` adds the workspace's supervisors (its admins when it has none).
 */
export const slaBreachActions = z.object({
  notifySupervisors: z.boolean().default(true),
  notifyUserIds: z.array(idSchema).max(SLA_LIMITS.notifyUsersMax).default([]),
  /** One step up: low → normal → high → urgent. */
  raisePriority: z.boolean().default(false),
  /** Hand the ticket to this person and/or team. */
  reassignToUserId: idSchema.nullable().default(null),
  reassignToTeamId: idSchema.nullable().default(null),
});
export type SlaBreachActions = z.infer<typeof slaBreachActions>;

const description = z.string().trim().max(SLA_LIMITS.descriptionMaxLength);

export const createSlaPolicyBody = z.object({
  name: nameSchema,
  description: description.default(''),
  enabled: z.boolean().default(true),
  conditions: slaConditions.default({ typeIds: [], priorities: [], customerTags: [], ticketTags: [] }),
  /** The business-hours calendar the targets count in; null: around the clock (24/7). */
  calendarId: idSchema.nullable().default(null),
  targets: slaTargets,
  warning: slaWarning.default({ mode: 'percent', value: 80 }),
  onBreach: slaBreachActions.default({
    notifySupervisors: true,
    notifyUserIds: [],
    raisePriority: false,
    reassignToUserId: null,
    reassignToTeamId: null,
  }),
  /** Stop the clocks while the ticket is in a `pending` state (waiting on the customer, e.g. 待客户确认). */
  pauseWhenPending: z.boolean().default(true),
});
export type CreateSlaPolicyBody = z.infer<typeof createSlaPolicyBody>;

/**
 * Fields left out keep their value; an object given (conditions, targets, warning, onBreach) replaces that whole
 * setting. `version` is the one read (CONFLICT with details.currentVersion otherwise).
 */
export const updateSlaPolicyBody = z
  .object({
    version: z.number().int().min(1),
    name: nameSchema.optional(),
    description: description.optional(),
    enabled: z.boolean().optional(),
    conditions: slaConditions.optional(),
    calendarId: idSchema.nullable().optional(),
    targets: slaTargets.optional(),
    warning: slaWarning.optional(),
    onBreach: slaBreachActions.optional(),
    pauseWhenPending: z.boolean().optional(),
    /** The policy's place in the order (0 = checked first); the others move up or down. */
    position: z.number().int().min(0).max(SLA_LIMITS.policiesPerWorkspace).optional(),
  })
  .refine((v) => Object.keys(v).some((k) => k !== 'version'), { message: 'nothing to change' });
export type UpdateSlaPolicyBody = z.infer<typeof updateSlaPolicyBody>;

export const slaPolicyView = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  enabled: z.boolean(),
  /** Policies are tried in this order; the first enabled one whose conditions match applies. */
  position: z.number().int(),
  conditions: z.object({
    typeIds: z.array(z.string()),
    priorities: z.array(ticketPriority),
    customerTags: z.array(z.string()),
    ticketTags: z.array(z.string()),
  }),
  /** Null: 24/7. */
  calendar: z.object({ id: z.string(), name: z.string() }).nullable(),
  targets: z.object({
    firstResponseMinutes: z.number().int().nullable(),
    nextResponseMinutes: z.number().int().nullable(),
    resolutionMinutes: z.number().int().nullable(),
  }),
  warning: z.object({ mode: z.enum(SLA_WARNING_MODES), value: z.number().int() }),
  onBreach: z.object({
    notifySupervisors: z.boolean(),
    notifyUserIds: z.array(z.string()),
    raisePriority: z.boolean(),
    reassignToUserId: z.string().nullable(),
    reassignToTeamId: z.string().nullable(),
  }),
  pauseWhenPending: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SlaPolicyView = z.infer<typeof slaPolicyView>;
export const slaPolicyListResponse = z.object({ items: z.array(slaPolicyView) });

/** One clock of a ticket. Business time is in ms of the policy's calendar. */
export const slaClockView = z.object({
  kind: z.enum(SLA_CLOCKS),
  state: z.enum(SLA_CLOCK_STATES),
  targetMinutes: z.number().int(),
  /** When this clock (for next response: this round) started. */
  startedAt: z.string(),
  /** When it breaches if it keeps running, or when it did breach; null while paused or once met. */
  dueAt: z.string().nullable(),
  /** When it warns (null: no warning, or paused, or stopped). */
  warnAt: z.string().nullable(),
  /** When it stopped (the response, or the resolution); null while running or paused. */
  stoppedAt: z.string().nullable(),
  elapsedMs: z.number().int(),
  /** Target minus elapsed: negative once breached. */
  remainingMs: z.number().int(),
});
export type SlaClockView = z.infer<typeof slaClockView>;

/** A ticket's SLA: the policy that applies and its clocks (a clock that has not started is left out). */
export const ticketSlaView = z.object({
  policy: z.object({ id: z.string(), name: z.string() }),
  /** Null: 24/7. */
  calendar: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** The worst of the clocks: breached, warning, running, paused, met. */
  state: z.enum(SLA_CLOCK_STATES),
  /** The soonest due time of a clock that is not stopped (in the past once breached); null if none. */
  dueAt: z.string().nullable(),
  /** The ticket waits on the customer and the policy pauses its clocks meanwhile. */
  paused: z.boolean(),
  clocks: z.array(slaClockView),
});
export type TicketSlaView = z.infer<typeof ticketSlaView>;

/** `GET /api/tickets/:id/sla`: null when no policy applies to the ticket. */
export const ticketSlaResponse = z.object({ sla: ticketSlaView.nullable() });
