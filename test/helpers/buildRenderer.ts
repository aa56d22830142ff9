// Global setup of the e2e project: builds the renderer into out/renderer when it is missing or
// older than any source file it depends on, using the renderer section of electron.vite.config.ts
// so tests serve exactly what the app ships.

import fs from 'node:fs';
import path from 'node:path';

import { build, type InlineConfig } from 'vite';

import config from '../../electron.vite.config';

const ROOT = path.resolve(import.meta.dirname, '../..');
const OUT_DIR = path.join(ROOT, 'out/renderer');
const SOURCES = ['src/renderer', 'src/shared', 'electron.vite.config.ts', 'package-lock.json'];

function newestMtime(target: string): number {
  const stat = fs.statSync(target, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

export function rendererIsStale(): boolean {
  const built = fs.statSync(path.join(OUT_DIR, 'index.html'), { throwIfNoEntry: false });
  if (!built) return true;
  return SOURCES.some((source) => newestMtime(path.join(ROOT, source)) > built.mtimeMs);
}

export default async function setup(): Promise<void> {
  if (!rendererIsStale()) return;
  const renderer = (config as { renderer: InlineConfig }).renderer;
  await build({
    ...renderer,
    configFile: false,
    logLevel: 'warn',
    build: { ...renderer.build, outDir: OUT_DIR, emptyOutDir: true },
  });
}
