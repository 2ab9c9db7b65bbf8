import type { Role } from '@kefu/shared';
import { recordAudit } from '../audit/auditRecorder.js';
import { hashPassword } from '../auth/passwords.js';
import { demoCalendarSeeder } from '../businessHours/demoCalendar.js';
import type { AppContext } from '../context.js';
import { newId } from '../db/ids.js';
import { inboxCreator } from '../inboxes/inboxCommands.js';
import { listInboxes } from '../inboxes/inboxRepository.js';
import { demoKnowledgeSeeder } from '../knowledge/demoKnowledge.js';
import { demoRoutingSettings } from '../routing/demoRouting.js';
import { demoSlaPoliciesSeeder } from '../sla/demoSlaPolicies.js';
import { addTeamMembers, findTeamByName, insertTeam } from '../teams/teamRepository.js';
import { defaultTicketTypesSeeder } from '../ticketTypes/defaultTicketTypes.js';
import { findUserByEmail, insertUser } from '../users/userRepository.js';

interface DemoUser {
  email: string;
  name: string;
  role: Role;
  teams: string[];
}

export const DEMO_INBOX_NAME = '官网在线客服';

const DEMO_TEAMS = [
  { name: '售前', kind: 'skill', description: '商品咨询、优惠活动、下单指导' },
  { name: '售后', kind: 'skill', description: '退换货、物流查询、投诉受理' },
  { name: '技术支持', kind: 'skill', description: '账户登录、App 使用、支付故障' },
  { name: '技术部', kind: 'department', description: '协办：故障诊断与修复' },
  { name: '仓库', kind: 'department', description: '协办：补发、换货出库' },
  { name: '财务', kind: 'department', description: '协办：退款、发票' },
] as const;

const DEMO_USERS: DemoUser[] = [
  { email: 'zhuguan@demo.kefu.local', name: '王主管', role: 'supervisor', teams: ['售前', '售后', '技术支持'] },
  { email: 'xiaoli@demo.kefu.local', name: '李晓', role: 'agent', teams: ['售前'] },
  { email: 'xiaozhang@demo.kefu.local', name: '张敏', role: 'agent', teams: ['售后'] },
  { email: 'xiaochen@demo.kefu.local', name: '陈静', role: 'agent', teams: ['售后', '技术支持'] },
  { email: 'jishu@demo.kefu.local', name: '赵工', role: 'department', teams: ['技术部'] },
  { email: 'cangku@demo.kefu.local', name: '孙库管', role: 'department', teams: ['仓库'] },
];

/**
 * Fills a workspace with the demo shop's teams and staff. Idempotent: what exists already is kept,
 * so `kefu seed demo` can run again safely.
 */
export async function demoSeeder(
  ctx: AppContext,
  accountId: string,
  password: string,
): Promise<{ created: string[]; inboxCreated: boolean }> {
  const passwordHash = await hashPassword(password);
  const now = ctx.clock.now();
  const created: string[] = [];
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const teamIds = new Map<string, string>();
    const newTeams = new Set<string>();
    for (const team of DEMO_TEAMS) {
      const existing = await findTeamByName(trx, accountId, team.name);
      if (existing) {
        teamIds.set(team.name, existing.id);
        continue;
      }
      const id = newId(now);
      await insertTeam(trx, { id, account_id: accountId, ...team, created_at: now, updated_at: now });
      teamIds.set(team.name, id);
      newTeams.add(team.name);
    }
    // Memberships are added only where the team or the user is new: a re-run must not undo the
    // membership changes an admin has made since.
    const members = new Map<string, string[]>();
    for (const user of DEMO_USERS) {
      const existing = await findUserByEmail(trx, user.email);
      // Emails are unique across workspaces; a demo user of another workspace is not ours to use.
      if (existing && existing.account_id !== accountId) continue;
      let id = existing?.id;
      if (!id) {
        id = newId(now);
        await insertUser(trx, {
          id,
          accountId,
          email: user.email,
          name: user.name,
          role: user.role,
          status: 'active',
          locale: 'zh-CN',
          passwordHash,
          now,
        });
        created.push(user.email);
      }
      const isNew = !existing;
      for (const team of user.teams) {
        if (isNew || newTeams.has(team)) members.set(team, [...(members.get(team) ?? []), id]);
      }
    }
    for (const [team, userIds] of members) await addTeamMembers(trx, accountId, teamIds.get(team)!, userIds, now);
    if (newTeams.size === 0 && created.length === 0) return;
    const system = { accountId, userId: null, name: 'system', ip: null };
    await recordAudit(
      trx,
      system,
      { action: 'team.created', details: { demo: true, teams: [...newTeams], users: created } },
      now,
    );
  });
  const inboxCreated = (await listInboxes(ctx.db.kysely, accountId)).length === 0;
  if (inboxCreated) {
    const system = { accountId, userId: null, name: 'system', ip: null };
    const settings = await demoRoutingSettings(ctx.db.kysely, accountId);
    await inboxCreator(ctx, system, { name: DEMO_INBOX_NAME, settings });
  }
  await demoCalendarSeeder(ctx, accountId);
  // The demo shop's ticket types (咨询, 投诉, 建议, 退换货, 技术故障) and categories.
  await defaultTicketTypesSeeder(ctx, accountId);
  // Service levels for complaints, urgent tickets and the rest, on the demo calendar.
  await demoSlaPoliciesSeeder(ctx, accountId);
  await demoKnowledgeSeeder(ctx, accountId);
  return { created, inboxCreated };
}
