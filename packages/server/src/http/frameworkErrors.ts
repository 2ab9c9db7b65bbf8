import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { sendError } from './errorHandler.js';

/**
 * Errors the router raises before any route is found (a malformed %-escape, a path segment over the router's
 * length limit) skip the error handler and would answer in Fastify's own shape. Fastify's `frameworkErrors`
 * option sends them here instead, so they get our `{ error: { code, message, details } }` envelope too.
 */
export function sendFrameworkError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
  if (error.code === 'FST_ERR_BAD_URL') {
    return sendError(reply, 'VALIDATION_FAILED', 'The URL is not valid', [
      { field: 'params', issue: 'has a malformed %-escape' },
    ]);
  }
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    return sendError(reply, 'VALIDATION_FAILED', 'A path parameter is too long', [
      { field: 'params', issue: 'is too long' },
    ]);
  }
  reply.log.error({ err: error }, 'router error');
  return sendError(reply, 'INTERNAL', 'Something went wrong on our side; it has been logged');
}
