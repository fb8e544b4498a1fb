import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ERRORS, errorMessage, type ErrorCode } from '@yiqi/shared/errors';
import { DomainError } from '../core/domain-error.ts';
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

/**
 * PostgreSQL's data exceptions that only a caller's value can cause: untranslatable character (22P05),
 * invalid byte sequence (22021), datetime out of range (22008), invalid datetime format (22007), invalid
 * text representation (22P02), numeric out of range (22003), value too long (22001), invalid escape in a
 * LIKE pattern (22025). The contracts should refuse such values first; this is the safety net, so a gap
 * in a contract is a 400 (and a warning naming the route), never a 500.
 */
const INPUT_SQLSTATES = new Set(['22P05', '22021', '22008', '22007', '22P02', '22003', '22001', '22025']);

function isInputSqlError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && INPUT_SQLSTATES.has(code);
}

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
    } else if (isInputSqlError(err)) {
      req.log.warn({ sqlstate: err.code, route: req.routeOptions.url }, 'input refused by the database');
      code = 'INVALID_VALUE';
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
    // The limit of the route that refused the body, so a client can say how much it may send.
    if (code === 'PAYLOAD_TOO_LARGE' && !(err instanceof DomainError))
      details = { limitBytes: req.routeOptions.bodyLimit };
    const body = {
      error: { code, message: errorMessage(code, req.locale ?? 'zh-CN'), ...(details ? { details } : {}) },
    };
    return reply.code(ERRORS[code].status).send(body);
  });
}
