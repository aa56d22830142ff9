// The loopback web host: an HTTP server on 127.0.0.1 with a random port and a random token that
// serves the built renderer and the same API as the Electron window (the same Backend, router and
// services). POST /api/<route> carries the token in a header; GET /api/events is a server-sent
// event stream of job progress; POST /api/upload turns a file into a handle. Used by end-to-end
// tests and `aderencia serve`.

import { randomBytes } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

import type { ApiResult } from '../../shared/api';
import { AppError } from '../../shared/errors';
import type { Backend } from '../api/backend';
import { errorFromUnknown } from '../api/errors';
import type { Router } from '../api/router';
import { tokenSenderPolicy, type Sender, type SenderPolicy } from '../api/senders';
import { cspHeader, SECURITY_HEADERS } from '../app/csp';
import { createLogger } from '../log';
import { resolveStaticPath, sendFile } from './static';
import { receiveUpload } from './upload';

const log = createLogger('webhost');

export const TOKEN_HEADER = 'x-aderencia-token';
/** JSON bodies of API calls; a filter with 5,000 theme ids stays far below this. */
const MAX_JSON_BYTES = 1024 * 1024;
/** SSE comment interval that keeps idle connections from being closed by the browser. */
const HEARTBEAT_MS = 15_000;

export interface WebHostOptions {
  backend: Backend;
  /** Folder of the built renderer (out/renderer). */
  rendererDir: string;
  /** 0 (the default) lets the system pick a free port. */
  port?: number;
  /** Fixed token for tests; a random 32-byte token otherwise. */
  token?: string;
}

export interface WebHost {
  /** Address to open in a browser, with the token as a query parameter. */
  url: string;
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const policy = tokenSenderPolicy(token);
  const router = options.backend.router(policy);
  const streams = new Set<ServerResponse>();
  let port = 0;

  const server = http.createServer((request, response) => {
    setSecurityHeaders(response);
    handleRequest({ request, response, options, router, policy, streams, port }).catch((error: unknown) => {
      log.error('request failed', error);
      if (!response.headersSent) sendJson(response, 500, { ok: false, error: errorFromUnknown(error, options.backend.locale()) });
      else response.destroy();
    });
  });
  server.headersTimeout = 30_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  log.info(`web host listening on ${origin}`);

  const unsubscribe = options.backend.onEvent((event) => {
    const frame = `data: ${JSON.stringify(event)}\n\n`;
    for (const stream of streams) stream.write(frame);
  });
  const heartbeat = setInterval(() => {
    for (const stream of streams) stream.write(': heartbeat\n\n');
  }, HEARTBEAT_MS);
  heartbeat.unref();

  return {
    url: `${origin}/?token=${encodeURIComponent(token)}`,
    origin,
    port,
    token,
    async close() {
      clearInterval(heartbeat);
      unsubscribe();
      for (const stream of streams) stream.end();
      streams.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      log.info('web host stopped');
    },
  };
}

interface RequestScope {
  request: IncomingMessage;
  response: ServerResponse;
  options: WebHostOptions;
  router: Router;
  policy: SenderPolicy;
  streams: Set<ServerResponse>;
  port: number;
}

async function handleRequest(scope: RequestScope): Promise<void> {
  const { request, response } = scope;
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');

  // A page on another site may resolve its own host name to 127.0.0.1 (DNS rebinding). Such a
  // request carries that foreign name in Host, so only loopback names are served.
  if (!isLoopbackHost(request.headers.host, scope.port)) {
    log.warn(`rejected request with Host ${JSON.stringify(request.headers.host ?? '')}`);
    sendText(response, 421, 'Misdirected request');
    return;
  }

  if (url.pathname === '/api/events' && request.method === 'GET') return openEventStream(scope, url);
  if (url.pathname === '/api/upload' && request.method === 'POST') return handleUpload(scope);
  if (url.pathname.startsWith('/api/')) {
    if (request.method !== 'POST') {
      sendText(response, 405, 'Method not allowed');
      return;
    }
    return handleCall(scope, url.pathname.slice('/api/'.length));
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    sendText(response, 405, 'Method not allowed');
    return;
  }
  serveRenderer(scope, url.pathname);
}

function isLoopbackHost(host: string | undefined, port: number): boolean {
  if (!host) return false;
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

function senderOf(request: IncomingMessage, token: string | null): Sender {
  return { transport: 'web', token, remoteAddress: request.socket.remoteAddress ?? null };
}

function headerToken(request: IncomingMessage): string | null {
  const value = request.headers[TOKEN_HEADER];
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

async function handleCall(scope: RequestScope, encodedRoute: string): Promise<void> {
  const { request, response, router, options } = scope;
  let route: string;
  try {
    route = decodeURIComponent(encodedRoute);
  } catch {
    route = encodedRoute;
  }
  const sender = senderOf(request, headerToken(request));
  // The token is checked before the body is read, so an unauthenticated client cannot make the
  // host buffer a megabyte.
  const rejection = scope.policy(sender);
  if (rejection) {
    sendJson(response, 403, await router.handle(sender, route, undefined));
    return;
  }
  let input: unknown;
  try {
    input = await readJson(request);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const appError = new AppError('invalid_input', `Request body is not valid JSON: ${reason}`, { field: '(body)', reason });
    sendJson(response, error instanceof BodyTooLargeError ? 413 : 400, { ok: false, error: errorFromUnknown(appError, options.backend.locale()) });
    return;
  }
  const result = await router.handle(sender, route, input);
  sendJson(response, 200, result);
}

function rejectUnauthorized(scope: RequestScope, token: string | null, what: string): boolean {
  const rejection = scope.policy(senderOf(scope.request, token));
  if (!rejection) return false;
  log.warn(`rejected ${what} from ${scope.request.socket.remoteAddress ?? '?'}: ${rejection}`);
  const error = errorFromUnknown(new AppError('forbidden', `Request rejected: ${rejection}`, { reason: rejection }), scope.options.backend.locale());
  sendJson(scope.response, 403, { ok: false, error });
  return true;
}

function openEventStream(scope: RequestScope, url: URL): void {
  const { response, request, streams } = scope;
  // EventSource cannot send headers, so the token comes as a query parameter here.
  if (rejectUnauthorized(scope, url.searchParams.get('token'), 'event stream')) return;
  response.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
  });
  response.write('retry: 2000\n: connected\n\n');
  streams.add(response);
  request.on('close', () => streams.delete(response));
}

async function handleUpload(scope: RequestScope): Promise<void> {
  const { request, response, options } = scope;
  if (rejectUnauthorized(scope, headerToken(request), 'upload')) {
    request.resume();
    return;
  }
  let result: ApiResult<unknown>;
  try {
    result = { ok: true, data: await receiveUpload(request, options.backend.uploadsDir, options.backend.files) };
  } catch (error) {
    const apiError = errorFromUnknown(error, options.backend.locale());
    log.warn(`upload failed with ${apiError.code}`);
    result = { ok: false, error: apiError };
    request.resume();
  }
  sendJson(response, 200, result);
}

function serveRenderer(scope: RequestScope, pathname: string): void {
  const { response, options } = scope;
  const file = resolveStaticPath(options.rendererDir, pathname === '/' ? '/index.html' : pathname);
  if (file) {
    sendFile(response, file);
    return;
  }
  // Browsers request a favicon on their own, and an empty response keeps that out of the console errors.
  if (pathname === '/favicon.ico') {
    response.writeHead(204);
    response.end();
    return;
  }
  // A path without an extension is a client-side route: serve the app so a reload works.
  const index = resolveStaticPath(options.rendererDir, '/index.html');
  if (index && path.extname(pathname) === '') {
    sendFile(response, index);
    return;
  }
  sendText(response, 404, 'Not found');
}

function setSecurityHeaders(response: ServerResponse): void {
  response.setHeader('Content-Security-Policy', cspHeader());
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  response.end(text);
}

function sendText(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(text);
}

class BodyTooLargeError extends Error {
  constructor(limit: number) {
    super(`body larger than ${limit} bytes`);
  }
}

function readJson(request: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_JSON_BYTES) {
        // The rest of the body is read and dropped rather than the socket destroyed, because a
        // client that is still sending sees a destroyed socket as a connection reset, not as
        // the 413 answer that names the limit.
        chunks.length = 0;
        reject(new BodyTooLargeError(MAX_JSON_BYTES));
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      if (size > MAX_JSON_BYTES) return;
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        resolve(text.trim() === '' ? undefined : (JSON.parse(text) as unknown));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
    request.on('error', reject);
  });
}
