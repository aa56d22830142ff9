// Handlers of the encoder routes.

import type { Backend } from '../backend';
import type { Handlers } from '../router';
import { unavailable } from './shared';

type EncoderRoutes = 'encoders.list' | 'encoders.catalogue' | 'encoders.install' | 'encoders.download' | 'encoders.activate' | 'encoders.providers';

export function encodersHandlers(_backend: Backend): Pick<Handlers, EncoderRoutes> {
  return {
    'encoders.list': () => unavailable('encoders.list'),
    'encoders.catalogue': () => unavailable('encoders.catalogue'),
    'encoders.install': () => unavailable('encoders.install'),
    'encoders.download': () => unavailable('encoders.download'),
    'encoders.activate': () => unavailable('encoders.activate'),
    'encoders.providers': () => unavailable('encoders.providers'),
  };
}
