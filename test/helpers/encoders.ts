// Generated test encoders in temp folders, cached per process (generation reads the BERTimbau
// vocabulary and writes a few megabytes), plus a minimal zip writer for install tests that need
// hand-made entry names such as "../evil".

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';

import { generateEncoder, type GeneratedEncoder, type GenerateOptions } from '../../scripts/generate-test-encoder';

const cache = new Map<string, GeneratedEncoder>();
let root: string | null = null;

function cacheRoot(): string {
  if (!root) {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'aderencia-encoders-'));
    const dir = root;
    process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  }
  return root;
}

/** A generated encoder folder for the options; the same options return the same folder in one process. Treat it as read-only. */
export function testEncoder(options: GenerateOptions = {}): GeneratedEncoder {
  const key = JSON.stringify(options);
  let encoder = cache.get(key);
  if (!encoder) {
    encoder = generateEncoder(path.join(cacheRoot(), `model-${cache.size}`), options);
    cache.set(key, encoder);
  }
  return encoder;
}

/** Copies a generated encoder into `dir` (for tests that damage or rename files). */
export function copyEncoder(source: string, dir: string): string {
  fs.cpSync(source, dir, { recursive: true });
  return dir;
}

/** Lists every file under a folder as relative paths with forward slashes. */
export function listFiles(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listFiles(path.join(dir, entry.name), relative));
    else out.push(relative);
  }
  return out.sort();
}

/**
 * Writes a zip with the given entry names and contents, names taken literally. Entries are stored
 * uncompressed unless `deflate` is set.
 */
export function writeZip(file: string, entries: { name: string; data: Buffer; deflate?: boolean }[]): void {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const crc = zlib.crc32(entry.data);
    const stored = entry.deflate ? zlib.deflateRawSync(entry.data) : entry.data;
    const method = entry.deflate ? 8 : 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(stored.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, stored);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(stored.length, 20);
    central.writeUInt32LE(entry.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + stored.length;
  }
  const centralSize = centrals.reduce((sum, b) => sum + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  fs.writeFileSync(file, Buffer.concat([...locals, ...centrals, end]));
}

/** Zips a folder, every file under `prefix/`. */
export function zipFolder(dir: string, file: string, prefix = ''): void {
  writeZip(file, listFiles(dir).map((name) => ({ name: prefix ? `${prefix}/${name}` : name, data: fs.readFileSync(path.join(dir, name)) })));
}
