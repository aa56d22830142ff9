// Starts the loopback web host on a temporary database for end-to-end tests: the real Backend,
// router and services behind HTTP, serving the built renderer from out/renderer (built once per
// run by test/helpers/buildRenderer.ts, the e2e project's globalSetup).

import fs from 'node:fs';
import path from 'node:path';

import { Backend } from '../../src/main/api/backend';
import { setSetting } from '../../src/main/db/settings';
import { startWebHost, TOKEN_HEADER, type WebHost } from '../../src/main/webhost/server';
import type { ApiEvent, ApiResult, FileHandleInfo, RouteInput, RouteName, RouteOutput } from '../../src/shared/api';
import type { Locale } from '../../src/shared/i18n';
import { tempDir } from './db';

export const RENDERER_DIR = path.resolve(import.meta.dirname, '../../out/renderer');

export interface TestWebHost extends WebHost {
  backend: Backend;
  /** Temporary folder with the database, exports and uploads; removed by close(). */
  dir: string;
  dbPath: string;
  /** Calls a route over HTTP exactly as the renderer's web transport does. */
  call<N extends RouteName>(route: N, input: RouteInput<N>): Promise<ApiResult<RouteOutput<N>>>;
  /** Uploads a file from disk through the upload endpoint and returns its handle. */
  upload(file: string): Promise<ApiResult<FileHandleInfo>>;
  /** Collects server-sent events until stop() is called. */
  events(): { events: ApiEvent[]; stop: () => void };
}

export interface TestWebHostOptions {
  /** An existing database to open; a fresh one in the temp folder by default. */
  dbPath?: string;
  locale?: Locale;
  /** Curator name recorded in label events. */
  curatorName?: string;
  rendererDir?: string;
  token?: string;
}

export async function startTestWebHost(options: TestWebHostOptions = {}): Promise<TestWebHost> {
  const rendererDir = options.rendererDir ?? RENDERER_DIR;
  if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
    throw new Error(`${rendererDir}/index.html is missing: run the e2e project (its globalSetup builds it) or npm run build`);
  }
  const dir = tempDir('aderencia-webhost-');
  const dbPath = options.dbPath ?? path.join(dir, 'aderencia.sqlite');
  const backend = new Backend({ dbPath, version: 'test', dataDir: dir });
  if (options.locale) setSetting(backend.db(), 'language', options.locale);
  if (options.curatorName) setSetting(backend.db(), 'curatorName', options.curatorName);
  const host = await startWebHost({ backend, rendererDir, token: options.token });

  return {
    ...host,
    backend,
    dir,
    dbPath,
    async call(route, input) {
      const response = await fetch(`${host.origin}/api/${route}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [TOKEN_HEADER]: host.token },
        body: JSON.stringify(input ?? {}),
      });
      return (await response.json()) as ApiResult<RouteOutput<typeof route>>;
    },
    async upload(file) {
      const response = await fetch(`${host.origin}/api/upload`, {
        method: 'POST',
        headers: {
          'content-type': 'application/octet-stream',
          [TOKEN_HEADER]: host.token,
          'x-file-name': encodeURIComponent(path.basename(file)),
        },
        body: fs.readFileSync(file),
      });
      return (await response.json()) as ApiResult<FileHandleInfo>;
    },
    events() {
      const events: ApiEvent[] = [];
      return { events, stop: backend.onEvent((event) => events.push(event)) };
    },
    async close() {
      await host.close();
      await backend.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
