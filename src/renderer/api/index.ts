// The typed API client the screens use: `api.call('pairs.list', {...})` returns the route's typed
// result, `api.onJobEvent(cb)` follows long jobs. The transport is the preload's bridge inside the
// Electron window and HTTP when the loopback web host serves the page; the screens never see which.

import type { AderenciaBridge, ApiClient, ApiEvent, ApiResult, RouteName, RouteOutput } from '../../shared/api';
import { createWebBridge, readToken } from './webTransport';

/** Wraps a bridge (preload or web) in the typed client. */
export function createClient(bridge: AderenciaBridge, transport: ApiClient['transport']): ApiClient {
  return {
    transport,
    call(route, input) {
      return bridge.invoke(route, input) as Promise<ApiResult<RouteOutput<typeof route>>>;
    },
    onEvent(listener) {
      return bridge.onEvent(listener);
    },
    onJobEvent(listener) {
      return bridge.onEvent((event: ApiEvent) => {
        if (event.type === 'job.progress' || event.type === 'job.state') listener(event);
      });
    },
    registerFile(file) {
      return bridge.registerDroppedFile(file);
    },
  };
}

function unavailableBridge(): AderenciaBridge {
  const result = {
    ok: false as const,
    error: {
      code: 'transport_missing',
      message: 'O Aderência não encontrou o processo principal: abra o aplicativo ou o endereço com o token.',
      params: {},
    },
  };
  return {
    invoke: async () => result,
    onEvent: () => () => undefined,
    registerDroppedFile: async () => result,
  };
}

/** Picks the transport for this page: the preload's bridge, else the web host's token. */
export function detectClient(win: Window = window): ApiClient {
  if (win.aderencia) return createClient(win.aderencia, 'electron');
  const token = readToken(win);
  if (token) return createClient(createWebBridge(token), 'web');
  return createClient(unavailableBridge(), 'web');
}

let instance: ApiClient | null = null;

/** Returns the page's client, creating it on first use. */
export function getApi(): ApiClient {
  instance ??= detectClient();
  return instance;
}

/** Replaces the client (component tests pass one backed by a real router). */
export function setApi(client: ApiClient): void {
  instance = client;
}

/** The page's client; `api.call(route, input)`. */
export const api: ApiClient = {
  get transport() {
    return getApi().transport;
  },
  call: (route, input) => getApi().call(route, input),
  onEvent: (listener) => getApi().onEvent(listener),
  onJobEvent: (listener) => getApi().onJobEvent(listener),
  registerFile: (file) => getApi().registerFile(file),
};

/** Returns the data of a result or throws its translated message; for code that prefers exceptions. */
export async function unwrap<N extends RouteName>(result: Promise<ApiResult<RouteOutput<N>>>): Promise<RouteOutput<N>> {
  const settled = await result;
  if (settled.ok) return settled.data;
  throw new ApiCallError(settled.error.code, settled.error.message, settled.error.params);
}

export class ApiCallError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly params: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiCallError';
  }
}

export type * from '../../shared/api';
