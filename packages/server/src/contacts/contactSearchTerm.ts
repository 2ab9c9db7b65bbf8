import { CONTACT_SEARCH_LIMITS } from '@kefu/shared';
import { phoneDigits } from './phoneNumbers.js';

/** What a contact search looks for, read from the one box the agent types in. */
export type ContactSearchTerm =
  | { kind: 'email'; email: string }
  | { kind: 'phone'; digits: string }
  | { kind: 'name'; text: string };

/** Digits, spaces, dashes, brackets and a leading +. */
const PHONE_LIKE = /^\+?[\d\s()-]+$/;

/**
 * An `@` makes it an email address; something shaped like a phone number with at least four digits is a number
 * (whole, or its tail); anything else is part of a name.
 */
export function contactSearchTerm(q: string): ContactSearchTerm {
  const text = q.trim();
  if (text.includes('@')) return { kind: 'email', email: text.toLowerCase() };
  if (PHONE_LIKE.test(text)) {
    const digits = phoneDigits(text);
    if (digits.length >= CONTACT_SEARCH_LIMITS.phoneDigitsMin) return { kind: 'phone', digits };
  }
  return { kind: 'name', text: text.toLowerCase() };
}
