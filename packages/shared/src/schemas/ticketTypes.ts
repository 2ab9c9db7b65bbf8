import { z } from 'zod';
import { LIMITS } from '../limits.js';
import { idSchema } from './common.js';
import {
  BUILT_IN_REQUIRABLE_FIELDS,
  type WorkflowDefinition,
  workflowDefinition,
  workflowProblems,
} from './workflows.js';

/**
 * Ticket types (工单类型) and their forms. Each type has a form of custom fields and a workflow (workflows.ts);
 * the server validates values against the form and every state change against the workflow.
 */
export const TICKET_FIELD_KINDS = [
  'text',
  'number',
  'date',
  'datetime',
  'select',
  'cascade',
  'phone',
  'attachment',
] as const;
export type TicketFieldKind = (typeof TICKET_FIELD_KINDS)[number];

export const TICKET_TYPE_LIMITS = {
  fieldsPerForm: 40,
  optionsPerField: 200,
  cascadeDepth: 4,
  textMaxLength: 5000,
  attachmentsPerField: 10,
  typesPerWorkspace: 50,
  categoryDepth: 3,
  categoriesPerWorkspace: 500,
} as const;

export const fieldKeySchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, { message: 'must be lower-case letters, digits and _ (starting with a letter)' });

const fieldOption = z.object({
  value: z.string().trim().min(1).max(50),
  label: z.string().trim().min(1).max(100),
});

/** A cascading select's options as a flat list: each names its parent's value (null at the top), parents first. */
const cascadeOption = fieldOption.extend({ parent: z.string().trim().min(1).max(50).nullable().default(null) });
export type CascadeOption = z.infer<typeof cascadeOption>;

export const ticketFieldDefinition = z
  .object({
    key: fieldKeySchema,
    label: z.string().trim().min(1).max(50),
    kind: z.enum(TICKET_FIELD_KINDS),
    required: z.boolean().default(false),
    helpText: z.string().trim().max(200).default(''),
    /**
     * Personal data (PIPL): masked in staff views (phones always are), and hidden from department users unless
     * their task shares the customer's details.
     */
    personal: z.boolean().default(false),
    /** The customer fills it in the widget's ticket form. */
    inWidget: z.boolean().default(false),
    /** text: length bounds; a multi-line box. */
    minLength: z.number().int().min(0).max(TICKET_TYPE_LIMITS.textMaxLength).optional(),
    maxLength: z.number().int().min(1).max(TICKET_TYPE_LIMITS.textMaxLength).optional(),
    multiline: z.boolean().optional(),
    /** number: bounds and decimal places (0 for whole numbers). */
    min: z.number().optional(),
    max: z.number().optional(),
    decimals: z.number().int().min(0).max(4).optional(),
    /** date and datetime: the value may not lie in the future (the time of an incident). */
    notInFuture: z.boolean().optional(),
    /** select: the choices; `multiple` takes a list. */
    options: z.array(fieldOption).max(TICKET_TYPE_LIMITS.optionsPerField).optional(),
    multiple: z.boolean().optional(),
    /** cascade (级联选择): the tree as a flat list; a value is the path of values from the top to a leaf. */
    cascadeOptions: z.array(cascadeOption).max(TICKET_TYPE_LIMITS.optionsPerField).optional(),
    /** attachment: how many files at most. */
    maxFiles: z.number().int().min(1).max(TICKET_TYPE_LIMITS.attachmentsPerField).optional(),
  })
  .superRefine((field, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if ((BUILT_IN_REQUIRABLE_FIELDS as readonly string[]).includes(field.key)) {
      issue('key', `${field.key} is a built-in ticket field; choose another key`);
    }
    if (field.minLength !== undefined && field.maxLength !== undefined && field.minLength > field.maxLength) {
      issue('maxLength', 'must not be below minLength');
    }
    if (field.min !== undefined && field.max !== undefined && field.min > field.max)
      issue('max', 'must not be below min');
    if (field.kind === 'select') {
      if (!field.options || field.options.length === 0) issue('options', 'a select needs at least one option');
      else if (new Set(field.options.map((o) => o.value)).size !== field.options.length) {
        issue('options', 'option values must be unique');
      }
    }
    if (field.kind === 'cascade') {
      const problem = cascadeProblem(field.cascadeOptions ?? []);
      if (problem) issue('cascadeOptions', problem);
    }
  });
export type TicketFieldDefinition = z.infer<typeof ticketFieldDefinition>;
export type TicketFieldDefinitionInput = z.input<typeof ticketFieldDefinition>;

function cascadeProblem(options: CascadeOption[]): string | undefined {
  if (options.length === 0) return 'a cascading select needs options';
  const depth = new Map<string, number>();
  for (const option of options) {
    if (depth.has(option.value)) return `option value ${option.value} is listed twice`;
    if (option.parent === null) depth.set(option.value, 1);
    else {
      const parentDepth = depth.get(option.parent);
      if (parentDepth === undefined) return `option ${option.value} names a parent that is not listed before it`;
      if (parentDepth >= TICKET_TYPE_LIMITS.cascadeDepth) return `at most ${TICKET_TYPE_LIMITS.cascadeDepth} levels`;
      depth.set(option.value, parentDepth + 1);
    }
  }
  return undefined;
}

/** Personal fields: phones always are, whatever the form says. */
export const isPersonalField = (field: Pick<TicketFieldDefinition, 'kind' | 'personal'>) =>
  field.personal || field.kind === 'phone';

export const ticketForm = z
  .array(ticketFieldDefinition)
  .max(TICKET_TYPE_LIMITS.fieldsPerForm)
  .superRefine((fields, ctx) => {
    const seen = new Set<string>();
    fields.forEach((field, index) => {
      if (seen.has(field.key)) ctx.addIssue({ code: 'custom', path: [index, 'key'], message: 'is used twice' });
      seen.add(field.key);
    });
  });

/** What a form value may look like on the wire; the server checks it against the field's definition. */
export const ticketFieldValues = z.record(fieldKeySchema, z.unknown());
export type TicketFieldValues = z.infer<typeof ticketFieldValues>;

export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const ticketPriority = z.enum(TICKET_PRIORITIES);
export type TicketPriority = z.infer<typeof ticketPriority>;

export const ticketTypeView = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  enabled: z.boolean(),
  /** Customers may submit this type from the widget. */
  widgetEnabled: z.boolean(),
  defaultPriority: ticketPriority,
  fields: z.array(ticketFieldDefinition),
  workflow: workflowDefinition,
  position: z.number().int(),
  /** Tickets of this type (any state). */
  ticketCount: z.number().int(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TicketTypeView = z.infer<typeof ticketTypeView>;
export const ticketTypeListResponse = z.object({ items: z.array(ticketTypeView) });

const typeName = z.string().trim().min(1).max(30);

/** Workflow problems become issues at `workflow.…` paths, so a form shows them where they belong. */
function refineTypeDefinition(
  value: { fields?: TicketFieldDefinition[] | undefined; workflow?: WorkflowDefinition | undefined },
  ctx: z.RefinementCtx,
) {
  if (!value.workflow || !value.fields) return;
  for (const problem of workflowProblems(value.workflow, value.fields)) {
    ctx.addIssue({ code: 'custom', path: ['workflow', ...problem.path], message: problem.message });
  }
}

export const createTicketTypeBody = z
  .object({
    name: typeName,
    description: z.string().trim().max(LIMITS.descriptionMaxLength).default(''),
    enabled: z.boolean().default(true),
    widgetEnabled: z.boolean().default(false),
    defaultPriority: ticketPriority.default('normal'),
    fields: ticketForm.default([]),
    workflow: workflowDefinition,
  })
  .superRefine(refineTypeDefinition);
export type CreateTicketTypeBody = z.infer<typeof createTicketTypeBody>;
export type CreateTicketTypeInput = z.input<typeof createTicketTypeBody>;

/**
 * Fields left out keep their value. `version` is the one last read: a change made meanwhile by someone else
 * is a CONFLICT, not silently overwritten. A new form is checked against the saved workflow and the other
 * way round, on the server.
 */
export const updateTicketTypeBody = z.object({
  version: z.number().int().min(1),
  name: typeName.optional(),
  description: z.string().trim().max(LIMITS.descriptionMaxLength).optional(),
  enabled: z.boolean().optional(),
  widgetEnabled: z.boolean().optional(),
  defaultPriority: ticketPriority.optional(),
  fields: ticketForm.optional(),
  workflow: workflowDefinition.optional(),
  position: z.number().int().min(0).max(1000).optional(),
});
export type UpdateTicketTypeBody = z.infer<typeof updateTicketTypeBody>;

/** The category tree (分类): admin-managed, at most three levels. */
export const ticketCategoryView = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  name: z.string(),
  /** Names from the top down, e.g. ["产品质量", "破损"]. */
  path: z.array(z.string()),
  position: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TicketCategoryView = z.infer<typeof ticketCategoryView>;
/** Depth-first: each category follows its parent, siblings by position then name. */
export const ticketCategoryListResponse = z.object({ items: z.array(ticketCategoryView) });

const categoryName = z.string().trim().min(1).max(50);

export const createTicketCategoryBody = z.object({
  name: categoryName,
  parentId: idSchema.nullable().default(null),
  position: z.number().int().min(0).max(1000).default(0),
});
export type CreateTicketCategoryBody = z.infer<typeof createTicketCategoryBody>;

export const updateTicketCategoryBody = z
  .object({ name: categoryName, parentId: idSchema.nullable(), position: z.number().int().min(0).max(1000) })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change' });
export type UpdateTicketCategoryBody = z.infer<typeof updateTicketCategoryBody>;
