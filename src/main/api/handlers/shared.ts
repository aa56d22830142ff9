// Helpers the handler groups share.

import { AppError } from '../../../shared/errors';
import type { RouteName } from '../../../shared/api';

/**
 * Raises `service_unavailable` for a route whose service is not part of this build yet, so the
 * screens show a clear message instead of a crash.
 */
export function unavailable(route: RouteName): never {
  throw new AppError('service_unavailable', `${route} is not available in this build`, { route });
}

export type NotFoundKind = 'pair' | 'theme' | 'view' | 'job' | 'import' | 'model_version' | 'encoder';

/** Raises `<kind>_not_found` (each code has its own message in the catalogue) with the id. */
export function notFound(kind: NotFoundKind, id: number | string): never {
  throw new AppError(`${kind}_not_found`, `${kind.replace('_', ' ')} ${id} not found`, { id });
}
