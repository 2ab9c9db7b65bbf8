import type { Locale } from '@kefu/shared';
import { App } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { updateProfile } from '../api/auth';
import { useErrorMessage } from '../api/useErrorMessage';
import { useSession } from '../auth/SessionContext';

/** Switches the interface language at once and, when signed in, saves it as the user's preference. */
export function useChangeLanguage(): (locale: Locale) => Promise<void> {
  const { i18n } = useTranslation();
  const { session, replaceSession } = useSession();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();

  return useCallback(
    async (locale: Locale) => {
      await i18n.changeLanguage(locale);
      if (!session || session.user.locale === locale) return;
      try {
        replaceSession(await updateProfile({ locale }));
      } catch (error) {
        message.error(errorMessage(error));
      }
    },
    [i18n, session, replaceSession, message, errorMessage],
  );
}
