import { pinyin } from 'pinyin-pro';
import { compactForMatching } from '../text/normalize.js';
import { segmentForIndex, segmentWords } from '../text/segment.js';
import { isStopWord } from '../text/stopWords.js';

/**
 * What knowledge search compares: a question (or a query) as words, as characters and as pinyin. Each view
 * forgives what the others miss: words carry meaning, characters survive a segmentation that cut differently
 * (到账 vs 到/账) and a wrong character among right ones, pinyin survives the commonest typo of all, a homophone
 * picked from the input method's list (退宽 for 退款).
 */
export interface TextFeatures {
  /** Folded (width, script, case) letters and digits only: two texts equal here are the same question. */
  compact: string;
  /** jieba words, each once, without particles and greetings. */
  words: string[];
  /**
   * Shorter words inside longer ones, marked `s:` (开发票 → s:发票, s:开发): a query for 发票 finds 怎么开发票,
   * while the question's own words alone say how long it is.
   */
  subwords: string[];
  /** Han characters alone (`u:`), Han character pairs (`b:`) and letter triples of longer Latin words (`t:`). */
  chars: string[];
  /** Pairs of neighbouring syllables, folded for regional accents (`zh`→`z`, `ing`→`in` …). */
  pinyin: string[];
}

/**
 * Words a customer wraps a question in (你好, 请问, 麻烦问一下 …), forms of address (亲, 老板, 小姐姐) and
 * urging (急, 在线等): they say nothing about which answer is wanted, and an FAQ question never contains them,
 * so they would only lower the match.
 */
const FILLER_WORDS = new Set([
  '你好',
  '您好',
  '你们好',
  '哈喽',
  '嗨',
  'hello',
  'hi',
  '早上好',
  '下午好',
  '晚上好',
  '在吗',
  '在不在',
  '在么',
  '亲',
  '亲亲',
  '亲爱',
  '亲爱的',
  '老板',
  '掌柜',
  '店家',
  '小姐姐',
  '小哥哥',
  '美女',
  '帅哥',
  '想',
  '想问',
  '想知道',
  '了解',
  '咨询',
  '请教',
  '问',
  '问问',
  '问下',
  '麻烦',
  '打扰',
  '帮',
  '帮忙',
  '谢谢',
  '多谢',
  '感谢',
  '好',
  '好的',
  '哈哈',
  '哈哈哈',
  '呵呵',
  '急',
  '在线等',
  '就是',
  '然后',
  '那',
  '这',
  '有人',
  '有人吗',
  'please',
  'thanks',
  'thank',
  'you',
  'i',
  'my',
  'me',
  'we',
  'our',
  'can',
  'do',
  'does',
  'how',
  'what',
  'when',
  'where',
  'why',
  'for',
  'in',
  'on',
  'it',
]);

/**
 * Question words, modal verbs, negations and adverbs (怎么, 能, 不了, 一直), and 客服 (a question about the
 * service, or only the customer addressing it): they tell questions apart only a little, so they weigh less.
 */
const LIGHT_WORDS = new Set([
  '怎么',
  '怎么办',
  '怎样',
  '怎么样',
  '如何',
  '什么',
  '时候',
  '啥时候',
  '什么时候',
  '何时',
  '几时',
  '啥',
  '甚么',
  '咋',
  '咋样',
  '咋办',
  '咋整',
  '咋弄',
  '怎么弄',
  '为什么',
  '为啥',
  '怎么回事',
  '咋回事',
  '行不行',
  '行吗',
  '哪',
  '哪里',
  '哪儿',
  '可以',
  '能',
  '能否',
  '不能',
  '能不能',
  '可不可以',
  '有没有',
  '是不是',
  '是否',
  '客服',
  '要',
  '会',
  '有',
  '没有',
  '不',
  '没',
  '不了',
  '不到',
  '不上',
  '不行',
  '不会',
  '无法',
  '一直',
  '已经',
  '总是',
  '老是',
  '到底',
  '究竟',
  '真的',
  '非常',
  '特别',
  '太',
  '好像',
  '马上',
  '现在',
  '刚刚',
  '刚',
  '刚才',
  '还是',
  '再',
  '吗',
  '到',
]);

export const LIGHT_WORD_FACTOR = 0.4;

export function wordFactor(word: string): number {
  return LIGHT_WORDS.has(word.startsWith('s:') ? word.slice(2) : word) ? LIGHT_WORD_FACTOR : 1;
}

/** Characters that occur only in question words (什么, 怎么, 哪里 …). */
const LIGHT_CHARS = new Set(['什', '怎', '么', '啥', '咋', '哪', '吗', '呢', '否']);

/** Single characters carry less than pairs, and question words as characters as little as they do as words. */
export function charFactor(token: string): number {
  const text = token.slice(2);
  if (token.startsWith('u:')) return LIGHT_CHARS.has(text) ? 0.5 * LIGHT_WORD_FACTOR : 0.5;
  return LIGHT_WORDS.has(text) ? LIGHT_WORD_FACTOR : 1;
}

const HAN = /\p{Script=Han}/u;
const LATIN_WORD = /^[a-z]{4,}$/;

export function isMeaningfulWord(word: string): boolean {
  return !isStopWord(word) && !FILLER_WORDS.has(word);
}

/** A word as it takes part in matching (refunds → refund), or undefined for a particle or a filler. */
export function meaningfulForm(word: string): string | undefined {
  const stemmed = stemLatin(word);
  return isMeaningfulWord(stemmed) ? stemmed : undefined;
}

/** The words of a text that take part in matching, in order, each once. */
export function meaningfulWords(text: string): string[] {
  const words = segmentWords(text).map(stemLatin);
  const kept = [...new Set(words.filter(isMeaningfulWord))];
  return kept;
}

/** refunds → refund, shipping → shipp: enough for English questions to meet their answers. */
function stemLatin(word: string): string {
  if (!/^[a-z]+$/.test(word) || word.length < 5) return word;
  if (word.endsWith('ing')) return word.slice(0, -3);
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.endsWith('es') && /(?:ss|sh|ch|x)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('ed')) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

function charTokens(compact: string): string[] {
  const tokens = new Set<string>();
  const chars = [...compact];
  for (let i = 0; i < chars.length; i += 1) {
    const char = chars[i]!;
    if (!HAN.test(char)) continue;
    if (!isStopWord(char)) tokens.add(`u:${char}`);
    const next = chars[i + 1];
    if (next !== undefined && HAN.test(next)) tokens.add(`b:${char}${next}`);
  }
  for (const word of compact.split(/[^a-z]+/)) {
    if (!LATIN_WORD.test(word)) continue;
    const padded = `#${stemLatin(word)}#`;
    for (let i = 0; i + 3 <= padded.length; i += 1) tokens.add(`t:${padded.slice(i, i + 3)}`);
  }
  return [...tokens];
}

/** Accent-tolerant syllables: most speakers of southern Chinese merge these sounds, and type them so. */
function fuzzySyllable(syllable: string): string {
  return syllable
    .replace(/^([zcs])h/, '$1')
    .replace(/^n(?=[aeiouv])/, 'l')
    .replace(/ng$/, 'n')
    .replace('ü', 'v');
}

/**
 * Each character's syllable, looked up once and kept: reading whole phrases would pick the right sound for a
 * few characters with two readings (长, 行), but costs ten times more, and queries and questions only need to
 * be read the same way.
 */
const syllables = new Map<string, string>();

export function syllableOf(char: string): string {
  let syllable = syllables.get(char);
  if (syllable === undefined) {
    syllable = fuzzySyllable(pinyin(char, { toneType: 'none', type: 'array', v: true })[0] ?? char);
    if (syllables.size < 50_000) syllables.set(char, syllable);
  }
  return syllable;
}

function pinyinTokens(compact: string): string[] {
  const tokens = new Set<string>();
  for (const run of compact.split(/[^\p{Script=Han}]+/u)) {
    const chars = [...run];
    for (let i = 0; i + 1 < chars.length; i += 1) tokens.add(`${syllableOf(chars[i]!)} ${syllableOf(chars[i + 1]!)}`);
  }
  return [...tokens];
}

export const SUBWORD_PREFIX = 's:';

/** Words jieba finds inside the text's longer words, marked as such. */
export function subwordsOf(text: string, words: readonly string[]): string[] {
  const own = new Set(words);
  const inside = segmentForIndex(text)
    .split(' ')
    .map(stemLatin)
    .filter((w) => isMeaningfulWord(w) && !own.has(w));
  return [...new Set(inside)].map((w) => `${SUBWORD_PREFIX}${w}`);
}

/**
 * Features of a question for the index; `forQuery` leaves out sub-words, which only documents need. Characters
 * and pinyin leave out the greetings and fillers too, in runs broken where one was (亲你好我想问一下退款多久到账
 * → 退款多久到账): they would dilute a long polite question's match as they would its words'.
 */
export function textFeatures(text: string, forQuery = false): TextFeatures {
  const compact = compactForMatching(text);
  const cut = segmentWords(text);
  const words = [...new Set(cut.map(stemLatin).filter(isMeaningfulWord))];
  let runs = '';
  let lastHan = false;
  for (const word of cut) {
    const han = !FILLER_WORDS.has(word) && HAN.test(word);
    runs += (han && lastHan ? '' : ' ') + (FILLER_WORDS.has(word) ? '' : word);
    lastHan = han;
  }
  return {
    compact,
    words,
    subwords: forQuery ? [] : subwordsOf(text, words),
    chars: charTokens(runs),
    pinyin: pinyinTokens(runs),
  };
}
