// The result of every API call. Handlers never throw across the process boundary: a failure comes
// back as a stable code the UI can branch on, a message already translated for the request's
// locale, and the parameters that name the field, file or id involved.

import type { ErrorParams } from '../errors';

export interface ApiError {
  /** Stable key, the AppError code (the message catalogue has it as `error.<code>`). */
  code: string;
  /** Message in the locale of the request (pt-BR unless the settings say English). */
  message: string;
  params: ErrorParams;
}

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };

export function ok<T>(data: T): ApiResult<T> {
  return { ok: true, data };
}

export function fail<T = never>(error: ApiError): ApiResult<T> {
  return { ok: false, error };
}
