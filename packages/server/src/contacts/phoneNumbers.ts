import { type RawBuilder, sql } from 'kysely';

/** Digits of a phone number, without a leading 86 country code (138 1234 5678, +86-13812345678). */
export function phoneDigits(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.length === 13 && digits.startsWith('86') ? digits.slice(2) : digits;
}

/** A stored phone column with the separators people type removed, in SQL both databases speak. */
export function storedPhoneDigits(column: string): RawBuilder<string> {
  const ref = sql.ref(column);
  return sql<string>`replace(replace(replace(replace(replace(${ref}, ' ', ''), '-', ''), '(', ''), ')', ''), '+', '')`;
}
