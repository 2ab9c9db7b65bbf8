import { isIP } from 'node:net';
import type { ConversationMeta } from './conversationPresenter.js';

const BROWSERS: [RegExp, string][] = [
  [/MicroMessenger\/([\d.]+)/, 'WeChat'],
  [/Edg\/([\d.]+)/, 'Edge'],
  [/OPR\/([\d.]+)/, 'Opera'],
  [/Firefox\/([\d.]+)/, 'Firefox'],
  [/Chrome\/([\d.]+)/, 'Chrome'],
  [/Version\/([\d.]+).*Safari/, 'Safari'],
];

const SYSTEMS: [RegExp, string][] = [
  [/Windows NT/, 'Windows'],
  [/iPhone|iPad|iPod/, 'iOS'],
  [/Android/, 'Android'],
  [/HarmonyOS/, 'HarmonyOS'],
  [/Mac OS X/, 'macOS'],
  [/Linux/, 'Linux'],
];

export function describeBrowser(userAgent: string | undefined): { browser: string | null; os: string | null } {
  if (!userAgent) return { browser: null, os: null };
  let browser: string | null = null;
  for (const [pattern, name] of BROWSERS) {
    const match = pattern.exec(userAgent);
    if (match) {
      browser = `${name} ${match[1]?.split('.')[0] ?? ''}`.trim();
      break;
    }
  }
  const os = SYSTEMS.find(([pattern]) => pattern.test(userAgent))?.[1] ?? null;
  return { browser, os };
}

/**
 * Without a geo-IP database only network kinds can be named; a deployment behind a proxy that sets a
 * region header (e.g. a CDN's) gets the region from there.
 */
export function describeLocation(ip: string, regionHeader: string | undefined): string | null {
  if (regionHeader) return regionHeader.slice(0, 100);
  if (!isIP(ip)) return null;
  if (/^(127\.|::1$|::ffff:127\.)/.test(ip)) return '本机';
  if (/^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|fc|fd|::ffff:(10|192\.168)\.)/i.test(ip)) return '内网';
  return null;
}

export function conversationMeta(input: {
  pageUrl?: string | undefined;
  referrer?: string | undefined;
  userAgent?: string | undefined;
  ip: string;
  regionHeader?: string | undefined;
}): ConversationMeta {
  return {
    pageUrl: input.pageUrl?.slice(0, 2000) ?? null,
    referrer: input.referrer?.slice(0, 2000) || null,
    ...describeBrowser(input.userAgent),
    ip: input.ip,
    location: describeLocation(input.ip, input.regionHeader),
  };
}
