import { syllableOf } from './searchText.js';

const HAN_WORD = /^\p{Script=Han}{2,8}$/u;

/**
 * The Chinese words of a knowledge base's questions, looked up by sound, for a query word the questions never
 * use. Pinyin input makes two kinds of typo: a homophone picked from the candidate list (腿款 for 退款, 蜜码 for
 * 密码, 积份 for 积分), and in longer words a character that sounds nearly the same (优惠卷 for 优惠券: juan / quan). Kept current as questions come and go: a word is here while some question has it.
 */
export class SpellingVocabulary {
  private readonly counts = new Map<string, number>();
  /** Accent-folded syllables of the whole word → the words. */
  private readonly bySound = new Map<string, Set<string>>();
  /** The word with one character masked (退款 → ?款, 退?) → the words, for one wrong character. */
  private readonly byMasked = new Map<string, Set<string>>();
  /** Each character → the words it is in, for a character that stands for a word (忘 for 忘记). */
  private readonly byChar = new Map<string, Set<string>>();

  add(word: string): void {
    if (!HAN_WORD.test(word)) return;
    const count = this.counts.get(word) ?? 0;
    this.counts.set(word, count + 1);
    if (count > 0) return;
    addTo(this.bySound, soundOf(word), word);
    for (const char of new Set(word)) addTo(this.byChar, char, word);
    if ([...word].length >= NEAR_MIN_LENGTH) for (const key of maskedKeys(word)) addTo(this.byMasked, key, word);
  }

  remove(word: string): void {
    const count = this.counts.get(word);
    if (count === undefined) return;
    if (count > 1) {
      this.counts.set(word, count - 1);
      return;
    }
    this.counts.delete(word);
    removeFrom(this.bySound, soundOf(word), word);
    for (const char of new Set(word)) removeFrom(this.byChar, char, word);
    if ([...word].length >= NEAR_MIN_LENGTH) for (const key of maskedKeys(word)) removeFrom(this.byMasked, key, word);
  }

  /** Words that sound the same (accents folded), the word itself excluded. */
  homophonesOf(word: string): string[] {
    if (!HAN_WORD.test(word)) return [];
    return [...(this.bySound.get(soundOf(word)) ?? [])].filter((w) => w !== word);
  }

  /** Up to `limit` words that have the character. */
  wordsWith(char: string, limit: number): string[] {
    const words: string[] = [];
    for (const word of this.byChar.get(char) ?? []) {
      if (words.length === limit) break;
      words.push(word);
    }
    return words;
  }

  /**
   * Words of three or more characters that differ from this one in one character that sounds nearly the same:
   * a slip of pinyin input rather than another word.
   */
  nearSpellingsOf(word: string): string[] {
    if (!HAN_WORD.test(word) || [...word].length < NEAR_MIN_LENGTH) return [];
    const found = new Set<string>();
    const chars = [...word];
    maskedKeys(word).forEach((key, at) => {
      for (const candidate of this.byMasked.get(key) ?? []) {
        if (candidate !== word && soundsClose(chars[at]!, [...candidate][at]!)) found.add(candidate);
      }
    });
    return [...found];
  }
}

const NEAR_MIN_LENGTH = 3;

function soundOf(word: string): string {
  return [...word].map(syllableOf).join(' ');
}

function maskedKeys(word: string): string[] {
  const chars = [...word];
  return chars.map((_, at) => chars.map((c, i) => (i === at ? '?' : c)).join(''));
}

const INITIAL = /^(?:[zcs]h?|[bpmfdtnlgkhjqxrwy])/;

/** Initials that pinyin typists confuse (zh, ch, sh and n / l are already folded by syllableOf). */
const CLOSE_INITIALS = ['jqx', 'zcs', 'bp', 'dt', 'gkh', 'fh'];

/** The same syllable, or the same final after initials that are easily confused (juan / quan). */
function soundsClose(a: string, b: string): boolean {
  const sa = syllableOf(a);
  const sb = syllableOf(b);
  if (sa === sb) return true;
  const ia = INITIAL.exec(sa)?.[0] ?? '';
  const ib = INITIAL.exec(sb)?.[0] ?? '';
  if (sa.slice(ia.length) !== sb.slice(ib.length)) return false;
  return CLOSE_INITIALS.some((group) => ia.length === 1 && ib.length === 1 && group.includes(ia) && group.includes(ib));
}

function addTo(map: Map<string, Set<string>>, key: string, word: string) {
  let words = map.get(key);
  if (!words) {
    words = new Set();
    map.set(key, words);
  }
  words.add(word);
}

function removeFrom(map: Map<string, Set<string>>, key: string, word: string) {
  const words = map.get(key);
  words?.delete(word);
  if (words?.size === 0) map.delete(key);
}
