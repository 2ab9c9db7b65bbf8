import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.js';
import type { Access } from '../policies/access.js';
import type { VisitorClaims } from '../widget/visitorToken.js';
import type { Actor } from './actor.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call the route; checked by the policy layer before the body is read. */
    access?: Access;
  }
  interface FastifyRequest {
    actor: Actor | null;
    /** Set on `visitor` routes: the widget visitor the signed token names. */
    visitor: VisitorClaims | null;
  }
  interface FastifyInstance {
    ctx: AppContext;
    /** Every route with an access rule, for the route × role tests and the docs. */
    routeCatalog: CatalogRoute[];
  }
}

export interface CatalogRoute {
  method: string;
  url: string;
  access: Access;
}

export type KefuApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;
