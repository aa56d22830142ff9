#!/usr/bin/env node
// Places a copy of better-sqlite3's native binary built for Electron's ABI under
// node_modules/.electron-native/electron-<version>/, for `npm start`. node_modules keeps the Node
// build that the command line and the tests load, so both runtimes work from one checkout. The
// main process finds the copy (src/main/app/nativeBinding.ts) and passes it to openDatabase.
//
// It first requests from prebuild-install the published Electron prebuild (a download from the
// better-sqlite3 GitHub releases), then falls back to compiling with node-gyp against Electron's
// headers (needs a C++ toolchain). Both need internet once; the result is reused afterwards.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const electronVersion = require('electron/package.json').version;
const sourcePackage = path.dirname(require.resolve('better-sqlite3/package.json'));
const target = path.join(root, 'node_modules', '.electron-native', `electron-${electronVersion}`, 'better-sqlite3');
const binary = path.join(target, 'build', 'Release', 'better_sqlite3.node');

if (fs.existsSync(binary)) {
  console.log(`electron-native: using ${path.relative(root, binary)}`);
  process.exit(0);
}

console.log(`electron-native: building better-sqlite3 for Electron ${electronVersion} (${process.platform}-${process.arch})`);
fs.rmSync(target, { recursive: true, force: true });
fs.mkdirSync(target, { recursive: true });
// The sources and gyp files are enough; the Node build in build/ must not be copied.
for (const entry of ['package.json', 'binding.gyp', 'src', 'deps', 'lib']) {
  fs.cpSync(path.join(sourcePackage, entry), path.join(target, entry), { recursive: true });
}

const run = (script, args) => execFileSync(process.execPath, [script, ...args], { cwd: target, stdio: 'inherit' });

try {
  run(require.resolve('prebuild-install/bin.js'), ['--runtime', 'electron', '--target', electronVersion, '--arch', process.arch, '--verbose']);
} catch {
  console.log('electron-native: no prebuild available; compiling with node-gyp against the Electron headers');
  try {
    run(require.resolve('node-gyp/bin/node-gyp.js'), [
      'rebuild',
      '--release',
      `--target=${electronVersion}`,
      `--arch=${process.arch}`,
      '--dist-url=https://electronjs.org/headers',
    ]);
  } catch {
    fs.rmSync(target, { recursive: true, force: true });
    console.error('electron-native: could not get an Electron build of better-sqlite3.');
    console.error('It needs internet access once, and a C++ toolchain when no prebuild exists; see docs/packaging.md.');
    process.exit(1);
  }
}

if (!fs.existsSync(binary)) {
  console.error(`electron-native: expected ${binary} after the build, but it is missing`);
  process.exit(1);
}
console.log(`electron-native: built ${path.relative(root, binary)}`);
