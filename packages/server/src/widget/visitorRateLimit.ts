import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../http/appError.js';
import type { KefuApp } from '../http/kefuApp.js';

export interface VisitorLimit {
  /** Names the counters (and the refusal): `widget-upload`, `leave-message`. */
  name: string;
  perVisitor: number;
  perIp: number;
  windowMs: number;
}

/**
 * A preHandler for a visitor route: at most `perVisitor` calls per visitor and `perIp` per client address in each
 * window (one abuser can mint visitor tokens; many real visitors can share an office's address). The counters
 * live in the rate-limit store: in memory, or in Redis shared by every node of a cluster.
 */
export function visitorRateLimit(
  app: KefuApp,
  limit: VisitorLimit,
): (request: FastifyRequest, reply: FastifyReply) => Promise<void> {
  const counters = [
    app.createRateLimit({
      max: limit.perIp,
      timeWindow: limit.windowMs,
      keyGenerator: (request) => `${limit.name}:ip:${request.ip}`,
    }),
    app.createRateLimit({
      max: limit.perVisitor,
      timeWindow: limit.windowMs,
      keyGenerator: (request) => `${limit.name}:visitor:${request.visitor?.contactId ?? request.ip}`,
    }),
  ];
  return async (request, reply) => {
    for (const count of counters) {
      const result = await count(request);
      if (!result.isAllowed && result.isExceeded) {
        reply.header('retry-after', String(result.ttlInSeconds));
        throw new AppError('RATE_LIMITED', `Too many attempts; try again in ${result.ttlInSeconds} s`, {
          retryAfter: result.ttlInSeconds,
          limit: result.max,
        });
      }
    }
  };
}
