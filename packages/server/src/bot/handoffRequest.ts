import { compactForMatching, normalizeText } from '../text/normalize.js';
import { foldedPattern } from './foldedPattern.js';

/**
 * Whether a customer asks for a person (转人工). Customers write it in many ways: 转人工, 人工客服, 找客服, 真人,
 * Traditional (轉人工), typos (转人共, 专人工, 人公), pinyin (rengong), English (human, agent), or just 人工 / 客服.
 * The text is folded first (Traditional to Simplified, full width to half, letters and digits only), then:
 *
 * - a request phrase anywhere in the message counts (我要转人工, 能不能帮我找个客服);
 * - a bare word (人工, 客服, kf) counts only in a short message, so 人工费多少 or 客服电话是多少 asks something;
 * - a negation (不用转人工, 不需要人工) never counts.
 */

const NEGATED = foldedPattern(/(不用|不需要|不要|别|无需|没必要|不想)(帮我|给我)?(转|找|接|叫)?(人工|真人|客服)/);

const REQUEST_PHRASES = [
  /转(接)?(人工|人共|人公|人攻|仁工|真人|客服|人)/,
  /专(人工|人共|人公)/,
  /人工(客服|服务|坐席|座席|专员|台|回复|处理|介入)/,
  /(找|叫|接|换|联系|呼叫|喊)(个|一个|一下|下)?(人工|真人|客服|活人|你们客服)/,
  /(要|请|给我|来)(个|一个)?(人工|真人|活人)/,
  /真人(客服|服务|回复|回答|聊|说话)/,
  /(是不是|是)真人/,
  /(跟|和|让)(人|真人|活人|客服)(说话|聊|沟通|对话)/,
  /(不要|不想|别|不跟|不和)(跟|和)?(机器人|机器|自动回复)/,
  /机器人(滚|闭嘴|走开|没用|听不懂|太笨|好笨|真笨|答非所问)/,
  /zhuanrengong|rengongkefu/,
].map(foldedPattern);

/** Words that contain 人工 or 客服 but ask something else. */
const OTHER_MEANINGS = foldedPattern(
  /(人工费|人工智能|人工成本|人造|客服电话|客服热线|客服邮箱|客服时间|客服工作时间)/g,
);

/** A bare word with one of these asks about the service (its hours, its phone number, a job), not for a person. */
const ABOUT_THE_SERVICE = foldedPattern(
  /(几点|时间|上班|下班|晚上|夜里|半夜|周末|节假日|假期|电话|热线|邮箱|招聘|应聘|工资)/,
);

/** A bare request word, alone or with fillers (我要人工, 人工呢, 客服在吗, 有客服吗). */
const BARE_WORD = foldedPattern(/(人工|人共|人公|仁工|真人|客服|活人|rengong|kefu|kf)/g);
const FILLERS = foldedPattern(
  /(我|要|想|请|帮我|麻烦|给我|快点|赶紧|马上|立刻|现在|一下|在吗|在不在|呢|吧|啊|呀|哦|嘛|了|快|谢谢|有|吗|么|你们|的)/g,
);
const SHORT_CHARS = 3;

const ENGLISH =
  /\b(human|humans|agent|real person|live (agent|person|chat)|talk to (a |an )?(person|human|someone|agent)|customer service)\b/;

export function asksForPerson(text: string): boolean {
  const compact = compactForMatching(text).replace(OTHER_MEANINGS, '');
  if (!compact) return false;
  if (NEGATED.test(compact)) return false;
  if (REQUEST_PHRASES.some((pattern) => pattern.test(compact))) return true;
  const rest = compact.replace(BARE_WORD, '');
  if (rest !== compact && !ABOUT_THE_SERVICE.test(rest) && rest.replace(FILLERS, '').length <= SHORT_CHARS) return true;
  return ENGLISH.test(normalizeText(text));
}
