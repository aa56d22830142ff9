// Helpers the handler groups share.

import { AppError } from '../../../shared/errors';

export type NotFoundKind = 'pair' | 'theme' | 'view' | 'job' | 'import' | 'model_version' | 'encoder';

/** Raises `<kind>_not_found` (each code has its own message in the catalogue) with the id. */
export function notFound(kind: NotFoundKind, id: number | string): never {
  throw new AppError(`${kind}_not_found`, `${kind.replace('_', ' ')} ${id} not found`, { id });
}
