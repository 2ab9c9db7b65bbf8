import type { CreateSlaPolicyBody } from '@kefu/shared';
import { findBusinessCalendarByName } from '../businessHours/businessCalendarRepository.js';
import { DEMO_CALENDAR_NAME } from '../businessHours/demoCalendar.js';
import type { AppContext } from '../context.js';
import { findTicketTypeByName } from '../ticketTypes/ticketTypeRepository.js';
import { slaPolicyCreator } from './slaPolicyCommands.js';
import { findSlaPolicyByName } from './slaPolicyRepository.js';

const HOUR = 60;

const breach = {
  notifySupervisors: true,
  notifyUserIds: [],
  raisePriority: false,
  reassignToUserId: null,
  reassignToTeamId: null,
};

/** The demo shop's service levels, tried in this order: urgent tickets around the clock, complaints, the rest. */
function demoPolicies(calendarId: string | null, complaintTypeId: string | null): CreateSlaPolicyBody[] {
  const none = { typeIds: [], priorities: [], customerTags: [], ticketTags: [] };
  const policies: (CreateSlaPolicyBody | null)[] = [
    {
      name: '紧急工单',
      description: '紧急优先级：全天候计时',
      enabled: true,
      conditions: { ...none, priorities: ['urgent'] },
      calendarId: null,
      targets: { firstResponseMinutes: 30, nextResponseMinutes: HOUR, resolutionMinutes: 24 * HOUR },
      warning: { mode: 'percent', value: 80 },
      onBreach: breach,
      pauseWhenPending: true,
    },
    complaintTypeId === null
      ? null
      : {
          name: '投诉处理时限',
          description: '投诉：1 小时内首次响应，36 个营业小时内解决；超时提高优先级并通知主管',
          enabled: true,
          conditions: { ...none, typeIds: [complaintTypeId] },
          calendarId,
          targets: { firstResponseMinutes: HOUR, nextResponseMinutes: 2 * HOUR, resolutionMinutes: 36 * HOUR },
          warning: { mode: 'minutes', value: 15 },
          onBreach: { ...breach, raisePriority: true },
          pauseWhenPending: true,
        },
    {
      name: '标准服务',
      description: '其他工单：4 小时内首次响应，60 个营业小时内解决',
      enabled: true,
      conditions: none,
      calendarId,
      targets: { firstResponseMinutes: 4 * HOUR, nextResponseMinutes: 8 * HOUR, resolutionMinutes: 60 * HOUR },
      warning: { mode: 'percent', value: 80 },
      onBreach: breach,
      pauseWhenPending: true,
    },
  ];
  return policies.filter((p): p is CreateSlaPolicyBody => p !== null);
}

/**
 * Adds the demo SLA policies the workspace does not have yet (by name), on the demo calendar. Run after the
 * demo calendar and ticket types exist; without the complaint type the complaint policy is not added.
 */
export async function demoSlaPoliciesSeeder(ctx: AppContext, accountId: string): Promise<string[]> {
  const db = ctx.db.kysely;
  const calendar = await findBusinessCalendarByName(db, accountId, DEMO_CALENDAR_NAME);
  const complaint = await findTicketTypeByName(db, accountId, '投诉');
  const system = { accountId, userId: null, name: 'system', ip: null };
  const created: string[] = [];
  for (const policy of demoPolicies(calendar?.id ?? null, complaint?.id ?? null)) {
    if (await findSlaPolicyByName(db, accountId, policy.name)) continue;
    await slaPolicyCreator(ctx, system, policy);
    created.push(policy.name);
  }
  return created;
}
