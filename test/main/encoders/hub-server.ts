// A loopback HTTP server (127.0.0.1, random port) that serves a model folder in the Hugging Face
// hub's URL layout: GET /api/models/{repo}/tree/{rev}?recursive=true and
// GET /{repo}/resolve/{rev}/{path} with Range support. Faults are switched on per test.

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

import { listFiles } from '../../helpers/encoders';

export interface HubFaults {
  /** Drop the connection after this many bytes of the first response for the path. */
  dropAfter?: { path: string; bytes: number };
  /** Publish a wrong sha256 for this path. */
  wrongChecksum?: string;
}

export interface TestHub {
  url: string;
  requests: { path: string; range: string | null }[];
  close(): Promise<void>;
}

/** Files whose sha256 the hub lists as LFS objects, as it does for large binaries. */
const LFS = /\.onnx(_data)?$/;

export async function startHub(repo: string, revision: string, dir: string, faults: HubFaults = {}): Promise<TestHub> {
  const files = listFiles(dir);
  const requests: TestHub['requests'] = [];
  let dropped = false;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push({ path: url.pathname, range: req.headers.range ?? null });
    if (url.pathname === `/api/models/${repo}/tree/${revision}`) {
      const tree = files.map((file) => {
        const data = fs.readFileSync(path.join(dir, file));
        const entry: Record<string, unknown> = { type: 'file', path: file, size: data.length, oid: createHash('sha1').update(data).digest('hex') };
        if (LFS.test(file)) {
          const sha = faults.wrongChecksum === file ? '0'.repeat(64) : createHash('sha256').update(data).digest('hex');
          entry.lfs = { oid: sha, size: data.length, pointerSize: 134 };
        }
        return entry;
      });
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(tree));
      return;
    }
    const prefix = `/${repo}/resolve/${revision}/`;
    if (!url.pathname.startsWith(prefix)) {
      res.statusCode = 404;
      res.end('not found');
      return;
    }
    const file = decodeURIComponent(url.pathname.slice(prefix.length));
    if (!files.includes(file)) {
      res.statusCode = 404;
      res.end('not found');
      return;
    }
    const data = fs.readFileSync(path.join(dir, file));
    let start = 0;
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    if (range) {
      start = Number(range[1]);
      res.statusCode = 206;
      res.setHeader('content-range', `bytes ${start}-${data.length - 1}/${data.length}`);
    }
    res.setHeader('content-length', String(data.length - start));
    if (faults.dropAfter?.path === file && !dropped) {
      dropped = true;
      res.write(data.subarray(start, start + faults.dropAfter.bytes), () => res.socket?.destroy());
      return;
    }
    res.end(data.subarray(start));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
