#!/usr/bin/env node
// Runs after npm install: checks that better-sqlite3 loads in this Node, because the command line
// and the tests need its Node build. It catches the load error and exits 0, so a machine without
// a compiler still gets the rest of the dependencies, and it prints what to do instead. The Electron build of
// the addon is made later, by `npm start` (scripts/electron-native.mjs).

import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

try {
  const Database = require('better-sqlite3');
  new Database(':memory:').close();
} catch (error) {
  console.warn(`postinstall: better-sqlite3 does not load in Node ${process.version}: ${error.message}`);
  console.warn('postinstall: run `npm rebuild better-sqlite3` (it needs a C++ toolchain when no prebuild exists).');
}
