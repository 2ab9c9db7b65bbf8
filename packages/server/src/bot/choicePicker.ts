import { compactForMatching } from '../text/normalize.js';
import { foldedPattern } from './foldedPattern.js';

/**
 * Reading a customer's pick among numbered choices (the guided menu, "您是不是想问"): the number alone or with
 * words around it (2, 第二个, 选2, ②, 2号), or the choice's own text as the button sends it.
 */

const CHINESE_DIGITS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const NUMBER_PICK = foldedPattern(
  /^(?:选择?|选|第|要|我要|看|就)?([1-9一二两三四五六七八九])(?:个|项|条|号|吧|呢|啊)?$/,
);

/** The 0-based index of the choice picked, or null when the message is not a pick among `labels`. */
export function pickedChoice(text: string, labels: readonly string[]): number | null {
  const compact = compactForMatching(text);
  if (!compact || labels.length === 0) return null;
  const number = NUMBER_PICK.exec(compact)?.[1];
  if (number !== undefined) {
    const n = CHINESE_DIGITS[number] ?? Number(number);
    return n >= 1 && n <= labels.length ? n - 1 : null;
  }
  const index = labels.findIndex((label) => compactForMatching(label) === compact);
  return index === -1 ? null : index;
}

const MENU_WORDS = foldedPattern(/^(菜单|主菜单|目录|功能菜单|返回菜单|返回|menu|帮助|help|0)$/);

/** The customer asks to see the guided menu again. */
export function asksForMenu(text: string): boolean {
  return MENU_WORDS.test(compactForMatching(text));
}

const GREETING = foldedPattern(
  /^(?:你好|您好|hi|hello|hey|哈喽|哈啰|嗨|在吗|在么|在不在|有人吗|有人在吗|早上好|上午好|中午好|下午好|晚上好|早安|晚安|亲|喂|hi你好)+(?:啊|呀|呢|哈|哦|嘛|吗)*$/,
);
const THANKS = foldedPattern(
  /^(?:谢谢|多谢|感谢|谢了|thanks|thankyou|thx|好的|好滴|好哒|好嘞|好|ok|okay|嗯|嗯嗯|知道了|明白了|明白|了解|收到|懂了|哦|哦哦|行|行吧|可以了|没问题了|没事了|没有了|解决了|拜拜|再见|bye)+(?:啊|呀|了|哈|啦|你|您|哦|呢)*$/,
);

/** A greeting or a thank-you that asks nothing: the bot replies in kind and counts no miss. */
export function smallTalkOf(text: string): 'greeting' | 'thanks' | null {
  const compact = compactForMatching(text);
  if (GREETING.test(compact)) return 'greeting';
  if (THANKS.test(compact)) return 'thanks';
  return null;
}
