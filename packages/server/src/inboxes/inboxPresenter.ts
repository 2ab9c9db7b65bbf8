import { type InboxView, type Role, widgetSettings } from '@kefu/shared';
import type { InboxRow } from './inboxRepository.js';

export function parseSettings(row: Pick<InboxRow, 'settings'>) {
  return widgetSettings.parse(JSON.parse(row.settings));
}

/** The snippet a website owner pastes before `</body>`; attribute values are escaped for HTML. */
export function widgetSnippet(publicUrl: string, websiteToken: string): string {
  const escapeAttribute = (v: string) => v.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<script src="${escapeAttribute(publicUrl)}/widget/loader.js" data-website-token="${escapeAttribute(websiteToken)}" async></script>`;
}

/** The identity-verification secret is for admins only: an agent who knew it could impersonate customers. */
export function presentInbox(row: InboxRow, publicUrl: string, viewerRole: Role): InboxView {
  return {
    id: row.id,
    name: row.name,
    channel: 'web_widget',
    websiteToken: row.website_token,
    hmacSecret: viewerRole === 'admin' ? row.hmac_secret : null,
    settings: parseSettings(row),
    snippet: widgetSnippet(publicUrl, row.website_token),
    createdAt: new Date(row.created_at).toISOString(),
  };
}
