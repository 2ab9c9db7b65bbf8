import type { ApiErrorBody, ErrorCode, ErrorDetail } from '@kefu/shared';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, httpStatusFor } from './appError.js';

export function sendError(
  reply: FastifyReply,
  code: ErrorCode,
  message: string,
  details: ErrorDetail[] | Record<string, unknown> = [],
) {
  const body: ApiErrorBody = { error: { code, message, details } };
  return reply.status(httpStatusFor(code)).type('application/json; charset=utf-8').send(body);
}

/** Fastify's own error codes for bad requests, mapped to ours so no bad input becomes a 500. */
const FASTIFY_CLIENT_ERRORS: Record<string, { code: ErrorCode; message: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'MALFORMED_JSON', message: 'The request body is not valid JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    code: 'MALFORMED_JSON',
    message: 'The request body is empty but Content-Type is application/json',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'Unsupported Content-Type; send application/json',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'VALIDATION_FAILED', message: 'Content-Length does not match the body' },
  FST_ERR_CTP_INVALID_TYPE: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Invalid Content-Type' },
  FST_ERR_VALIDATION: { code: 'VALIDATION_FAILED', message: 'The request is invalid' },
};

/**
 * Answers a request no route matched, or returns undefined to let the JSON 404 answer it. Fastify allows one
 * not-found handler per prefix, so the console's single-page fallback plugs in here instead of setting its own.
 */
export type NotFoundFallback = (request: FastifyRequest, reply: FastifyReply) => FastifyReply | undefined;

export function registerErrorHandling(app: FastifyInstance, notFoundFallback?: NotFoundFallback) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) return sendError(reply, error.code, error.message, error.details);

    if (hasZodFastifySchemaValidationErrors(error)) {
      const details: ErrorDetail[] = error.validation.map((v) => ({
        field: [error.validationContext, ...v.instancePath.split('/').filter(Boolean)].join('.'),
        issue: v.message ?? 'is invalid',
      }));
      const fields = details.map((d) => d.field).join(', ');
      return sendError(reply, 'VALIDATION_FAILED', `Invalid ${fields}`, details);
    }

    if (error.statusCode === 429) {
      return sendError(reply, 'RATE_LIMITED', 'Too many requests; slow down and try again shortly');
    }

    const mapped = error.code ? FASTIFY_CLIENT_ERRORS[error.code] : undefined;
    if (mapped) return sendError(reply, mapped.code, mapped.message);

    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      request.log.info({ err: error }, 'client error');
      return sendError(reply, 'VALIDATION_FAILED', error.message);
    }

    request.log.error({ err: error }, 'unhandled error');
    return sendError(reply, 'INTERNAL', 'Something went wrong on our side; it has been logged');
  });

  app.setNotFoundHandler(
    (request, reply) =>
      notFoundFallback?.(request, reply) ??
      sendError(reply, 'ROUTE_NOT_FOUND', `No route for ${request.method} ${request.url.split('?')[0]}`),
  );
}
