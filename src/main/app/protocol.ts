// The app:// scheme that serves the built renderer to the window, with the same CSP and security
// headers as the web host. A custom scheme (instead of file://) gives the page a real origin that
// the router's sender check and the navigation guard can compare against.

import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { net, protocol, session } from 'electron';

import { cspHeader, SECURITY_HEADERS } from './csp';
import { APP_HOST, APP_SCHEME } from './window';
import { resolveStaticPath } from '../webhost/static';
import { createLogger } from '../log';

const log = createLogger('protocol');

/** Must run before the app's ready event. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/** Serves files of `rendererDir` on app://aderencia/; every other host or path outside is 404. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return notFound(url);
    const pathname = url.pathname === '/' ? '/index.html' : url.pathname;
    let file = resolveStaticPath(rendererDir, pathname);
    if (!file && path.extname(pathname) === '') file = resolveStaticPath(rendererDir, '/index.html');
    if (!file) return notFound(url);
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', cspHeader());
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) headers.set(name, value);
    return new Response(response.body, { status: response.status, headers });
  });
}

function notFound(url: URL): Response {
  log.warn(`no renderer file for ${url.host}${url.pathname}`);
  return new Response('Not found', { status: 404 });
}

/**
 * Cancels every http(s) and WebSocket request a page makes, so nothing loads from the network;
 * `allowedOrigins` lists the dev server in development. Main's own downloads (a model the user
 * asked for) use Node's fetch and are unaffected.
 */
export function blockNetwork(allowedOrigins: readonly string[]): void {
  session.defaultSession.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] }, (details, callback) => {
    let origin = '';
    try {
      const parsed = new URL(details.url);
      origin = `${parsed.protocol.replace('ws', 'http')}//${parsed.host}`;
    } catch {
      // An unparsable URL is cancelled like any other foreign request.
    }
    const allowed = allowedOrigins.some((allowedOrigin) => allowedOrigin === origin);
    if (!allowed) log.warn(`blocked network request to ${origin || '(invalid URL)'}`);
    callback({ cancel: !allowed });
  });
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) => {
    log.warn(`denied permission ${permission}`);
    callback(false);
  });
  session.defaultSession.setPermissionCheckHandler(() => false);
}
