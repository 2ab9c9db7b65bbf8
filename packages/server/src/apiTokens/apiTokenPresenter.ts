import type { ApiTokenView } from '@kefu/shared';
import type { ApiTokensTable } from '../db/schema.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function presentApiToken(row: ApiTokensTable): ApiTokenView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    lastUsedAt: iso(row.last_used_at),
    expiresAt: iso(row.expires_at),
    createdAt: new Date(row.created_at).toISOString(),
  };
}
