import { type SensitiveMatch, sensitiveWordErrorDetails } from '@kefu/shared';

/** The matched words a refused send carried, if it was refused for sensitive words. */
export function sensitiveMatchesOf(details: unknown): SensitiveMatch[] | undefined {
  const parsed = sensitiveWordErrorDetails.safeParse(details);
  return parsed.success ? parsed.data.matches : undefined;
}

/** Each word once, in the order they appear. */
export function matchedWords(matches: SensitiveMatch[]): string {
  return [...new Set(matches.map((match) => match.word))].join('、');
}
