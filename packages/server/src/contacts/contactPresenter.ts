import type { ContactSummary } from '@kefu/shared';
import type { ContactSearchRow } from './contactSearchRepository.js';
import { maskEmail, maskPhone } from './masking.js';

/** A contact as staff see it by default: phone and email masked (PIPL). */
export function presentContactSummary(row: ContactSearchRow): ContactSummary {
  return {
    id: row.id,
    name: row.name,
    email: maskEmail(row.email),
    phone: maskPhone(row.phone),
    verified: row.verified === 1,
  };
}
