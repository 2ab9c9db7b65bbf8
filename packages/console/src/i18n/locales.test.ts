import { describe, expect, it } from 'vitest';
import { localeFromBrowser } from './locales';

describe('localeFromBrowser', () => {
  it.each([
    [['zh-CN'], 'zh-CN'],
    [['zh'], 'zh-CN'],
    [['zh-SG'], 'zh-CN'],
    [['zh-TW'], 'zh-TW'],
    [['zh-HK'], 'zh-TW'],
    [['zh-Hant-CN'], 'zh-TW'],
    [['en-US', 'zh-CN'], 'en'],
    [['fr-FR', 'zh-TW', 'en'], 'zh-TW'],
  ])('picks the first supported language of %j', (languages, expected) => {
    expect(localeFromBrowser(languages)).toBe(expected);
  });

  it('returns null when none is supported, so the default applies', () => {
    expect(localeFromBrowser(['fr-FR', 'de'])).toBeNull();
    expect(localeFromBrowser([])).toBeNull();
  });
});
