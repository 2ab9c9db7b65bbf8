import { z } from 'zod';
import { emailSchema, idSchema, nameSchema, pageQuery } from './common.js';
import { attachmentView, contactSummary } from './conversations.js';
import { ticketSlaView } from './sla.js';
import { ticketFileView } from './ticketFiles.js';
import { ticketTaskView } from './ticketTasks.js';
import { TICKET_FIELD_KINDS, ticketFieldValues, ticketPriority } from './ticketTypes.js';
import { WORKFLOW_STATE_CATEGORIES, WORKFLOW_TRIGGERS } from './workflows.js';

/** Tickets (工单): see docs/ARCHITECTURE.md, "Tickets", for the rules the server enforces. */
export const TICKET_LIMITS = {
  titleMaxLength: 200,
  descriptionMaxLength: 10_000,
  commentMaxLength: 5000,
  tagsMax: 20,
  tagMaxLength: 30,
  watchersMax: 50,
  orderNumbersMax: 20,
  orderNumberMaxLength: 64,
  mentionsMax: 20,
  attachmentsPerComment: 10,
  /** The newest messages a conversation's transcript keeps when it is copied into a ticket. */
  transcriptMaxMessages: 500,
  resolutionSummaryMaxLength: 2000,
  /** Compensation in CNY (yuan, two decimals). */
  compensationMax: 10_000_000,
  notesMaxLength: 2000,
  /** How long before a promised reply time (约定回复时间) the assignee is reminded. */
  promiseReminderLeadMs: 30 * 60 * 1000,
  /** Ticket submissions from the widget, per visitor and per client IP, per window. */
  widgetTicketsPerVisitor: 5,
  widgetTicketsPerIp: 20,
  widgetTicketWindowMs: 60 * 60 * 1000,
} as const;

export const TICKET_SOURCES = ['console', 'conversation', 'phone', 'widget', 'api'] as const;
export type TicketSource = (typeof TICKET_SOURCES)[number];

/** How a customer was reached for a decision or a follow-up (回访). */
export const CONTACT_CHANNELS = ['phone', 'sms', 'email', 'chat', 'wechat', 'visit'] as const;
export const contactChannel = z.enum(CONTACT_CHANNELS);

export const RESOLUTION_STATUSES = ['pending', 'approved', 'rejected', 'superseded'] as const;
export const CALL_DIRECTIONS = ['inbound', 'outbound'] as const;
export const PROMISE_STATUSES = ['pending', 'due_soon', 'overdue', 'kept'] as const;
export const COMMENT_KINDS = ['internal', 'public', 'task', 'customer'] as const;
export type CommentKind = (typeof COMMENT_KINDS)[number];

const isoDateTime = z.iso.datetime({ offset: true });
const title = z.string().trim().min(1).max(TICKET_LIMITS.titleMaxLength);
const description = z.string().trim().max(TICKET_LIMITS.descriptionMaxLength);
const tag = z.string().trim().min(1).max(TICKET_LIMITS.tagMaxLength);
const tags = z.array(tag).max(TICKET_LIMITS.tagsMax);
const orderNumbers = z
  .array(
    z
      .string()
      .trim()
      .min(1)
      .max(TICKET_LIMITS.orderNumberMaxLength)
      .regex(/^[A-Za-z0-9_-]+$/, { message: 'letters, digits, - and _ only' }),
  )
  .max(TICKET_LIMITS.orderNumbersMax);
const watcherIds = z.array(idSchema).max(TICKET_LIMITS.watchersMax);
const version = z.number().int().min(1);

/** Yuan with at most two decimals (分). */
export const compensationAmount = z
  .number()
  .min(0)
  .max(TICKET_LIMITS.compensationMax)
  .refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, { message: 'at most two decimals (分)' });

export const phoneNumberSchema = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 -]{4,24}$/, { message: 'must be a phone number (digits, spaces, -, optional +)' });

export const userRef = z.object({ id: z.string(), name: z.string() });
export type UserRef = z.infer<typeof userRef>;

export const ticketStateView = z.object({
  key: z.string(),
  name: z.string(),
  category: z.enum(WORKFLOW_STATE_CATEGORIES),
});
export type TicketStateView = z.infer<typeof ticketStateView>;

/** The promised reply time (约定回复时间): kept once someone answers the customer (reply, call, follow-up). */
export const promisedReplyView = z.object({
  at: z.string(),
  keptAt: z.string().nullable(),
  status: z.enum(PROMISE_STATUSES),
});
export type PromisedReplyView = z.infer<typeof promisedReplyView>;

export { type TicketFileView, ticketFileView } from './ticketFiles.js';

export const ticketSummary = z.object({
  id: z.string(),
  /** Human-friendly number, unique per workspace: T-20260302-0001 (date in the workspace's time zone). */
  number: z.string(),
  title: z.string(),
  type: z.object({ id: z.string(), name: z.string() }),
  state: ticketStateView,
  priority: ticketPriority,
  source: z.enum(TICKET_SOURCES),
  contact: z.object({ id: z.string(), name: z.string() }),
  assignee: userRef.nullable(),
  team: z.object({ id: z.string(), name: z.string() }).nullable(),
  categoryId: z.string().nullable(),
  tags: z.array(z.string()),
  promisedReply: promisedReplyView.nullable(),
  /** The SLA policy's clocks; null when no policy applies (see "SLA" in docs/ARCHITECTURE.md). */
  sla: ticketSlaView.nullable(),
  openTaskCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  closedAt: z.string().nullable(),
  /** Goes up by one with every change; send it back with the next change (optimistic concurrency). */
  version: z.number().int(),
});
export type TicketSummary = z.infer<typeof ticketSummary>;
export const ticketListResponse = z.object({ items: z.array(ticketSummary), nextCursor: z.string().nullable() });

export const approvalView = z.object({
  id: z.string(),
  approver: userRef,
  approverRole: z.string(),
  decision: z.enum(['approved', 'rejected']),
  reason: z.string(),
  /** 1 for the first approver, 2 for the second (above the workflow's amount). */
  level: z.number().int(),
  createdAt: z.string(),
});

export const customerDecisionView = z.object({
  decision: z.enum(['accepted', 'rejected']),
  /** `customer`: in the widget; `staff`: recorded by an agent who reached the customer on `channel`. */
  by: z.enum(['customer', 'staff']),
  recordedBy: userRef.nullable(),
  channel: z.string(),
  note: z.string(),
  at: z.string(),
});

export const resolutionView = z.object({
  id: z.string(),
  summary: z.string(),
  compensationAmount: z.number(),
  status: z.enum(RESOLUTION_STATUSES),
  requiredApprovals: z.number().int(),
  proposedBy: userRef,
  proposedAt: z.string(),
  approvals: z.array(approvalView),
  customerDecision: customerDecisionView.nullable(),
});
export type ResolutionView = z.infer<typeof resolutionView>;

export const followUpView = z.object({
  id: z.string(),
  resolutionId: z.string().nullable(),
  recordedBy: userRef,
  contactedAt: z.string(),
  channel: z.string(),
  satisfied: z.boolean(),
  notes: z.string(),
  createdAt: z.string(),
});
export type FollowUpView = z.infer<typeof followUpView>;

export const callLogView = z.object({
  id: z.string(),
  /** Masked (138****1234); revealed through POST /api/tickets/:id/reveal. */
  phoneNumber: z.string(),
  direction: z.enum(CALL_DIRECTIONS),
  startedAt: z.string(),
  durationSeconds: z.number().int(),
  summary: z.string(),
  recordedBy: userRef.nullable(),
  createdAt: z.string(),
});
export type CallLogView = z.infer<typeof callLogView>;

export const linkedConversationView = z.object({
  id: z.string(),
  inboxId: z.string(),
  status: z.string(),
  linkedAt: z.string(),
  /** Messages copied into the ticket's transcript when it was linked. */
  transcriptMessages: z.number().int(),
});

export const transitionBlocker = z.object({
  /** A requirement (resolutionApproved …), `permission`, `requiredFields` or `tasksOpen`. */
  code: z.string(),
  message: z.string(),
  fields: z.array(z.string()).optional(),
});
export type TransitionBlocker = z.infer<typeof transitionBlocker>;

export const transitionOption = z.object({
  key: z.string(),
  name: z.string(),
  to: ticketStateView,
  allowed: z.boolean(),
  blockers: z.array(transitionBlocker),
});
export type TransitionOption = z.infer<typeof transitionOption>;

/** A field's label and kind, for views that cannot read the type (department users). */
export const formFieldSummary = z.object({ key: z.string(), label: z.string(), kind: z.enum(TICKET_FIELD_KINDS) });

/**
 * The staff view of a ticket. Personal data is masked: the contact's phone and email, phone fields, fields the
 * form marks personal, and call numbers; `POST /api/tickets/:id/reveal` (audited) shows one value.
 */
export const ticketView = ticketSummary.extend({
  access: z.literal('full'),
  description: z.string(),
  contact: contactSummary,
  watchers: z.array(userRef),
  /** The recorder (记录人): who created the ticket; the system sets it. Null for the widget and phone-less API. */
  recordedBy: userRef.nullable(),
  /** Form values by key; attachments as files, personal values masked. */
  fields: z.record(z.string(), z.unknown()),
  typeVersion: z.number().int(),
  orderNumbers: z.array(z.string()),
  conversations: z.array(linkedConversationView),
  /** The current resolution (the latest proposed), null before any. */
  resolution: resolutionView.nullable(),
  /** Every resolution proposed, newest first. */
  resolutions: z.array(resolutionView),
  followUps: z.array(followUpView),
  calls: z.array(callLogView),
  tasks: z.array(ticketTaskView),
  /** Manual transitions out of the current state, with what blocks each for this caller. */
  transitions: z.array(transitionOption),
  /** Events the current state waits for (resolution.proposed, followUp.satisfied …): the actions to offer. */
  awaiting: z.array(z.enum(WORKFLOW_TRIGGERS)),
  reopenCount: z.number().int(),
});
export type TicketView = z.infer<typeof ticketView>;

/**
 * What a department user sees of a ticket one of their tasks belongs to: the facts to do the task, the approved
 * plan, and their own tasks. Personal fields and the contact's details appear only when a task shares them.
 */
export const restrictedTicketView = z.object({
  access: z.literal('restricted'),
  id: z.string(),
  number: z.string(),
  title: z.string(),
  description: z.string(),
  type: z.object({ id: z.string(), name: z.string() }),
  state: ticketStateView,
  priority: ticketPriority,
  contact: z.object({ name: z.string(), phone: z.string().nullable(), email: z.string().nullable() }),
  fields: z.record(z.string(), z.unknown()),
  form: z.array(formFieldSummary),
  /** Personal fields left out because no task of the caller shares the customer's details. */
  hiddenFields: z.array(z.string()),
  orderNumbers: z.array(z.string()),
  resolution: z.object({ summary: z.string(), compensationAmount: z.number() }).nullable(),
  tasks: z.array(ticketTaskView),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type RestrictedTicketView = z.infer<typeof restrictedTicketView>;

export const anyTicketView = z.discriminatedUnion('access', [ticketView, restrictedTicketView]);
export type AnyTicketView = z.infer<typeof anyTicketView>;

export const TIMELINE_ACTIONS = [
  'created',
  'updated',
  'transitioned',
  'resolution.proposed',
  'approval.approved',
  'approval.rejected',
  'customer.accepted',
  'customer.rejected',
  'follow_up.recorded',
  'task.created',
  'task.updated',
  'task.completed',
  'task.cancelled',
  'task.reopened',
  'task.replied',
  'task.overdue',
  'comment.added',
  'reply.sent',
  'call.logged',
  'conversation.linked',
  'promise.reminded',
  'promise.overdue',
  'sla.applied',
  'sla.warning',
  'sla.breached',
] as const;
export type TimelineAction = (typeof TIMELINE_ACTIONS)[number];

/**
 * One entry of a ticket's timeline. Changes to the ticket carry the version they produced (one version may have
 * several entries, one per field); appended things (comments, replies, calls, task replies, reminders) carry
 * null and leave the version alone.
 */
export const timelineEntryView = z.object({
  id: z.string(),
  version: z.number().int().nullable(),
  action: z.enum(TIMELINE_ACTIONS),
  field: z.string().nullable(),
  from: z.unknown(),
  to: z.unknown(),
  actor: z.object({
    type: z.enum(['user', 'contact', 'system']),
    id: z.string().nullable(),
    name: z.string().nullable(),
  }),
  detail: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
});
export type TimelineEntryView = z.infer<typeof timelineEntryView>;
export const timelineResponse = z.object({ items: z.array(timelineEntryView), nextCursor: z.string().nullable() });

export const ticketCommentView = z.object({
  id: z.string(),
  /** internal: staff only; public: sent to the customer; task: a department task's thread; customer: from the widget. */
  kind: z.enum(COMMENT_KINDS),
  body: z.string(),
  author: z.object({
    type: z.enum(['user', 'contact', 'system']),
    id: z.string().nullable(),
    name: z.string().nullable(),
  }),
  mentions: z.array(userRef),
  taskId: z.string().nullable(),
  /** Where a public reply went: the live-chat conversation and the message posted there. */
  conversationId: z.string().nullable(),
  messageId: z.string().nullable(),
  files: z.array(ticketFileView),
  createdAt: z.string(),
});
export type TicketCommentView = z.infer<typeof ticketCommentView>;
export const commentListResponse = z.object({ items: z.array(ticketCommentView), nextCursor: z.string().nullable() });

export const transcriptMessageView = z.object({
  seq: z.number().int(),
  kind: z.string(),
  sender: z.object({ type: z.string(), name: z.string().nullable() }),
  content: z.string(),
  attachments: z.array(
    z.object({ id: z.string(), fileName: z.string(), contentType: z.string(), size: z.number(), url: z.string() }),
  ),
  createdAt: z.string(),
});
export const transcriptView = z.object({
  id: z.string(),
  conversationId: z.string(),
  /** The conversation's last message seq at the time of copying. */
  upToSeq: z.number().int(),
  messages: z.array(transcriptMessageView),
  createdAt: z.string(),
});
export const transcriptListResponse = z.object({ items: z.array(transcriptView) });

// ---------- requests ----------

const contactInput = z.object({
  name: nameSchema,
  phone: phoneNumberSchema.optional(),
  email: emailSchema.optional(),
});

export const callLogBody = z.object({
  phoneNumber: phoneNumberSchema,
  direction: z.enum(CALL_DIRECTIONS),
  startedAt: isoDateTime,
  durationSeconds: z.number().int().min(0).max(86_400),
  summary: z.string().trim().max(TICKET_LIMITS.notesMaxLength).default(''),
});
export type CallLogBody = z.infer<typeof callLogBody>;

/**
 * One of `contactId`, `contact` (a new customer, e.g. from a phone call) or `conversationId` (the
 * conversation's customer) names the customer. With `conversationId` the ticket links that conversation and
 * copies its transcript; `title` may then be left out (the customer's first words). `call` logs the phone call
 * the ticket was made from.
 */
export const createTicketBody = z
  .object({
    typeId: idSchema,
    title: title.optional(),
    description: description.default(''),
    priority: ticketPriority.optional(),
    contactId: idSchema.optional(),
    contact: contactInput.optional(),
    conversationId: idSchema.optional(),
    call: callLogBody.optional(),
    categoryId: idSchema.nullable().default(null),
    tags: tags.default([]),
    assigneeId: idSchema.nullable().default(null),
    teamId: idSchema.nullable().default(null),
    watcherIds: watcherIds.default([]),
    fields: ticketFieldValues.default({}),
    orderNumbers: orderNumbers.default([]),
    promisedReplyAt: isoDateTime.nullable().default(null),
  })
  .superRefine((body, ctx) => {
    const named = [body.contactId, body.contact, body.conversationId].filter((v) => v !== undefined).length;
    if (named === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['contactId'],
        message: 'name the customer: contactId, contact or conversationId',
      });
    }
    if (body.contactId !== undefined && body.contact !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['contact'], message: 'give contactId or contact, not both' });
    }
    if (body.title === undefined && body.conversationId === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['title'],
        message: 'is required unless the ticket comes from a conversation',
      });
    }
  });
export type CreateTicketBody = z.infer<typeof createTicketBody>;

/**
 * Fields left out keep their value. `fields` changes only the keys it names (null clears one). `version` is the
 * one last read; if the ticket changed meanwhile the answer is CONFLICT with `details.currentVersion`.
 */
export const updateTicketBody = z
  .object({
    version,
    title: title.optional(),
    description: description.optional(),
    priority: ticketPriority.optional(),
    contactId: idSchema.optional(),
    categoryId: idSchema.nullable().optional(),
    tags: tags.optional(),
    assigneeId: idSchema.nullable().optional(),
    teamId: idSchema.nullable().optional(),
    watcherIds: watcherIds.optional(),
    fields: ticketFieldValues.optional(),
    orderNumbers: orderNumbers.optional(),
    promisedReplyAt: isoDateTime.nullable().optional(),
  })
  .refine((v) => Object.keys(v).some((k) => k !== 'version'), { message: 'nothing to change' });
export type UpdateTicketBody = z.infer<typeof updateTicketBody>;

export const transitionBody = z.object({
  transition: z.string().min(1).max(40),
  version,
  /** An internal comment saved with the change (why). */
  comment: z.string().trim().max(TICKET_LIMITS.commentMaxLength).default(''),
});
export type TransitionBody = z.infer<typeof transitionBody>;

export const proposeResolutionBody = z.object({
  version,
  summary: z.string().trim().min(1).max(TICKET_LIMITS.resolutionSummaryMaxLength),
  compensationAmount: compensationAmount.default(0),
});
export type ProposeResolutionBody = z.infer<typeof proposeResolutionBody>;

/** An approver decides on the current resolution; a rejection says why (it goes back to the agent). */
export const approvalBody = z
  .object({
    resolutionId: idSchema,
    decision: z.enum(['approve', 'reject']),
    reason: z.string().trim().max(TICKET_LIMITS.notesMaxLength).default(''),
  })
  .refine((v) => v.decision !== 'reject' || v.reason.length > 0, {
    message: 'a rejection needs a reason',
    path: ['reason'],
  });
export type ApprovalBody = z.infer<typeof approvalBody>;

/** The customer's decision on the approved resolution, recorded by staff who reached them on `channel`. */
export const customerDecisionBody = z.object({
  version,
  resolutionId: idSchema,
  decision: z.enum(['accept', 'reject']),
  channel: contactChannel,
  note: z.string().trim().max(TICKET_LIMITS.notesMaxLength).default(''),
});
export type CustomerDecisionBody = z.infer<typeof customerDecisionBody>;

/** The follow-up record (回访记录): who (the caller), when, how, satisfied or not, notes. */
export const followUpBody = z.object({
  version,
  contactedAt: isoDateTime.optional(),
  channel: contactChannel,
  satisfied: z.boolean(),
  notes: z.string().trim().max(TICKET_LIMITS.notesMaxLength).default(''),
});
export type FollowUpBody = z.infer<typeof followUpBody>;

/** An internal comment; `mentionIds` (@) notify those colleagues and make them watchers. */
export const commentBody = z.object({
  body: z.string().trim().min(1).max(TICKET_LIMITS.commentMaxLength),
  mentionIds: z.array(idSchema).max(TICKET_LIMITS.mentionsMax).default([]),
  attachmentIds: z.array(idSchema).max(TICKET_LIMITS.attachmentsPerComment).default([]),
});
export type CommentBody = z.infer<typeof commentBody>;

/** A public reply: posted into the linked live-chat conversation (the newest one unless `conversationId`). */
export const replyBody = z.object({
  body: z.string().trim().min(1).max(TICKET_LIMITS.commentMaxLength),
  conversationId: idSchema.optional(),
  attachmentIds: z.array(idSchema).max(TICKET_LIMITS.attachmentsPerComment).default([]),
  /** Send although the text has a sensitive word set to warn. */
  confirmSensitive: z.boolean().default(false),
});
export type ReplyBody = z.infer<typeof replyBody>;

export const linkConversationBody = z.object({ conversationId: idSchema });

/** Reveal one masked value: a form field (by key) or a call's number (by call id); the reason is audited. */
export const ticketRevealBody = z.object({
  target: z.enum(['field', 'call']),
  key: z.string().min(1).max(64),
  reason: z.string().trim().min(2).max(200),
});
export const ticketRevealResponse = z.object({ value: z.string().nullable() });

const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

/**
 * Built-in views (工作视图) of the ticket list, each an open-tickets queue: mine, my teams', unassigned, an SLA
 * clock due within two hours, an SLA clock past due, waiting on approval, waiting on the follow-up (回访).
 */
export const TICKET_VIEWS = [
  'mine',
  'team',
  'unassigned',
  'dueSoon',
  'breached',
  'awaitingApproval',
  'awaitingFollowUp',
] as const;
export type TicketViewKey = (typeof TICKET_VIEWS)[number];

export const ticketListQuery = pageQuery.extend({
  /** A built-in view; the other filters narrow it further. */
  view: z.enum(TICKET_VIEWS).optional(),
  typeId: idSchema.optional(),
  state: z.string().max(40).optional(),
  stateCategory: z.enum(WORKFLOW_STATE_CATEGORIES).optional(),
  /** Leave closed tickets out. */
  active: booleanQuery.optional(),
  /** `me`, `none` (unassigned) or a user id. */
  assignee: z.union([z.enum(['me', 'none']), idSchema]).optional(),
  teamId: idSchema.optional(),
  priority: ticketPriority.optional(),
  contactId: idSchema.optional(),
  categoryId: idSchema.optional(),
  tag: tag.optional(),
  /** The promised reply time has passed unkept. */
  overdue: booleanQuery.optional(),
  /** A ticket number, or words of the title. */
  q: z.string().trim().min(1).max(100).optional(),
});
export type TicketListQuery = z.infer<typeof ticketListQuery>;

// ---------- widget ----------

export const widgetTicketTypeView = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  /** Only the fields the customer fills (inWidget). */
  fields: z.array(z.record(z.string(), z.unknown())),
});
export const widgetTicketTypeListResponse = z.object({ items: z.array(widgetTicketTypeView) });

export const widgetCreateTicketBody = z.object({
  typeId: idSchema,
  title,
  description: description.default(''),
  fields: ticketFieldValues.default({}),
});
export type WidgetCreateTicketBody = z.infer<typeof widgetCreateTicketBody>;

/** What the customer sees of their ticket: its progress, our public replies, and a plan awaiting their decision. */
export const widgetTicketView = z.object({
  id: z.string(),
  number: z.string(),
  title: z.string(),
  typeName: z.string(),
  state: ticketStateView,
  createdAt: z.string(),
  updatedAt: z.string(),
  pendingDecision: z
    .object({ resolutionId: z.string(), summary: z.string(), compensationAmount: z.number() })
    .nullable(),
  replies: z.array(
    z.object({
      id: z.string(),
      body: z.string(),
      author: z.string().nullable(),
      /** What the reply carried into the chat; capability URLs, as in the chat itself. */
      attachments: z.array(attachmentView),
      createdAt: z.string(),
    }),
  ),
});
export type WidgetTicketView = z.infer<typeof widgetTicketView>;
export const widgetTicketListResponse = z.object({ items: z.array(widgetTicketView) });

export const widgetDecisionBody = z.object({
  resolutionId: idSchema,
  decision: z.enum(['accept', 'reject']),
  note: z.string().trim().max(TICKET_LIMITS.notesMaxLength).default(''),
});
export type WidgetDecisionBody = z.infer<typeof widgetDecisionBody>;

export const ticketFileParams = z.object({ id: idSchema, fileId: idSchema });
