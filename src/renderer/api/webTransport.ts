// The client's transport when the loopback web host serves the renderer (tests and development):
// each call is a POST to /api/<route> carrying the session token, events arrive over one
// EventSource, and files reach main through the upload endpoint.

import type { AderenciaBridge, ApiEvent, ApiEventListener, ApiResult, FileHandleInfo } from '../../shared/api';

/** Query parameter and header that carry the web host's token. */
export const TOKEN_PARAM = 'token';
export const TOKEN_HEADER = 'x-aderencia-token';
const TOKEN_STORAGE_KEY = 'aderencia.token';

/**
 * Reads the token from the page address (`?token=`), a `<meta name="aderencia-token">` tag or the
 * session storage, in that order. A token found in the address is moved to session storage and
 * removed from the address bar, so it survives a reload but does not show in screenshots.
 */
export function readToken(win: Window = window): string | null {
  const url = new URL(win.location.href);
  const fromQuery = url.searchParams.get(TOKEN_PARAM);
  if (fromQuery) {
    win.sessionStorage.setItem(TOKEN_STORAGE_KEY, fromQuery);
    url.searchParams.delete(TOKEN_PARAM);
    win.history.replaceState(win.history.state, '', url.pathname + url.search + url.hash);
    return fromQuery;
  }
  const meta = win.document.querySelector<HTMLMetaElement>('meta[name="aderencia-token"]');
  if (meta?.content) return meta.content;
  return win.sessionStorage.getItem(TOKEN_STORAGE_KEY);
}

function networkFailure(route: string, error: unknown): ApiResult<never> {
  const reason = error instanceof Error ? error.message : String(error);
  return {
    ok: false,
    error: {
      code: 'transport_failed',
      // NOTE: this message cannot come from main's catalogue because main was not reached.
      message: `Sem conexão com o Aderência (${route}): ${reason}`,
      params: { route, reason },
    },
  };
}

/** Builds a bridge with the same shape as the preload's, backed by HTTP. */
export function createWebBridge(token: string, baseUrl = ''): AderenciaBridge {
  const listeners = new Set<ApiEventListener>();
  let source: EventSource | null = null;

  function ensureEventSource(): void {
    if (source) return;
    source = new EventSource(`${baseUrl}/api/events?${TOKEN_PARAM}=${encodeURIComponent(token)}`);
    source.onmessage = (message) => {
      const event = JSON.parse(message.data as string) as ApiEvent;
      for (const listener of listeners) listener(event);
    };
  }

  return {
    async invoke(route, input) {
      try {
        const response = await fetch(`${baseUrl}/api/${encodeURIComponent(route)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token },
          body: JSON.stringify(input ?? {}),
        });
        return (await response.json()) as ApiResult<unknown>;
      } catch (error) {
        return networkFailure(route, error);
      }
    },
    onEvent(listener) {
      listeners.add(listener);
      // The stream stays open for the page's life once opened: screens subscribe and unsubscribe
      // as they mount, and closing it in between would drop events of a running job.
      ensureEventSource();
      return () => {
        listeners.delete(listener);
      };
    },
    async registerDroppedFile(file) {
      try {
        const response = await fetch(`${baseUrl}/api/upload`, {
          method: 'POST',
          headers: {
            'content-type': 'application/octet-stream',
            [TOKEN_HEADER]: token,
            'x-file-name': encodeURIComponent(file.name),
          },
          body: file,
        });
        return (await response.json()) as ApiResult<FileHandleInfo>;
      } catch (error) {
        return networkFailure('upload', error);
      }
    },
  };
}
