import type { AccountView, Locale } from '@kefu/shared';
import type { AccountRow } from './accountRepository.js';

export function presentAccount(row: AccountRow): AccountView {
  return {
    id: row.id,
    name: row.name,
    locale: row.locale as Locale,
    timezone: row.timezone,
    createdAt: new Date(row.created_at).toISOString(),
  };
}
