// Handlers of the Export routes.

import type { Backend } from '../backend';
import type { Handlers } from '../router';
import { unavailable } from './shared';

export function exportHandlers(_backend: Backend): Pick<Handlers, 'export.run' | 'export.openFolder'> {
  return {
    'export.run': () => unavailable('export.run'),
    'export.openFolder': () => unavailable('export.openFolder'),
  };
}
