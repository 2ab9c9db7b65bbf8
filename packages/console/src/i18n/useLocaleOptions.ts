import { LOCALES, type Locale } from '@kefu/shared';
import { useTranslation } from 'react-i18next';

/** Language choices for a Select, each named in its own language. */
export function useLocaleOptions(): { value: Locale; label: string }[] {
  const { t } = useTranslation();
  return LOCALES.map((locale) => ({ value: locale, label: t(`languages.${locale}`) }));
}
