/**
 * Customer-service and online-shop words that jieba's general dictionary cuts apart (到账 → 到 / 账, 花呗 →
 * 花 / 呗, 没收到 → 没收 / 到: "confiscate"). Each is one unit of meaning; cut apart, a question about it
 * is matched on its halves, and one half is often a particle that is dropped. Compounds that read fine as
 * their parts (退货地址, 电子发票) are left out on purpose: cut, they also meet texts that word them
 * differently (退货寄到哪个地址).
 *
 * Added to the segmenter, so both the knowledge search and the conversation search cut them whole; the
 * conversation search also matches characters, so texts indexed before a word was added are still found.
 */
export const SERVICE_WORDS: readonly string[] = [
  // money and payment
  '到账',
  '花呗',
  '借呗',
  '余额宝',
  '原路退回',
  '原路返回',
  '仅退款',
  '退差价',
  '补差价',
  '价格保护',
  '免运费',
  '退运费',
  '运费险',
  '外币卡',
  '境外卡',
  // ordering and delivery
  '拍下',
  '拍错',
  '下错单',
  '催发货',
  '没收到',
  '上门取件',
  '快递柜',
  '换新',
  // questions as customers ask them
  '什么时候',
  '咋弄',
  '咋办',
  '咋回事',
  '转人工',
  '人工客服',
  '在线客服',
  // promotions
  '优惠码',
  '折扣券',
  '新人券',
  '无门槛',
  '七天无理由',
  // products
  '开不了机',
  '防伪码',
];
