import { describe, expect, it } from 'vitest';
import { LOCALES, resolveLocale, STRINGS, translator } from './i18n';

describe('i18n', () => {
  it('has the same keys in zh-CN, zh-TW and en, none empty', () => {
    const reference = Object.keys(STRINGS['zh-CN']).sort();
    for (const locale of LOCALES) {
      expect(Object.keys(STRINGS[locale]).sort(), locale).toEqual(reference);
      for (const [key, text] of Object.entries(STRINGS[locale])) expect(text.trim(), `${locale} ${key}`).not.toBe('');
    }
  });

  it('uses the same {placeholders} in every language', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(STRINGS['zh-CN']) as (keyof (typeof STRINGS)['zh-CN'])[]) {
      const expected = placeholders(STRINGS['zh-CN'][key]);
      for (const locale of LOCALES) expect(placeholders(STRINGS[locale][key]), `${locale} ${key}`).toEqual(expected);
    }
  });

  it('fills in parameters', () => {
    expect(translator('en')('typing', { name: 'Ann' })).toBe('Ann is typing…');
    expect(translator('zh-CN')('error.MESSAGE_TOO_LONG', { max: 5000 })).toBe('消息太长，最多 5000 字');
  });

  it('takes data-locale first, then the browser languages, else null (the inbox default applies)', () => {
    expect(resolveLocale('en', ['zh-CN'])).toBe('en');
    expect(resolveLocale('fr', ['fr-FR', 'zh-HK'])).toBe('zh-TW');
    expect(resolveLocale(null, ['zh-Hant-TW'])).toBe('zh-TW');
    expect(resolveLocale(null, ['zh'])).toBe('zh-CN');
    expect(resolveLocale(null, ['de', 'en-GB'])).toBe('en');
    expect(resolveLocale(null, ['de', 'fr'])).toBeNull();
  });
});
