import * as OpenCC from 'opencc-js';
import { describe, expect, it } from 'vitest';
import {
  ALREADY_SIMPLIFIED,
  compactForMatching,
  foldText,
  foldWithOffsets,
  normalizeText,
  originalSpan,
} from './normalize.js';
import { characterTokens, dictionaryWords, segmentForIndex, segmentQuery, segmentWords } from './segment.js';

describe('normalizeText', () => {
  it('folds full-width letters, digits and spaces to half-width lower case', () => {
    expect(normalizeText('ＡＢＣ１２３')).toBe('abc123');
    expect(normalizeText('订单号：ＶＩＰ　８８８')).toBe('订单号:vip 888');
  });

  it('folds Traditional to Simplified, also inside mixed text', () => {
    expect(normalizeText('我要退貨，請問多久到賬？')).toBe('我要退货,请问多久到账?');
    expect(normalizeText('發票和发票')).toBe('发票和发票');
    expect(normalizeText('裡面的電話號碼')).toBe('里面的电话号码');
  });

  it('leaves Simplified characters alone that the Taiwan table reads as variants (么 is not 幺)', () => {
    expect(normalizeText('怎么')).toBe('怎么');
    expect(normalizeText('怎麼')).toBe(normalizeText('怎么'));
    expect(normalizeText('什麽什麼什么')).toBe('什么什么什么');
  });

  it('knows every such character: all others fold as OpenCC reads them', () => {
    const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });
    const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
    const found: string[] = [];
    for (let code = 0x3400; code <= 0x9fff; code += 1) {
      const char = String.fromCodePoint(code);
      const simplified = toSimplified(char);
      if (simplified !== char && toSimplified(toTraditional(char)) === char) found.push(char);
    }
    expect(found.sort()).toEqual([...ALREADY_SIMPLIFIED].sort());
  });

  it('collapses white space and trims', () => {
    expect(normalizeText('  退款 \n\t 问题  ')).toBe('退款 问题');
  });

  it('keeps one code point per code point, so offsets survive folding', () => {
    const samples = ['Ｈｅｌｌｏ，世界！', '𠮷野家 退貨①', '臺灣 ＡＢＣ'];
    for (const sample of samples) expect([...foldText(sample)].length).toBe([...sample].length);
  });
});

describe('foldWithOffsets', () => {
  it('drops symbols and spaces between characters and maps back to the original', () => {
    const original = '我想 退-款＊呀';
    const mapped = foldWithOffsets(original, { wordCharsOnly: true });
    expect(mapped.text).toBe('我想退款呀');
    const at = mapped.text.indexOf('退款');
    const span = originalSpan(mapped, at, at + 2);
    expect(original.slice(span.start, span.end)).toBe('退-款');
  });

  it('maps characters outside the basic plane (two UTF-16 units) correctly', () => {
    const original = '😀𠮷退款';
    const mapped = foldWithOffsets(original, { wordCharsOnly: true });
    expect(mapped.text).toBe('𠮷退款');
    const span = originalSpan(mapped, 2, 4);
    expect(original.slice(span.start, span.end)).toBe('退款');
  });

  it('compacts a word for matching', () => {
    expect(compactForMatching('退 款')).toBe('退款');
    expect(compactForMatching('ＱＱ號')).toBe('qq号');
  });
});

describe('segmentation', () => {
  it('cuts Chinese into words, after folding Traditional', () => {
    expect(segmentWords('我要退貨')).toEqual(['我要', '退货']);
    expect(segmentWords('張三的訂單')).toEqual(['张三', '的', '订单']);
  });

  it('keeps customer-service words whole that the general dictionary cuts apart', () => {
    expect(segmentWords('退款多久到账')).toEqual(['退款', '多久', '到账']);
    expect(segmentWords('支持花呗分期吗')).toEqual(['支持', '花呗', '分期', '吗']);
    // 没收 alone means "confiscate".
    expect(segmentWords('没收到货')).toEqual(['没收到', '货']);
  });

  it('cuts only into dictionary words when asked, without guessing at unknown ones', () => {
    expect(segmentWords('求个券')).toEqual(['求个券']);
    expect(dictionaryWords('求个券')).toEqual(['求', '个', '券']);
  });

  it('indexes in search mode: long words also give the words inside them', () => {
    const tokens = segmentForIndex('我想查詢訂單號12345678的物流').split(' ');
    expect(tokens).toEqual(expect.arrayContaining(['订单', '单号', '订单号', '12345678', '物流']));
  });

  it('keeps only letters and digits in tokens', () => {
    expect(segmentForIndex('邮箱 foo.bar@example.com！！')).toBe('邮箱 foo bar example com');
    expect(segmentForIndex('。。。！')).toBe('');
  });

  it('splits Han characters into single tokens for the character index', () => {
    expect(characterTokens('訂單ＡＢ12，好')).toBe('订 单 ab12 好');
  });

  it('drops particles from queries unless nothing else is left', () => {
    expect(segmentQuery('退貨要多久啊')).toEqual(['退货', '要', '多久']);
    expect(segmentQuery('的了')).toEqual(['的', '了']);
    expect(segmentQuery('退款 退款')).toEqual(['退款']);
  });
});
