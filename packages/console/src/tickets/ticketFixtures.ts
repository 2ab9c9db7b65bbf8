import {
  complaintType,
  createTicketTypeBody,
  defaultTicketTypes,
  type TicketSummary,
  type TicketTaskView,
  type TicketTypeView,
  type TicketView,
} from '@kefu/shared';
import { sessionFor } from '../test/fixtures';
import { testId } from '../test/inboxFixtures';

/** Test data for the ticket pages, shaped like the server's answers. */
export const COMPLAINT_ID = testId(7001);
export const INQUIRY_ID = testId(7002);
export const TICKET_ID = testId(7101);
export const CONTACT_ID = testId(7201);
export const WAREHOUSE_TEAM_ID = testId(7301);
export const AGENT = sessionFor('agent').user;
export const SUPERVISOR = sessionFor('supervisor').user;
export const DEPARTMENT = sessionFor('department').user;

function typeView(id: string, input: ReturnType<typeof complaintType>, position: number): TicketTypeView {
  const body = createTicketTypeBody.parse(input);
  return {
    id,
    ...body,
    position,
    ticketCount: 0,
    version: 1,
    createdAt: '2026-03-01T00:00:00.000Z',
    updatedAt: '2026-03-01T00:00:00.000Z',
  };
}

export function complaintTypeView(): TicketTypeView {
  return typeView(COMPLAINT_ID, complaintType(), 1);
}

/** 咨询: one required select, the simple workflow. */
export function inquiryTypeView(): TicketTypeView {
  const inquiry = defaultTicketTypes().find((type) => type.name === '咨询');
  if (!inquiry) throw new Error('the templates lost 咨询');
  return typeView(INQUIRY_ID, inquiry, 0);
}

export function ticketSummary(overrides: Partial<TicketSummary> = {}): TicketSummary {
  return {
    id: TICKET_ID,
    number: 'T-20260302-0001',
    title: '保温杯漏水',
    type: { id: COMPLAINT_ID, name: '投诉' },
    state: { key: 'processing', name: '处理中', category: 'open' },
    priority: 'high',
    source: 'conversation',
    contact: { id: CONTACT_ID, name: '王先生' },
    assignee: { id: AGENT.id, name: AGENT.name },
    team: null,
    categoryId: null,
    tags: [],
    promisedReply: null,
    sla: null,
    openTaskCount: 0,
    createdAt: '2026-03-02T02:00:00.000Z',
    updatedAt: '2026-03-02T02:00:00.000Z',
    closedAt: null,
    version: 3,
    ...overrides,
  };
}

export function ticketView(overrides: Partial<TicketView> = {}): TicketView {
  return {
    ...ticketSummary(),
    access: 'full',
    description: '新买的保温杯漏水',
    contact: { id: CONTACT_ID, name: '王先生', phone: '139****1111', email: null, verified: false },
    watchers: [{ id: AGENT.id, name: AGENT.name }],
    recordedBy: { id: AGENT.id, name: AGENT.name },
    fields: { company: '悦家贸易', phone: '139****1111', reason: '新买的保温杯漏水', product: '304 保温杯' },
    typeVersion: 1,
    orderNumbers: [],
    conversations: [],
    resolution: null,
    resolutions: [],
    followUps: [],
    calls: [],
    tasks: [],
    transitions: [],
    awaiting: ['resolution.proposed'],
    reopenCount: 0,
    ...overrides,
  };
}

export function taskView(overrides: Partial<TicketTaskView> = {}): TicketTaskView {
  return {
    id: testId(7401),
    ticket: { id: TICKET_ID, number: 'T-20260302-0001', title: '保温杯漏水' },
    team: { id: WAREHOUSE_TEAM_ID, name: '仓库' },
    owner: null,
    title: '补发一个新杯子',
    instructions: '按收货地址补发 500ml 款',
    dueAt: null,
    overdue: false,
    status: 'open',
    shareContact: true,
    result: '',
    createdBy: { id: AGENT.id, name: AGENT.name },
    completedBy: null,
    completedAt: null,
    createdAt: '2026-03-02T03:00:00.000Z',
    updatedAt: '2026-03-02T03:00:00.000Z',
    version: 1,
    ...overrides,
  };
}
