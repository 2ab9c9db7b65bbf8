import fc from 'fast-check';
import * as OpenCC from 'opencc-js';
import { describe, expect, it } from 'vitest';
import { compactForMatching } from '../text/normalize.js';
import { type MatchableWord, SensitiveWordMatcher } from './sensitiveWordMatcher.js';

const word = (text: string, action: MatchableWord['action'] = null, category = '售后'): MatchableWord => ({
  word: text,
  pattern: compactForMatching(text),
  category,
  action,
});

const WORDS = ['退款', '投诉', '微信号', '加qq', '私下交易', '12315', '返现'];
const matcher = new SensitiveWordMatcher(
  WORDS.map((w) => word(w)),
  'warn',
);

const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
/** Full-width form of a half-width letter or digit (a → ａ). */
const fullWidth = (char: string) => (/[!-~]/.test(char) ? String.fromCharCode(char.charCodeAt(0) + 0xfee0) : char);
const SEPARATORS = [' ', '-', '＊', '*', '.', '·', '，', '｜', '_', '😀', '\u3000', '/', '~'];

/** One way a person might disguise a word: a script, width or case per character, and symbols in between. */
const disguised = (text: string) =>
  fc
    .tuple(
      fc.array(fc.constantFrom('plain', 'traditional', 'full', 'upper'), {
        minLength: text.length,
        maxLength: text.length,
      }),
      fc.array(fc.array(fc.constantFrom(...SEPARATORS), { maxLength: 3 }), {
        minLength: text.length,
        maxLength: text.length,
      }),
    )
    .map(([styles, gaps]) =>
      [...text]
        .map((char, i) => {
          const style = styles[i];
          const styled =
            style === 'traditional'
              ? toTraditional(char)
              : style === 'full'
                ? fullWidth(char)
                : style === 'upper'
                  ? char.toUpperCase()
                  : char;
          return i === 0 ? styled : gaps[i]!.join('') + styled;
        })
        .join(''),
    );

/** Text made only of characters none of the words contain. */
const unrelatedText = fc
  .array(fc.constantFrom(...'您好请问发货时间是什么时候呢我们尽快为您处理谢谢ABCxyz789，。！？ '.split('')), {
    maxLength: 60,
  })
  .map((chars) => chars.join(''));

describe('SensitiveWordMatcher', () => {
  it('finds a word with symbols, spaces, Traditional characters, full width or capitals in it', () => {
    for (const text of ['我要退-款', '我要退 款', '我要退＊款', '我要退款', '加ＱＱ聊', '加 Q.q', '打１２３１５投訴']) {
      expect(matcher.find(text).length, text).toBeGreaterThan(0);
    }
    const [hit] = matcher.find('请先 退 - 款，谢谢');
    expect(hit).toEqual({ word: '退款', category: '售后', action: 'warn', start: 3, end: 8 });
    expect('请先 退 - 款，谢谢'.slice(hit!.start, hit!.end)).toBe('退 - 款');
  });

  it('still finds every word however it is disguised, and points at it in the text as written', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...WORDS).chain((w) => fc.tuple(fc.constant(w), disguised(w))),
        unrelatedText,
        unrelatedText,
        ([original, disguise], before, after) => {
          const text = before + disguise + after;
          const hits = matcher.find(text).filter((m) => m.word === original);
          expect(hits.length, text).toBeGreaterThan(0);
          const span = text.slice(hits[0]!.start, hits[0]!.end);
          expect(compactForMatching(span)).toBe(compactForMatching(original));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('finds nothing in unrelated text', () => {
    fc.assert(
      fc.property(unrelatedText, (text) => {
        expect(matcher.find(text)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it("uses each word's action, or the workspace default", () => {
    const mixed = new SensitiveWordMatcher([word('退款', 'block'), word('投诉', null), word('返现', 'warn')], 'block');
    expect(mixed.find('退款 投诉 返现').map((m) => [m.word, m.action])).toEqual([
      ['退款', 'block'],
      ['投诉', 'block'],
      ['返现', 'warn'],
    ]);
  });

  it('is empty without words', () => {
    const empty = new SensitiveWordMatcher([], 'warn');
    expect(empty.isEmpty).toBe(true);
    expect(empty.find('退款')).toEqual([]);
  });
});
