import type { FastifyRequest } from 'fastify';

/**
 * Secrets in URLs (invite links) and search text (often a person's name or email) are cut out before a
 * request line is logged. `/invites/accept` is a route, not a token, and stays readable.
 */
export function redactUrl(url: string): string {
  return url
    .replace(/(\/invites\/)(?!accept(?:[/?#]|$))[^/?#]+/g, '$1[redacted]')
    .replace(/([?&](?:token|secret|q)=)[^&#]*/gi, '$1[redacted]');
}

/**
 * Request logs carry method, route and URL only: no headers (cookies, tokens), no bodies (passwords,
 * customer messages) and no client address, so the log holds no personal data.
 */
export const logSerializers = {
  req(request: FastifyRequest) {
    return { method: request.method, url: redactUrl(request.url), id: request.id };
  },
};

export const logRedactPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.token',
  '*.secret',
];
