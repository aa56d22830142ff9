// All route handlers, one group per area. The `satisfies Handlers` check makes a route added to
// the contract without a handler a type error.

import type { Backend } from '../backend';
import type { Handlers } from '../router';
import { appHandlers } from './app';
import { corpusHandlers } from './corpus';
import { encodersHandlers } from './encoders';
import { exportHandlers } from './export';
import { jobsHandlers } from './jobs';
import { modelHandlers } from './model';
import { pairsHandlers } from './pairs';
import { themesHandlers } from './themes';
import { viewsHandlers } from './views';

export function createHandlers(backend: Backend): Handlers {
  return {
    ...appHandlers(backend),
    ...corpusHandlers(backend),
    ...pairsHandlers(backend),
    ...modelHandlers(backend),
    ...jobsHandlers(backend),
    ...themesHandlers(backend),
    ...viewsHandlers(backend),
    ...exportHandlers(backend),
    ...encodersHandlers(backend),
  } satisfies Handlers;
}
