// The main window's options and the app's own origin. Kept free of Electron imports so the
// security settings can be tested without an Electron binary.

import type { BrowserWindowConstructorOptions } from 'electron';

/** The privileged scheme that serves the built renderer; pages on it are the app's own. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'aderencia';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * Options of the one window: context isolation, the sandbox, no Node integration, no webview
 * tags, and the preload as the only bridge to main.
 */
export function windowOptions(preloadPath: string, title = 'Aderência'): BrowserWindowConstructorOptions {
  return {
    width: 1360,
    height: 860,
    minWidth: 960,
    minHeight: 600,
    title,
    show: false,
    backgroundColor: '#fafafa',
    autoHideMenuBar: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
    },
  };
}

/** Origins whose pages may call the API: the app's scheme, and the dev server in development. */
export function allowedOrigins(devServerUrl: string | undefined): string[] {
  const origins = [APP_ORIGIN];
  if (devServerUrl) {
    const url = new URL(devServerUrl);
    origins.push(`${url.protocol}//${url.host}`);
  }
  return origins;
}
