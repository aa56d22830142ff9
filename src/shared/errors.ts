// Errors a person can act on. Every failure that reaches a user carries a stable code (the UI and
// the command line translate it with the message catalogue) and the parameters that name the file,
// line, column or field involved. The English `message` is for logs.

export type ErrorParams = Record<string, string | number | null | undefined>;

export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly params: ErrorParams = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AppError';
  }
}

/** Raised when a job stops because its caller cancelled it. */
export class CancelledError extends AppError {
  constructor(what = 'job') {
    super('cancelled', `The ${what} was cancelled`);
    this.name = 'CancelledError';
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** Throws CancelledError when the signal has fired. */
export function throwIfAborted(signal: AbortSignal | undefined, what?: string): void {
  if (signal?.aborted) throw new CancelledError(what);
}
