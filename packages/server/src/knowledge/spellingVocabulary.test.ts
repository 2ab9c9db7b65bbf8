import { describe, expect, it } from 'vitest';
import { SpellingVocabulary } from './spellingVocabulary.js';

describe('SpellingVocabulary', () => {
  const vocabulary = () => {
    const words = new SpellingVocabulary();
    for (const word of ['退款', '退货', '密码', '优惠券', '忘记', '积分', 'vip']) words.add(word);
    return words;
  };

  it('finds words that sound the same, southern accents folded', () => {
    const words = vocabulary();
    expect(words.homophonesOf('腿款')).toEqual(['退款']);
    expect(words.homophonesOf('蜜码')).toEqual(['密码']);
    expect(words.homophonesOf('基分')).toEqual(['积分']);
    // A word is not its own homophone, and other scripts have none.
    expect(words.homophonesOf('退款')).toEqual([]);
    expect(words.homophonesOf('vlp')).toEqual([]);
  });

  it('finds longer words one nearly-sounding character away, but not any character away', () => {
    const words = vocabulary();
    expect(words.nearSpellingsOf('优惠卷')).toEqual(['优惠券']);
    // 贷 (dai) and 货 (huo) look alike but sound nothing alike; and two-character words have too many neighbours.
    expect(words.nearSpellingsOf('优惠贷')).toEqual([]);
    expect(words.nearSpellingsOf('退贷')).toEqual([]);
  });

  it('lists the words a character is in', () => {
    expect(vocabulary().wordsWith('忘', 5)).toEqual(['忘记']);
    expect(vocabulary().wordsWith('退', 1)).toHaveLength(1);
  });

  it('forgets a word only when the last question having it goes', () => {
    const words = vocabulary();
    words.add('密码');
    words.remove('密码');
    expect(words.homophonesOf('蜜码')).toEqual(['密码']);
    words.remove('密码');
    expect(words.homophonesOf('蜜码')).toEqual([]);
    expect(words.wordsWith('密', 5)).toEqual([]);
  });
});
