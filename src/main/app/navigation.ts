// Navigation guards of the window: the page may never leave the app's own origin, open new
// windows, or ask for permissions (camera, notifications, geolocation). The decisions are plain
// functions so they are testable without Electron; guardWebContents wires them to a window.

import type { WebContents } from 'electron';

import { createLogger } from '../log';
import { originOf } from '../api/senders';

const log = createLogger('navigation');

/** True when `url` is a page of one of the allowed origins; any parse failure is a no. */
export function isAllowedNavigation(url: string, allowed: readonly string[]): boolean {
  try {
    return allowed.includes(originOf(url));
  } catch {
    return false;
  }
}

/** Decides a permission request: always no, because the app needs no permission. */
export function decidePermission(_permission: string): boolean {
  return false;
}

/** Wires the guards to a window's contents. Links never open: not in the app, not in a browser. */
export function guardWebContents(contents: WebContents, allowed: readonly string[]): void {
  contents.on('will-navigate', (event, url) => {
    if (isAllowedNavigation(url, allowed)) return;
    event.preventDefault();
    log.warn(`blocked navigation to ${safeUrl(url)}`);
  });
  contents.on('will-redirect', (event, url) => {
    if (isAllowedNavigation(url, allowed)) return;
    event.preventDefault();
    log.warn(`blocked redirect to ${safeUrl(url)}`);
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('blocked a webview');
  });
  contents.setWindowOpenHandler(({ url }) => {
    log.warn(`blocked window.open of ${safeUrl(url)}`);
    return { action: 'deny' };
  });
}

/** Origin and path only, so a query string with personal data never reaches the log. */
function safeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}
