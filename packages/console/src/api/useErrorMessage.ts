import { LIMITS } from '@kefu/shared';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from './client';

/** How long a locked sign-in stays locked: the server says so in `retryAfterSeconds`, else the configured maximum. */
function lockMinutes(error: ApiError): number {
  const seconds = Array.isArray(error.details) ? undefined : error.details.retryAfterSeconds;
  return typeof seconds === 'number' && seconds > 0 ? Math.ceil(seconds / 60) : LIMITS.loginLockMinutes;
}

/** Turns anything a request threw into a sentence in the current language, chosen by the API error code. */
export function useErrorMessage(): (error: unknown) => string {
  const { t } = useTranslation();
  return useCallback(
    (error: unknown) => {
      if (!(error instanceof ApiError)) return t('errors.INTERNAL');
      return t(`errors.${error.code}`, { minutes: lockMinutes(error) });
    },
    [t],
  );
}
