/** The error codes a client can see; every error that reaches a client carries one of them. */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'SERVICE_UNAVAILABLE'
  | 'TIMEOUT'
  | 'INTERNAL_SERVER_ERROR';

/** An error whose message is meant for the client. Anything else is masked before it leaves the service. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AppError';
  }
}

export const serviceUnavailable = (cause: unknown): AppError =>
  new AppError(
    'SERVICE_UNAVAILABLE',
    'The database is not reachable right now; try again shortly.',
    {},
    { cause },
  );

export const timedOut = (cause: unknown): AppError =>
  new AppError('TIMEOUT', 'The query took longer than the allowed time and was stopped.', {}, { cause });
