import { afterEach, describe, expect, it } from 'vitest';

import { createClient, detectClient } from '../../../src/renderer/api';
import { readToken } from '../../../src/renderer/api/webTransport';
import type { AderenciaBridge, ApiEvent, ApiResult } from '../../../src/shared/api';

afterEach(() => {
  window.sessionStorage.clear();
  document.head.innerHTML = '';
  window.history.replaceState(null, '', '/');
  delete window.aderencia;
});

describe('web token', () => {
  it('moves the token from the address to the session', () => {
    window.history.replaceState(null, '', '/?token=abc123&x=1#/review');
    expect(readToken(window)).toBe('abc123');
    expect(window.location.search).toBe('?x=1');
    expect(window.location.hash).toBe('#/review');
    expect(window.sessionStorage.getItem('aderencia.token')).toBe('abc123');
    expect(readToken(window)).toBe('abc123');
  });

  it('reads the token from a meta tag', () => {
    document.head.innerHTML = '<meta name="aderencia-token" content="from-meta">';
    expect(readToken(window)).toBe('from-meta');
  });

  it('returns null without a token', () => {
    expect(readToken(window)).toBeNull();
  });
});

describe('client transport', () => {
  function fakeBridge(calls: unknown[][], listeners: ((event: ApiEvent) => void)[]): AderenciaBridge {
    return {
      invoke: async (route, input) => {
        calls.push([route, input]);
        return { ok: true, data: { route } } as ApiResult<unknown>;
      },
      onEvent: (listener) => {
        listeners.push(listener);
        return () => undefined;
      },
      registerDroppedFile: async () => ({ ok: false, error: { code: 'x', message: 'x', params: {} } }),
    };
  }

  it('uses the preload bridge in Electron', async () => {
    const calls: unknown[][] = [];
    window.aderencia = fakeBridge(calls, []);
    const client = detectClient(window);
    expect(client.transport).toBe('electron');
    const result = await client.call('pairs.count', { filter: { levels: ['ALTA'] } });
    expect(result).toEqual({ ok: true, data: { route: 'pairs.count' } });
    expect(calls).toEqual([['pairs.count', { filter: { levels: ['ALTA'] } }]]);
  });

  it('reports a missing transport as an error', async () => {
    const client = detectClient(window);
    const result = await client.call('app.info', {});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('transport_missing');
  });

  it('passes only job events to job listeners', () => {
    const listeners: ((event: ApiEvent) => void)[] = [];
    const client = createClient(fakeBridge([], listeners), 'electron');
    const seen: string[] = [];
    client.onJobEvent((event) => seen.push(event.type));
    for (const listener of listeners) {
      listener({ type: 'locale.changed', locale: 'en' });
      listener({ type: 'job.progress', event: { type: 'start', jobId: 'train-a-1', kind: 'train', unit: 'epochs', total: 3 } });
      listener({ type: 'data.changed', reason: 'labels' });
    }
    expect(seen).toEqual(['job.progress']);
  });
});
