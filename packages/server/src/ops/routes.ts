import type { Registry } from 'prom-client';
import { z } from 'zod';
import { pingDatabase } from '../db/database.js';
import { sendError } from '../http/errorHandler.js';
import type { KefuApp } from '../http/kefuApp.js';

export interface ReadinessProbe {
  name: string;
  check(): Promise<void>;
}

export function opsRoutes(app: KefuApp, metrics: Registry, extraProbes: ReadinessProbe[]) {
  app.get(
    '/healthz',
    {
      config: { access: 'public' },
      schema: {
        tags: ['ops'],
        summary: 'Liveness: the process answers',
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      config: { access: 'public' },
      schema: { tags: ['ops'], summary: 'Readiness: the database (and Redis, when configured) answer' },
    },
    async (_request, reply) => {
      const probes: ReadinessProbe[] = [{ name: 'database', check: () => pingDatabase(app.ctx.db) }, ...extraProbes];
      const results = await Promise.all(
        probes.map(async (p) => {
          try {
            await p.check();
            return [p.name, 'ok'] as const;
          } catch (error) {
            app.log.warn({ err: error, probe: p.name }, 'readiness probe failed');
            return [p.name, 'down'] as const;
          }
        }),
      );
      const checks = Object.fromEntries(results);
      if (results.some(([, state]) => state !== 'ok')) {
        return sendError(reply, 'SERVICE_UNAVAILABLE', 'A dependency is not reachable', checks);
      }
      return { status: 'ready', checks };
    },
  );

  app.get(
    '/metrics',
    { config: { access: 'public' }, schema: { tags: ['ops'], summary: 'Prometheus metrics', hide: true } },
    async (_request, reply) => reply.type(metrics.contentType).send(await metrics.metrics()),
  );
}
