let cached: string[] | undefined;

/** Every IANA time zone the browser knows, plus UTC, which some browsers leave out of the list. */
export function allTimeZones(): string[] {
  cached ??= Array.from(new Set(['UTC', ...Intl.supportedValuesOf('timeZone')]));
  return cached;
}
