import { LIMITS } from '@kefu/shared';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from './client';

/** Turns anything a request threw into a sentence in the current language, chosen by the API error code. */
export function useErrorMessage(): (error: unknown) => string {
  const { t } = useTranslation();
  return useCallback(
    (error: unknown) => {
      if (!(error instanceof ApiError)) return t('errors.INTERNAL');
      return t(`errors.${error.code}`, { minutes: LIMITS.loginLockMinutes });
    },
    [t],
  );
}
