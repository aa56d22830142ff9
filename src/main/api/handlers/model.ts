// Handlers of the Models routes. Training runs as a job in the 'train' lane with `single`, so a
// second "Retreinar" returns the job already queued or running.

import type { Backend } from '../backend';
import type { Handlers } from '../router';
import { unavailable } from './shared';

type ModelRoutes = 'model.train' | 'model.versions' | 'model.activate' | 'model.compare';

export function modelHandlers(_backend: Backend): Pick<Handlers, ModelRoutes> {
  return {
    'model.train': () => unavailable('model.train'),
    'model.versions': () => unavailable('model.versions'),
    'model.activate': () => unavailable('model.activate'),
    'model.compare': () => unavailable('model.compare'),
  };
}
