import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** Formats an ISO timestamp for people, in the interface language and the browser's time zone. */
export function useFormatDateTime(): (iso: string) => string {
  const { i18n } = useTranslation();
  const formatter = useMemo(
    () => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }),
    [i18n.language],
  );
  return useCallback((iso: string) => formatter.format(new Date(iso)), [formatter]);
}
