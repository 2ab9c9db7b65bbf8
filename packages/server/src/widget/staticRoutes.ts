import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import { z } from 'zod';
import { findFirstAccountId } from '../accounts/accountRepository.js';
import type { KefuApp } from '../http/kefuApp.js';
import { widgetSnippet } from '../inboxes/inboxPresenter.js';
import { listInboxes } from '../inboxes/inboxRepository.js';
import { DEMO_PAGE } from './demoPage.js';

/** The built widget (`packages/widget/dist`): loader.js for host pages, app.html for the iframe. */
export function locateWidgetDir(): string | undefined {
  const dir = path.resolve(import.meta.dirname, '../../../widget/dist');
  return existsSync(path.join(dir, 'loader.js')) ? dir : undefined;
}

export async function widgetStaticRoutes(app: KefuApp, dir: string | undefined) {
  if (dir) await serveWidget(app, dir);
  demoRoute(app, dir !== undefined);
}

async function serveWidget(app: KefuApp, dir: string) {
  await app.register(fastifyStatic, {
    root: dir,
    prefix: '/widget/',
    decorateReply: false,
    // Host pages load loader.js from anywhere; the iframe app is framed by any site that embeds it.
    setHeaders: (res) => {
      res.header('access-control-allow-origin', '*');
      res.header('x-content-type-options', 'nosniff');
    },
  });
}

function demoRoute(app: KefuApp, widgetBuilt: boolean) {
  app.get(
    '/demo',
    {
      config: { access: 'public' },
      schema: {
        hide: true,
        querystring: z.object({ websiteToken: z.string().max(100).optional(), locale: z.string().max(10).optional() }),
      },
    },
    async (request, reply) => {
      const token = request.query.websiteToken ?? (await demoWebsiteToken(app));
      const snippet = !widgetBuilt
        ? '<p class="notice">聊天组件尚未构建：请运行 npm run build。 The widget is not built yet: run npm run build.</p>'
        : token
          ? widgetSnippet(app.ctx.config.publicUrl, token)
          : '<p class="notice">还没有接入渠道：请先在 设置 → 接入渠道 创建一个。 No inbox yet: create one under Settings → Inboxes.</p>';
      return reply.type('text/html; charset=utf-8').send(DEMO_PAGE.replace('<!--WIDGET_SNIPPET-->', snippet));
    },
  );
}

async function demoWebsiteToken(app: KefuApp): Promise<string | undefined> {
  const accountId = await findFirstAccountId(app.ctx.db.kysely);
  if (!accountId) return undefined;
  return (await listInboxes(app.ctx.db.kysely, accountId))[0]?.website_token;
}
