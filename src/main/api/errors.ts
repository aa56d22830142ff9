// Maps whatever a handler threw to the API's error shape. An AppError keeps its code and params,
// with the message translated for the request's locale. A zod error becomes `invalid_input`
// naming the field. Anything else is `internal`, and the router logs it with its stack.

import { z } from 'zod';

import { AppError, isAppError } from '../../shared/errors';
import { translator, type Locale } from '../../shared/i18n';
import type { ApiError } from '../../shared/api';

/** Formats a zod issue path as people read it: filter.years.from, page.limit, keywords[2]. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(input)';
}

/** Field path of an issue; an unknown key is named itself, not its parent object. */
function issueField(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => fieldPath([...issue.path, key])).join(', ');
  return fieldPath(issue.path);
}

/** Turns a zod error into one AppError naming the first invalid field and listing all of them. */
export function invalidInput(route: string, error: z.ZodError): AppError {
  const first = error.issues[0];
  const field = first ? issueField(first) : '(input)';
  const reason = first?.message ?? 'invalid value';
  const fields = [...new Set(error.issues.map(issueField))].join(', ');
  return new AppError('invalid_input', `Invalid input for ${route} in field ${field}: ${reason}`, {
    route,
    field,
    reason,
    fields,
  });
}

/** Translates an AppError for a locale; unknown codes fall back to the English message. */
export function toApiError(error: AppError, locale: Locale): ApiError {
  const t = translator(locale);
  const message = t(`error.${error.code}`, { ...error.params, defaultValue: error.message });
  return { code: error.code, message, params: { ...error.params } };
}

/** Maps any thrown value to an ApiError; `internal` for anything that is not an AppError. */
export function errorFromUnknown(error: unknown, locale: Locale): ApiError {
  if (isAppError(error)) return toApiError(error, locale);
  const message = error instanceof Error ? error.message : String(error);
  return toApiError(new AppError('internal', message, { message }), locale);
}
