import type { Location } from 'react-router-dom';

/** Where to send a signed-out visitor, remembering the page they wanted. */
export function loginPathFor(location: Pick<Location, 'pathname' | 'search' | 'hash'>): string {
  const wanted = `${location.pathname}${location.search}${location.hash}`;
  return wanted === '/' ? '/login' : `/login?next=${encodeURIComponent(wanted)}`;
}

/** The page to open after signing in; only paths inside the console, so a crafted link cannot redirect elsewhere. */
export function safeNextPath(next: string | null): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (next === '/login' || next.startsWith('/login?')) return '/';
  return next;
}
