import type { Locale } from '@kefu/shared';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Switches the interface to the signed-in user's saved language whenever that changes (sign-in, profile update). */
export function useFollowUserLocale(userLocale: Locale | undefined): void {
  const { i18n } = useTranslation();
  useEffect(() => {
    if (userLocale && userLocale !== i18n.language) void i18n.changeLanguage(userLocale);
  }, [userLocale, i18n]);
}
