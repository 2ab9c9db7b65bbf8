import type { InboxView } from '@kefu/shared';

/** The server's demo page, with this inbox's widget on it. */
export function demoUrl(inbox: Pick<InboxView, 'websiteToken'>): string {
  return `/demo?websiteToken=${encodeURIComponent(inbox.websiteToken)}`;
}
