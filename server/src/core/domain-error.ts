import type { ErrorCode } from '@yiqi/shared/errors';

/** The one error type services throw; the error handler maps its code to status and message. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly details?: unknown,
  ) {
    super(code);
  }
}
