import 'dayjs/locale/zh-cn';
import 'dayjs/locale/zh-tw';
import type { Locale } from '@kefu/shared';
import dayjs from 'dayjs';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { DEFAULT_LOCALE, isLocale, localeFromBrowser } from './locales';
import { zhCN } from './zh-CN';
import { zhTW } from './zh-TW';

export const resources = {
  'zh-CN': { translation: zhCN },
  'zh-TW': { translation: zhTW },
  en: { translation: en },
} as const;

// Date pickers take month and weekday names from dayjs, so it follows the interface language.
const dayjsLocales: Record<Locale, string> = { 'zh-CN': 'zh-cn', 'zh-TW': 'zh-tw', en: 'en' };

i18n.on('languageChanged', (language) => {
  if (!isLocale(language)) return;
  document.documentElement.lang = language;
  dayjs.locale(dayjsLocales[language]);
});

void i18n.use(initReactI18next).init({
  resources,
  lng: localeFromBrowser(navigator.languages) ?? DEFAULT_LOCALE,
  fallbackLng: DEFAULT_LOCALE,
  supportedLngs: Object.keys(resources),
  initAsync: false,
  // React escapes everything it renders, so escaping here would show entities like &amp; to the user.
  interpolation: { escapeValue: false },
});

export function currentLocale(): Locale {
  return isLocale(i18n.language) ? i18n.language : DEFAULT_LOCALE;
}

export { i18n };
