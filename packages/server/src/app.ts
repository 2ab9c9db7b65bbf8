import { readFileSync } from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { LIMITS } from '@kefu/shared';
import Fastify from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { Redis } from 'ioredis';
import { accountRoutes } from './accounts/routes.js';
import { apiTokenRoutes } from './apiTokens/routes.js';
import { attachmentRoutes } from './attachments/routes.js';
import { auditRoutes } from './audit/routes.js';
import { authRoutes } from './auth/routes.js';
import { botRoutes } from './bot/routes.js';
import { businessHoursRoutes } from './businessHours/routes.js';
import { contactRoutes } from './contacts/routes.js';
import { type AppContext, systemClock } from './context.js';
import { conversationRoutes } from './conversations/routes.js';
import { departmentTaskRoutes } from './departmentTasks/routes.js';
import { helpCenterRoutes } from './helpCenter/routes.js';
import { authenticate, authenticateVisitor } from './http/authentication.js';
import { type NotFoundFallback, registerErrorHandling } from './http/errorHandler.js';
import { sendFrameworkError } from './http/frameworkErrors.js';
import type { CatalogRoute, KefuApp } from './http/kefuApp.js';
import { logRedactPaths, logSerializers } from './http/logging.js';
import { inboxRoutes } from './inboxes/routes.js';
import { knowledgeRoutes } from './knowledge/routes.js';
import { labelRoutes } from './labels/routes.js';
import { moderationRoutes } from './moderation/routes.js';
import { registerMetrics } from './ops/metrics.js';
import { opsRoutes, type ReadinessProbe } from './ops/routes.js';
import { authorize } from './policies/access.js';
import { presenceRoutes } from './presence/routes.js';
import { quickReplyRoutes } from './quickReplies/routes.js';
import { registerRealtime } from './realtime/gateway.js';
import { routingRoutes } from './routing/routes.js';
import { startRoutingSweeper } from './routing/routingSweeper.js';
import { searchRoutes } from './search/routes.js';
import { slaRoutes } from './sla/routes.js';
import { startSlaSweeper } from './sla/slaSweeper.js';
import { supervisionRoutes } from './supervision/routes.js';
import { teamRoutes } from './teams/routes.js';
import { ticketNotificationRoutes } from './tickets/notificationRoutes.js';
import { ticketRoutes } from './tickets/routes.js';
import { startTicketDueSweeper } from './tickets/ticketDueSweeper.js';
import { widgetTicketRoutes } from './tickets/widgetTicketRoutes.js';
import { ticketTypeRoutes } from './ticketTypes/routes.js';
import { ticketViewRoutes } from './ticketViews/routes.js';
import { userRoutes } from './users/routes.js';
import { widgetRoutes } from './widget/routes.js';
import { locateWidgetDir, widgetStaticRoutes } from './widget/staticRoutes.js';

export interface BuildAppOptions {
  /** Pino options for the request logger; tests pass `false`. */
  logger?: boolean;
  /** Where the request log goes instead of stdout; tests capture it to check what gets logged. */
  logStream?: NodeJS.WritableStream;
}

export async function buildApp(ctx: AppContext, options: BuildAppOptions = {}): Promise<KefuApp> {
  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : {
            level: ctx.config.logLevel,
            serializers: logSerializers,
            redact: { paths: logRedactPaths, censor: '[redacted]' },
            ...(options.logStream ? { stream: options.logStream } : {}),
          },
    bodyLimit: LIMITS.maxJsonBodyBytes,
    trustProxy: ctx.config.trustProxy,
    frameworkErrors: sendFrameworkError,
  }).withTypeProvider<ZodTypeProvider>();

  app.decorate('ctx', ctx);
  app.decorateRequest('actor', null);
  app.decorateRequest('visitor', null);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app, ctx.config.consoleDir ? consoleFallback(ctx.config.consoleDir) : undefined);

  // The policy layer: every API route must say who may call it, or the server refuses to start.
  const routeCatalog: CatalogRoute[] = [];
  app.decorate('routeCatalog', routeCatalog);
  app.addHook('onRoute', (route) => {
    const isApi = route.url.startsWith('/api/') && !route.url.startsWith('/api/docs');
    if (isApi && !route.config?.access) throw new Error(`Route ${route.method} ${route.url} declares no access rule`);
    const access = route.config?.access;
    if (!access) return;
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') routeCatalog.push({ method, url: route.url, access });
    }
  });

  await app.register(fastifyCookie);
  // After the cookie parser, before the body is read: unauthenticated callers learn nothing about shapes.
  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access;
    if (!access || access === 'public') return;
    if (access === 'visitor') {
      request.visitor = authenticateVisitor(ctx, request);
      return;
    }
    request.actor = await authenticate(ctx, request);
    authorize(request.actor, access);
  });
  const redis = ctx.config.redisUrl
    ? new Redis(ctx.config.redisUrl, { lazyConnect: false, maxRetriesPerRequest: 2 })
    : undefined;
  await app.register(fastifyRateLimit, {
    global: false,
    ...(redis ? { redis, nameSpace: 'kefu-rl:' } : {}),
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      code: 'RATE_LIMITED',
      message: `Too many attempts; try again in ${Math.ceil(context.ttl / 1000)} s`,
    }),
  });
  const probes: ReadinessProbe[] = redis ? [{ name: 'redis', check: async () => void (await redis.ping()) }] : [];
  if (redis) app.addHook('onClose', async () => void redis.disconnect());

  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Kefu API', description: 'Kefu (客服) customer service platform', version: '0.1.0' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'kefu_session' },
          apiToken: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  const metrics = registerMetrics(app);
  opsRoutes(app, metrics, probes);
  authRoutes(app);
  accountRoutes(app);
  userRoutes(app);
  teamRoutes(app);
  apiTokenRoutes(app);
  auditRoutes(app);
  inboxRoutes(app);
  businessHoursRoutes(app);
  conversationRoutes(app);
  searchRoutes(app);
  labelRoutes(app);
  moderationRoutes(app);
  contactRoutes(app);
  await attachmentRoutes(app);
  await quickReplyRoutes(app);
  await knowledgeRoutes(app);
  helpCenterRoutes(app);
  widgetRoutes(app);
  presenceRoutes(app);
  routingRoutes(app);
  supervisionRoutes(app);
  ticketTypeRoutes(app);
  ticketRoutes(app);
  ticketViewRoutes(app);
  slaRoutes(app);
  ticketNotificationRoutes(app);
  departmentTaskRoutes(app);
  widgetTicketRoutes(app);
  botRoutes(app);
  const hub = await registerRealtime(app);
  // Each node sweeps (presence grace, abandoned queues, overflow, auto-transfer, auto-close); tests sweep by hand.
  if (ctx.clock === systemClock) {
    const stopSweeper = startRoutingSweeper(ctx, () => hub.connectedContactIds, ctx.config.presenceGraceMs);
    app.addHook('onClose', async () => stopSweeper());
    // Promised reply times and task due times: reminders and overdue notices (tickets/ticketDueSweeper.ts).
    const stopDueSweeper = startTicketDueSweeper(ctx);
    app.addHook('onClose', async () => stopDueSweeper());
    // SLA warnings, breaches and their actions, and customer messages in linked chats (sla/slaSweeper.ts).
    const stopSlaSweeper = startSlaSweeper(ctx);
    app.addHook('onClose', async () => stopSlaSweeper());
  }
  await widgetStaticRoutes(app, locateWidgetDir());

  if (ctx.config.consoleDir) {
    await app.register(fastifyStatic, { root: ctx.config.consoleDir, prefix: '/', wildcard: false, index: false });
  }
  return app;
}

/** The console is a single-page app: unknown non-API GETs that want HTML get its index.html. */
function consoleFallback(dir: string): NotFoundFallback {
  const indexHtml = readFileSync(path.join(dir, 'index.html'));
  return (request, reply) => {
    const wantsHtml = request.method === 'GET' && (request.headers.accept ?? '').includes('text/html');
    const isApi = request.url.startsWith('/api/') || request.url === '/api';
    return wantsHtml && !isApi ? reply.type('text/html; charset=utf-8').send(indexHtml) : undefined;
  };
}
