import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ERRORS, errorMessage, type ErrorCode } from '@yiqi/shared/errors';
import { DomainError } from './domain-error.ts';
import { isDatabaseUnavailable } from '../db/database.ts';

/** Fastify's own error codes that are the caller's fault, mapped to ours. */
const FRAMEWORK_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'VALIDATION_FAILED',
  FST_ERR_VALIDATION: 'VALIDATION_FAILED',
};

/** One place turns every failure into `{ error: { code, message, details? } }` in the caller's language. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    let code: ErrorCode;
    let details: unknown;
    if (err instanceof DomainError) {
      code = err.code;
      details = err.details;
    } else if (hasZodFastifySchemaValidationErrors(err)) {
      code = 'VALIDATION_FAILED';
      details = err.validation.map((v) => ({
        path: `${err.validationContext ?? ''}${v.instancePath}`,
        message: v.message,
      }));
    } else if (err.code && FRAMEWORK_CODES[err.code]) {
      code = FRAMEWORK_CODES[err.code]!;
    } else if (err.statusCode === 429) {
      code = 'RATE_LIMITED';
    } else if (
      err instanceof SyntaxError ||
      (err.statusCode && err.statusCode >= 400 && err.statusCode < 500)
    ) {
      code =
        err.statusCode === 413
          ? 'PAYLOAD_TOO_LARGE'
          : err.statusCode === 415
            ? 'UNSUPPORTED_MEDIA_TYPE'
            : 'VALIDATION_FAILED';
    } else if (isDatabaseUnavailable(err)) {
      // A lost connection (failover, restart): this request failed, the next one gets a new connection.
      req.log.warn({ err }, 'database unavailable');
      code = 'SERVICE_UNAVAILABLE';
      reply.header('retry-after', '1');
    } else {
      req.log.error({ err }, 'unhandled error');
      code = 'INTERNAL';
    }
    const body = {
      error: { code, message: errorMessage(code, req.locale ?? 'zh-CN'), ...(details ? { details } : {}) },
    };
    return reply.code(ERRORS[code].status).send(body);
  });
}
