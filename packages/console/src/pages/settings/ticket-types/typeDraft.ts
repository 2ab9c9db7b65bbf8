import {
  type CreateTicketTypeBody,
  createTicketTypeBody,
  defaultTicketTypes,
  simpleWorkflow,
  type TicketTypeView,
  workflowDefinition,
} from '@kefu/shared';

/** A type being edited: every field spelled out (the schema's defaults applied), so inputs always have a value. */
export type TypeDraft = CreateTicketTypeBody;

export interface TypeTemplate {
  key: string;
  draft: TypeDraft;
}

/** The shipped templates (咨询, 投诉, 建议, 退换货, 技术故障) and a blank type with the simple workflow. */
export function typeTemplates(): TypeTemplate[] {
  return [
    ...defaultTicketTypes().map((input, index) => ({
      key: `template-${index}`,
      draft: createTicketTypeBody.parse(input),
    })),
    {
      key: 'blank',
      draft: {
        name: '',
        description: '',
        enabled: true,
        widgetEnabled: false,
        defaultPriority: 'normal',
        fields: [],
        workflow: workflowDefinition.parse(simpleWorkflow()),
      },
    },
  ];
}

export function draftOf(type: TicketTypeView): TypeDraft {
  return {
    name: type.name,
    description: type.description,
    enabled: type.enabled,
    widgetEnabled: type.widgetEnabled,
    defaultPriority: type.defaultPriority,
    fields: type.fields,
    workflow: type.workflow,
  };
}

export interface DraftProblem {
  path: (string | number)[];
  message: string;
}

/** Everything the server would refuse in the draft, checked with the same schema (workflowProblems included). */
export function draftProblems(draft: TypeDraft): DraftProblem[] {
  const result = createTicketTypeBody.safeParse(draft);
  if (result.success) return [];
  return result.error.issues.map((issue) => ({
    path: issue.path.filter((part): part is string | number => typeof part !== 'symbol'),
    message: issue.message,
  }));
}
