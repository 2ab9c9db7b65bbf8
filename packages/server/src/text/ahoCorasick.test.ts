import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AhoCorasick, type PatternMatch } from './ahoCorasick.js';

const key = (m: PatternMatch) => `${m.pattern}:${m.start}:${m.end}`;

/** Every occurrence of every pattern, found the slow way. */
function naiveMatches(patterns: string[], text: string): Set<string> {
  const found = new Set<string>();
  patterns.forEach((pattern, index) => {
    for (let start = text.indexOf(pattern); start >= 0; start = text.indexOf(pattern, start + 1)) {
      found.add(`${index}:${start}:${start + pattern.length}`);
    }
  });
  return found;
}

describe('AhoCorasick', () => {
  it('finds overlapping and nested patterns', () => {
    const matcher = new AhoCorasick(['退款', '款项', '退款申请', '申请']);
    const found = matcher.findAll('我要退款申请款项').map(key).sort();
    expect(found).toEqual(['0:2:4', '1:6:8', '2:2:6', '3:4:6'].sort());
  });

  it('finds nothing with no patterns', () => {
    expect(new AhoCorasick([]).findAll('随便什么')).toEqual([]);
  });

  it('agrees with a naive scan on random patterns and texts', () => {
    const alphabet = fc.constantFrom('退', '款', '货', 'a', 'b', '钱');
    const word = fc.array(alphabet, { minLength: 1, maxLength: 4 }).map((chars) => chars.join(''));
    fc.assert(
      fc.property(
        fc.array(word, { minLength: 1, maxLength: 8 }),
        fc.array(alphabet, { maxLength: 40 }),
        (patterns, chars) => {
          const text = chars.join('');
          const found = new Set(new AhoCorasick(patterns).findAll(text).map(key));
          expect(found).toEqual(naiveMatches(patterns, text));
        },
      ),
      { numRuns: 300 },
    );
  });
});
