// The global the preload adds to the renderer's window (absent when the web host serves the page).

import type { AderenciaBridge } from '../shared/api';

declare global {
  interface Window {
    aderencia?: AderenciaBridge;
  }
}

export {};
