import fs from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startWebHost, TOKEN_HEADER, type WebHost } from '../../../src/main/webhost/server';
import { Backend } from '../../../src/main/api/backend';
import { configureLogging } from '../../../src/main/log';
import type { ApiEvent, ApiResult, FileHandleInfo } from '../../../src/shared/api';
import { tempDir } from '../../helpers/db';

let dir: string;
let rendererDir: string;
let backend: Backend;
let host: WebHost;
let logFile: string;

beforeAll(async () => {
  dir = tempDir();
  rendererDir = path.join(dir, 'renderer');
  fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><div id="root"></div>');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app-1234.js'), 'console.log(1)');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'outside the renderer');
  backend = new Backend({ dbPath: path.join(dir, 'db', 'app.sqlite'), version: 'test', dataDir: path.join(dir, 'data') });
  host = await startWebHost({ backend, rendererDir });
  configureLogging({ dir: path.join(dir, 'logs'), consoleLevel: false });
  logFile = path.join(dir, 'logs', 'aderencia.log');
});

afterAll(async () => {
  await host.close();
  await backend.close();
  expect(fs.existsSync(backend.uploadsDir)).toBe(false);
  fs.rmSync(dir, { recursive: true, force: true });
});

function post(route: string, body: unknown, token: string | null = host.token): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token != null) headers[TOKEN_HEADER] = token;
  return fetch(`${host.origin}/api/${route}`, { method: 'POST', headers, body: JSON.stringify(body) });
}

describe('web host API', () => {
  it('binds to loopback with a random token', () => {
    expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(host.token.length).toBeGreaterThanOrEqual(40);
    expect(host.url).toBe(`${host.origin}/?token=${encodeURIComponent(host.token)}`);
  });

  it('answers a call with the token', async () => {
    const response = await post('app.info', {});
    expect(response.status).toBe(200);
    const body = (await response.json()) as ApiResult<{ transport: string; version: string }>;
    expect(body).toMatchObject({ ok: true, data: { transport: 'web', version: 'test' } });
  });

  it('rejects a call without token', async () => {
    const response = await post('app.info', {}, null);
    expect(response.status).toBe(403);
    const body = (await response.json()) as ApiResult<unknown>;
    expect(body.ok ? null : body.error.code).toBe('forbidden');
  });

  it('rejects and logs a wrong token', async () => {
    const response = await post('pairs.list', {}, `${host.token.slice(0, -1)}x`);
    expect(response.status).toBe(403);
    const body = (await response.json()) as ApiResult<unknown>;
    expect(body.ok ? null : body.error.code).toBe('forbidden');
    expect(fs.readFileSync(logFile, 'utf8')).toMatch(/rejected "pairs.list" from web: the request carries a wrong token/);
  });

  it('rejects a foreign Host header', async () => {
    const response = await new Promise<number>((resolve, reject) => {
      // fetch forbids setting Host, so this request goes through node:http.
      import('node:http').then(({ request }) => {
        const req = request(
          { host: '127.0.0.1', port: host.port, path: '/api/app.info', method: 'POST', headers: { host: `evil.example:${host.port}`, [TOKEN_HEADER]: host.token } },
          (res) => resolve(res.statusCode ?? 0),
        );
        req.on('error', reject);
        req.end('{}');
      }, reject);
    });
    expect(response).toBe(421);
  });

  it('returns invalid_input for a bad body', async () => {
    const response = await fetch(`${host.origin}/api/pairs.list`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [TOKEN_HEADER]: host.token },
      body: '{not json',
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as ApiResult<unknown>;
    expect(body.ok ? null : body.error.code).toBe('invalid_input');
  });

  it('answers an oversized body with 413', async () => {
    const response = await post('views.save', { name: 'x'.repeat(2 * 1024 * 1024) });
    expect(response.status).toBe(413);
    const body = (await response.json()) as ApiResult<unknown>;
    expect(body.ok ? null : body.error.code).toBe('invalid_input');
    expect(body.ok ? null : body.error.params?.field).toBe('(body)');
    expect((await post('app.info', {})).status).toBe(200);
  });

  it('rejects GET on API routes', async () => {
    const response = await fetch(`${host.origin}/api/app.info`, { headers: { [TOKEN_HEADER]: host.token } });
    expect(response.status).toBe(405);
  });
});

describe('web host static files', () => {
  it('serves index.html with a strict CSP', async () => {
    const response = await fetch(`${host.origin}/`);
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('id="root"');
  });

  it('serves assets with their type', async () => {
    const response = await fetch(`${host.origin}/assets/app-1234.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/javascript/);
    expect(response.headers.get('content-security-policy')).toBeTruthy();
  });

  it('falls back to index.html for app routes', async () => {
    const response = await fetch(`${host.origin}/review`);
    expect(await response.text()).toContain('id="root"');
  });

  it('never serves files outside the renderer', async () => {
    for (const probe of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/missing.js']) {
      const response = await fetch(`${host.origin}${probe}`);
      const text = await response.text();
      expect(text).not.toContain('outside the renderer');
    }
  });
});

describe('web host events and uploads', () => {
  it('streams job events over SSE', async () => {
    const controller = new AbortController();
    const response = await fetch(`${host.origin}/api/events?token=${encodeURIComponent(host.token)}`, { signal: controller.signal });
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = response.body!.getReader();
    const received: ApiEvent[] = [];
    const decoder = new TextDecoder();
    let buffer = '';

    backend.jobs.start('export', async ({ onProgress, jobId }) => {
      onProgress({ type: 'start', jobId: 'inner', kind: 'export', unit: 'rows', total: 2 });
      onProgress({ type: 'progress', jobId: 'inner', done: 2, total: 2 });
      return { fileName: `${jobId}.xlsx` };
    });

    while (!received.some((event) => event.type === 'job.state' && event.job.state === 'done')) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      const frames = buffer.split('\n\n');
      buffer = frames.pop() ?? '';
      for (const frame of frames) {
        const data = frame.split('\n').find((line) => line.startsWith('data: '));
        if (data) received.push(JSON.parse(data.slice(6)) as ApiEvent);
      }
    }
    controller.abort();
    const types = received.map((event) => {
      if (event.type === 'job.progress') return `progress:${event.event.type}`;
      if (event.type === 'job.state') return `state:${event.job.state}`;
      return event.type;
    });
    expect(types).toEqual(['state:queued', 'state:running', 'progress:start', 'progress:progress', 'progress:end', 'state:done']);
  });

  it('rejects the event stream without token', async () => {
    const response = await fetch(`${host.origin}/api/events`);
    expect(response.status).toBe(403);
  });

  it('turns an upload into a file handle', async () => {
    const response = await fetch(`${host.origin}/api/upload`, {
      method: 'POST',
      headers: { [TOKEN_HEADER]: host.token, 'x-file-name': encodeURIComponent('../catálogo 2023.csv') },
      body: 'AN_BASE;NM_PRODUCAO\n2023;Título\n',
    });
    const body = (await response.json()) as ApiResult<FileHandleInfo>;
    expect(body.ok).toBe(true);
    if (!body.ok) return;
    expect(body.data.name).toBe('catálogo 2023.csv');
    expect(body.data.size).toBe(33);
    const stored = backend.files.resolve(body.data.handle, 'file');
    expect(stored.startsWith(backend.uploadsDir + path.sep)).toBe(true);
    expect(fs.readFileSync(stored, 'utf8')).toContain('Título');
  });

  it('rejects an empty upload', async () => {
    const response = await fetch(`${host.origin}/api/upload`, {
      method: 'POST',
      headers: { [TOKEN_HEADER]: host.token, 'x-file-name': 'empty.csv' },
      body: '',
    });
    const body = (await response.json()) as ApiResult<FileHandleInfo>;
    expect(body.ok ? null : body.error.code).toBe('upload_empty');
  });

  it('rejects an upload with a wrong token', async () => {
    const response = await fetch(`${host.origin}/api/upload`, {
      method: 'POST',
      headers: { [TOKEN_HEADER]: 'nope', 'x-file-name': 'a.csv' },
      body: 'x',
    });
    expect(response.status).toBe(403);
  });

  it('rejects a handle it did not issue', async () => {
    const response = await post('settings.set', { modelFolder: 'fh_AAAAAAAAAAAAAAAAAAAAAAAA' });
    const body = (await response.json()) as ApiResult<unknown>;
    expect(body.ok ? null : body.error.code).toBe('file_handle_unknown');
  });
});
