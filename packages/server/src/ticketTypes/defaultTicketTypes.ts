import { createTicketTypeBody, defaultTicketTypes } from '@kefu/shared';
import type { AuditActor } from '../audit/auditRecorder.js';
import type { AppContext } from '../context.js';
import { newId } from '../db/ids.js';
import type { Executor } from '../db/transaction.js';
import { insertTicketCategory, listTicketCategories } from './categoryRepository.js';
import { ticketTypeCreator } from './ticketTypeCommands.js';
import { findTicketTypeByName } from './ticketTypeRepository.js';

const DEMO_CATEGORIES: { name: string; children: string[] }[] = [
  { name: '产品质量', children: ['破损', '功能故障', '与描述不符'] },
  { name: '物流配送', children: ['延迟', '丢件'] },
  { name: '服务态度', children: [] },
  { name: '账户与支付', children: ['登录', '支付失败', '退款进度'] },
];

/**
 * The five default ticket types (咨询, 投诉, 建议, 退换货, 技术故障) and a starter category tree. Idempotent:
 * a type whose name exists is left as the admin made it, and categories are added only to an empty tree.
 */
export async function defaultTicketTypesSeeder(ctx: AppContext, accountId: string): Promise<string[]> {
  const system: AuditActor = { accountId, userId: null, name: 'system', ip: null };
  const created: string[] = [];
  await ctx.db.kysely.transaction().execute(async (trx) => {
    for (const template of defaultTicketTypes()) {
      const body = createTicketTypeBody.parse(template);
      if (await findTicketTypeByName(trx, accountId, body.name)) continue;
      await ticketTypeCreator(ctx, system, body, trx);
      created.push(body.name);
    }
    await seedCategories(trx, accountId, ctx.clock.now());
  });
  return created;
}

async function seedCategories(trx: Executor, accountId: string, now: number): Promise<void> {
  if ((await listTicketCategories(trx, accountId)).length > 0) return;
  for (const [position, top] of DEMO_CATEGORIES.entries()) {
    const id = newId(now);
    const base = { account_id: accountId, created_at: now, updated_at: now };
    await insertTicketCategory(trx, { ...base, id, parent_id: null, parent_key: '', name: top.name, position });
    for (const [childPosition, child] of top.children.entries()) {
      await insertTicketCategory(trx, {
        ...base,
        id: newId(now),
        parent_id: id,
        parent_key: id,
        name: child,
        position: childPosition,
      });
    }
  }
}
