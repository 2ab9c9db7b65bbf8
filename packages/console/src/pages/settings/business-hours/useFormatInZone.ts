import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Formats an instant as the calendar's own clock shows it (weekday, date, time), in the interface language:
 * business hours are wall-clock times of the calendar's zone, whatever zone the browser is in.
 */
export function useFormatInZone(): (iso: string, timeZone: string) => string {
  const { i18n } = useTranslation();
  const formatters = useMemo(() => new Map<string, Intl.DateTimeFormat>(), []);
  return useCallback(
    (iso: string, timeZone: string) => {
      const key = `${i18n.language} ${timeZone}`;
      let formatter = formatters.get(key);
      if (!formatter) {
        const options: Intl.DateTimeFormatOptions = {
          weekday: 'short',
          year: 'numeric',
          month: 'numeric',
          day: 'numeric',
          hour: '2-digit',
          minute: '2-digit',
          hourCycle: 'h23',
        };
        try {
          formatter = new Intl.DateTimeFormat(i18n.language, { ...options, timeZone });
        } catch {
          // A zone the browser does not know (or one still being typed): the browser's own zone.
          formatter = new Intl.DateTimeFormat(i18n.language, options);
        }
        formatters.set(key, formatter);
      }
      return formatter.format(new Date(iso));
    },
    [formatters, i18n.language],
  );
}
