import { recordAudit } from '../audit/auditRecorder.js';
import type { AppContext } from '../context.js';
import { newId } from '../db/ids.js';
import { insertCategories, type KnowledgeCategoryRow } from './knowledgeCategoryRepository.js';
import { changeKnowledge } from './knowledgeChange.js';
import { newVariantRow } from './knowledgeEntryCommands.js';
import { countEntries, insertEntries, insertVariants, type KnowledgeEntryRow } from './knowledgeEntryRepository.js';
import { insertSynonymGroup } from './synonymRepository.js';

interface DemoEntry {
  category: string;
  kind?: 'faq' | 'article';
  title: string;
  similar: string[];
  answer: string;
}

const DEMO_CATEGORIES: { name: string; en: string }[] = [
  { name: '订单与物流', en: 'Orders & delivery' },
  { name: '退换货与退款', en: 'Returns & refunds' },
  { name: '支付与发票', en: 'Payment & invoices' },
  { name: '账户与会员', en: 'Account & membership' },
];

const DEMO_ENTRIES: DemoEntry[] = [
  {
    category: '订单与物流',
    title: '怎么查询我的订单？',
    similar: ['订单在哪里看', '我的订单怎么查', '查一下订单状态'],
    answer: '登录后进入“我的 - 我的订单”即可看到全部订单和状态。\n没有账号下单的，可以用下单手机号在订单查询页查询。',
  },
  {
    category: '订单与物流',
    title: '下单后多久发货？',
    similar: ['什么时候发货', '怎么还不发货', '今天下单今天能发吗', '几天能发货'],
    answer: '现货商品下午 4 点前付款当天发出，之后次日发出；预售商品以商品页写明的发货时间为准。',
  },
  {
    category: '订单与物流',
    title: '怎么查物流信息？',
    similar: ['我的快递到哪了', '包裹到哪里了', '物流一直不更新'],
    answer:
      '在订单详情里点“查看物流”即可看到最新轨迹。\n物流超过 48 小时没有更新，请把订单号发给在线客服，我们帮您联系快递公司。',
  },
  {
    category: '订单与物流',
    title: '怎么修改收货地址？',
    similar: ['地址填错了怎么办', '能改地址吗', '收货地址写错了'],
    answer: '订单发货前，可在订单详情里点“修改地址”；已经发货的，请联系在线客服，我们尝试联系快递改派。',
  },
  {
    category: '订单与物流',
    title: '运费怎么算？',
    similar: ['包邮吗', '满多少包邮', '偏远地区运费多少'],
    answer: '单笔订单满 **99 元包邮**，不满 99 元收取 8 元运费；新疆、西藏、青海等偏远地区加收 10 元。',
  },
  {
    category: '退换货与退款',
    title: '退换货政策是什么？',
    similar: ['支持七天无理由退货吗', '怎么申请退货', '可以换货吗', '不想要了能退吗'],
    answer:
      '签收后 **7 天内**，商品未使用、包装和吊牌完好，可申请无理由退货；15 天内出现质量问题可换货。\n申请路径：我的订单 - 申请售后。',
  },
  {
    category: '退换货与退款',
    title: '退款多久到账？',
    similar: ['退货后多久退款', '退货退款要多久', '钱什么时候退回来', '退款什么时候到账', '退款几天到账'],
    answer: '退款审核通过后原路退回：\n- 支付宝、微信：1–3 个工作日\n- 银行卡：3–7 个工作日',
  },
  {
    category: '退换货与退款',
    title: '退货运费谁承担？',
    similar: ['退货要自己出运费吗', '寄回的运费能报销吗'],
    answer: '商品质量问题由我们承担来回运费；无理由退货的寄回运费由您承担，已购买运费险的由保险赔付。',
  },
  {
    category: '退换货与退款',
    title: '收到的商品破损怎么办？',
    similar: ['东西坏了', '收到的货是坏的', '商品有质量问题'],
    answer: '请在签收后 48 小时内拍下商品和外包装的照片，发给在线客服，我们核实后为您补发或退款。',
  },
  {
    category: '支付与发票',
    title: '怎么开发票？',
    similar: ['可以开发票吗', '发票抬头怎么填', '能开专票吗', '补开发票'],
    answer:
      '下单时在结算页选择“开具发票”，填写抬头和税号即可，电子发票会在发货后发到您的邮箱。\n已下单的可在订单详情里申请补开。',
  },
  {
    category: '支付与发票',
    title: '支持哪些付款方式？',
    similar: ['可以用花呗吗', '能信用卡支付吗', '支持货到付款吗'],
    answer: '支持支付宝（含花呗分期）、微信支付、银联信用卡和储蓄卡，暂不支持货到付款。',
  },
  {
    category: '账户与会员',
    title: '忘记登录密码怎么办？',
    similar: ['密码忘了', '登录不上去', '怎么重置密码'],
    answer: '在登录页点击“忘记密码”，用注册手机号接收验证码后设置新密码。',
  },
  {
    category: '账户与会员',
    title: '会员积分有什么用？',
    similar: ['积分怎么用', '积分会过期吗', '积分怎么兑换'],
    answer: '积分可在积分商城兑换礼品，或下单时抵扣现金（100 积分抵 1 元）。积分每年 12 月 31 日清零。',
  },
  {
    category: '退换货与退款',
    kind: 'article',
    title: '售后服务说明',
    similar: [],
    answer:
      '## 退货\n签收后 7 天内可无理由退货，商品需未使用、配件齐全。\n\n## 换货\n15 天内出现质量问题可换同款商品，来回运费由我们承担。\n\n## 保修\n电器类商品自签收起保修一年，凭订单号享受保修服务。\n\n如有疑问，请联系在线客服。',
  },
];

/** Words customers use for the same thing; the demo's search treats each group as one word. */
const DEMO_SYNONYMS = [
  ['快递', '物流', '包裹'],
  ['退货', '退款退货'],
  ['专票', '增值税专用发票'],
];

/**
 * The demo shop's knowledge base: four categories, a dozen FAQ entries as a shop would write them, one
 * article and a few synonym groups, all published. Skipped when the workspace has any knowledge entry.
 */
export async function demoKnowledgeSeeder(ctx: AppContext, accountId: string): Promise<boolean> {
  if ((await countEntries(ctx.db.kysely, accountId)) > 0) return false;
  await changeKnowledge(
    ctx,
    accountId,
    async ({ trx, now, revision }) => {
      const categories: KnowledgeCategoryRow[] = DEMO_CATEGORIES.map((category, position) => ({
        id: newId(now),
        account_id: accountId,
        parent_id: null,
        parent_key: '',
        name: category.name,
        translations: JSON.stringify({ en: category.en }),
        position,
        created_at: now,
        updated_at: now,
      }));
      await insertCategories(trx, categories);
      const categoryId = new Map(categories.map((c) => [c.name, c.id]));
      const entries: KnowledgeEntryRow[] = DEMO_ENTRIES.map((entry) => ({
        id: newId(now),
        account_id: accountId,
        kind: entry.kind ?? 'faq',
        category_id: categoryId.get(entry.category) ?? null,
        created_by: null,
        created_at: now,
        updated_at: now,
        index_revision: revision,
      }));
      await insertEntries(trx, entries);
      await insertVariants(
        trx,
        DEMO_ENTRIES.map((entry, i) =>
          newVariantRow(
            accountId,
            entries[i]!.id,
            'zh-CN',
            { title: entry.title, similarQuestions: entry.similar, body: entry.answer, status: 'published' },
            null,
            now,
          ),
        ),
      );
      for (const words of DEMO_SYNONYMS) {
        await insertSynonymGroup(trx, {
          id: newId(now),
          account_id: accountId,
          words: JSON.stringify(words),
          created_at: now,
          updated_at: now,
        });
      }
      const system = { accountId, userId: null, name: 'system', ip: null };
      await recordAudit(
        trx,
        system,
        {
          action: 'knowledge_entries.imported',
          details: { demo: true, created: entries.length, categoriesCreated: categories.length },
        },
        now,
      );
    },
    { synonyms: true },
  );
  return true;
}
