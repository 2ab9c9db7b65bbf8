/**
 * A shop's FAQ for the search-quality tests: the entries as an editor would write them, and customer
 * questions as customers type them (colloquial, Traditional, full width, misspelt, with synonyms). The
 * queries were written separately from the entries and share few exact phrases with them.
 */
export interface FaqFixture {
  key: string;
  title: string;
  similar: string[];
  answer: string;
}

export const SHOP_FAQ: FaqFixture[] = [
  {
    key: 'refund-time',
    title: '退款多久到账？',
    similar: ['退款什么时候到账', '钱什么时候退回来'],
    answer: '退款审核通过后，原路退回：支付宝、微信 1–3 个工作日，银行卡 3–7 个工作日。',
  },
  {
    key: 'return-policy',
    title: '退换货政策是什么？',
    similar: ['支持七天无理由退货吗', '怎么申请退货'],
    answer: '签收后 7 天内商品未使用、包装完好可无理由退货；15 天内有质量问题可换货。在“我的订单”中申请售后。',
  },
  {
    key: 'invoice',
    title: '怎么开发票？',
    similar: ['可以开增值税专用发票吗', '发票抬头怎么填'],
    answer: '下单时勾选“需要发票”并填写抬头和税号；已下单的可在订单详情里申请补开电子发票。',
  },
  {
    key: 'shipping-fee',
    title: '运费怎么算？',
    similar: ['包邮吗', '满多少包邮'],
    answer: '订单满 99 元包邮，不满收 8 元运费；新疆、西藏等偏远地区另收 15 元。',
  },
  {
    key: 'ship-time',
    title: '下单后多久发货？',
    similar: ['什么时候发货', '今天下单今天能发吗'],
    answer: '现货商品 48 小时内发货，预售商品以商品页写的发货时间为准。',
  },
  {
    key: 'change-address',
    title: '怎么修改收货地址？',
    similar: ['地址填错了怎么办', '能改地址吗'],
    answer: '订单发货前可在订单详情里修改地址；已经发货的请联系快递改派或联系客服。',
  },
  {
    key: 'track-order',
    title: '怎么查询订单物流？',
    similar: ['我的包裹到哪了', '查一下物流信息'],
    answer: '在“我的订单”中点开订单，查看物流信息；也可以用运单号在快递公司官网查询。',
  },
  {
    key: 'cancel-order',
    title: '怎么取消订单？',
    similar: ['订单不想要了', '下错单了能取消吗'],
    answer: '未发货的订单可在订单详情中直接取消，款项原路退回；已发货的请拒收或签收后申请退货。',
  },
  {
    key: 'payment-methods',
    title: '支持哪些付款方式？',
    similar: ['可以用花呗吗', '能信用卡支付吗'],
    answer: '支持支付宝（含花呗分期）、微信支付、银联信用卡和储蓄卡，暂不支持货到付款。',
  },
  {
    key: 'coupon',
    title: '优惠券怎么使用？',
    similar: ['优惠券为什么用不了', '领的券在哪里'],
    answer: '结算页选择可用的优惠券即可抵扣；每单限用一张，特价商品不参与。',
  },
  {
    key: 'membership',
    title: '会员积分有什么用？',
    similar: ['积分怎么兑换', '积分会过期吗'],
    answer: '积分可在积分商城兑换礼品或抵扣现金，100 积分抵 1 元，积分每年 12 月 31 日清零。',
  },
  {
    key: 'damaged',
    title: '收到的商品破损了怎么办？',
    similar: ['东西坏了', '商品有质量问题'],
    answer: '请在签收后 48 小时内拍照联系客服，我们会为您补发或退款。',
  },
  {
    key: 'missing-item',
    title: '收到的商品少件了怎么办？',
    similar: ['包裹里少了东西', '漏发了'],
    answer: '请提供开箱照片和订单号，核实后为您补发。',
  },
  {
    key: 'warranty',
    title: '商品保修多久？',
    similar: ['有没有保修', '坏了可以保修吗'],
    answer: '电器类商品自签收起保修一年，凭订单号即可享受保修服务。',
  },
  {
    key: 'price-protect',
    title: '买完降价了可以退差价吗？',
    similar: ['价格保护', '刚买就降价了'],
    answer: '支持 7 天价格保护：下单 7 天内降价，可在订单详情申请退还差价。',
  },
  {
    key: 'account-password',
    title: '忘记登录密码怎么办？',
    similar: ['密码找不回来', '登录不上去'],
    answer: '在登录页点击“忘记密码”，用注册手机号收验证码后重置。',
  },
  {
    key: 'change-phone',
    title: '怎么更换绑定的手机号？',
    similar: ['换手机号了', '手机号不用了怎么改'],
    answer: '在“账户设置 - 安全中心”中更换手机号，需要验证原手机号或身份证。',
  },
  {
    key: 'overseas',
    title: '可以寄到国外吗？',
    similar: ['支持海外配送吗', '港澳台能发货吗'],
    answer: '目前支持港澳台地区配送，运费按重量计算；暂不支持其他海外地区。',
  },
  {
    key: 'exchange-size',
    title: '尺码不合适可以换吗？',
    similar: ['衣服大了想换小一号', '怎么换尺码'],
    answer: '签收 15 天内吊牌完好可以换尺码，来回运费由我们承担一次。',
  },
  {
    key: 'refund-rejected',
    title: '退款申请被驳回了怎么办？',
    similar: ['为什么不给我退款', '退款失败'],
    answer: '驳回原因会写在售后详情里，补充照片或说明后可以再次申请，也可以联系客服处理。',
  },
  {
    key: 'gift-wrap',
    title: '可以提供礼品包装吗？',
    similar: ['能包装成礼物吗', '送人的可以不放发票吗'],
    answer: '下单时备注“礼品包装”，我们免费包装并且不放价格单和发票。',
  },
  {
    key: 'stock',
    title: '缺货的商品什么时候补货？',
    similar: ['没货了什么时候有', '到货通知'],
    answer: '在商品页点击“到货通知”，补货后会短信提醒您。',
  },
  {
    key: 'bulk-order',
    title: '企业批量采购有优惠吗？',
    similar: ['公司团购', '大量购买能便宜吗'],
    answer: '企业采购满 50 件可享批发价，请留下联系方式，商务同事会联系您。',
  },
  {
    key: 'installation',
    title: '大家电包安装吗？',
    similar: ['空调怎么预约安装', '送货上门安装吗'],
    answer: '空调、洗衣机等大家电送货上门并免费安装，签收后在订单里预约安装时间。',
  },
];

export interface QueryFixture {
  query: string;
  /** The key of the entry that should come first; null when no entry fits. */
  expected: string | null;
  /** What the query tests. */
  why: string;
}

export const SHOP_QUERIES: QueryFixture[] = [
  { query: '退款多久到账？', expected: 'refund-time', why: 'the standard question itself' },
  { query: '退款多久到账', expected: 'refund-time', why: 'without punctuation' },
  { query: '钱啥时候能退回来啊', expected: 'refund-time', why: 'colloquial' },
  { query: '退款幾天到賬', expected: 'refund-time', why: 'Traditional' },
  { query: '退宽多久到账', expected: 'refund-time', why: 'homophone typo' },
  { query: '我想退貨', expected: 'return-policy', why: 'Traditional, short' },
  { query: '七天无理由能退吗', expected: 'return-policy', why: 'paraphrase' },
  { query: '发漂怎么开', expected: 'invoice', why: 'homophone typo' },
  { query: '發票', expected: 'invoice', why: 'one Traditional word' },
  { query: '能开专票吗', expected: 'invoice', why: 'abbreviation' },
  { query: '运费多少', expected: 'shipping-fee', why: 'short paraphrase' },
  { query: '運費怎麼算', expected: 'shipping-fee', why: 'Traditional' },
  { query: '包邮不', expected: 'shipping-fee', why: 'colloquial, two characters' },
  { query: '啥时候发货呀', expected: 'ship-time', why: 'colloquial' },
  { query: '什么時候發貨', expected: 'ship-time', why: 'mixed scripts' },
  { query: '地址写错了', expected: 'change-address', why: 'paraphrase' },
  { query: '能不能改一下收货地址', expected: 'change-address', why: 'colloquial' },
  { query: '我的快递到哪了', expected: 'track-order', why: 'synonym 快递 = 包裹 = 物流' },
  { query: '查物流', expected: 'track-order', why: 'short' },
  { query: '不想要了取消订单', expected: 'cancel-order', why: 'paraphrase' },
  { query: '支持花呗吗', expected: 'payment-methods', why: 'in a similar question and the answer' },
  { query: '可以货到付款吗', expected: 'payment-methods', why: 'only in the answer' },
  { query: '优惠卷怎么用', expected: 'coupon', why: 'common misspelling 卷 for 券' },
  { query: '积分能干嘛', expected: 'membership', why: 'colloquial' },
  { query: '东西收到是坏的', expected: 'damaged', why: 'paraphrase' },
  { query: '少发了一件', expected: 'missing-item', why: 'paraphrase' },
  { query: '保修几年', expected: 'warranty', why: 'paraphrase' },
  { query: '刚买完就降价了能退差价吗', expected: 'price-protect', why: 'long colloquial' },
  { query: '密码忘了', expected: 'account-password', why: 'word order' },
  { query: '换手机号', expected: 'change-phone', why: 'short' },
  { query: '国外能寄吗', expected: 'overseas', why: 'word order' },
  { query: '衣服小了能换大一码吗', expected: 'exchange-size', why: 'paraphrase' },
  { query: '为啥退款被拒绝了', expected: 'refund-rejected', why: 'paraphrase' },
  { query: '空调送货上门装吗', expected: 'installation', why: 'paraphrase' },
  { query: 'ＶＩＰ积分会过期吗', expected: 'membership', why: 'full-width letters' },
  { query: '你们卖汽车吗', expected: null, why: 'nothing fits' },
  { query: '今天天气怎么样', expected: null, why: 'off topic' },
  { query: '什么时候上新款', expected: null, why: 'shares 什么时候 with several questions' },
  { query: '你们实体店在哪里', expected: null, why: 'not covered' },
  { query: '可以便宜点吗', expected: null, why: 'bargaining, not covered' },
  { query: '怎么联系你们老板', expected: null, why: 'not covered' },
  { query: '手机壳有黑色的吗', expected: null, why: 'a product question' },
];

/** Synonyms an admin would add for this shop. */
export const SHOP_SYNONYMS: string[][] = [
  ['快递', '物流', '包裹'],
  ['退货', '退款退货'],
  ['专票', '增值税专用发票'],
  ['优惠卷', '优惠券'],
];
