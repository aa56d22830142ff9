// Finds the better-sqlite3 binary built for Electron's ABI. node_modules contains the Node build
// that the command line and the tests load; `npm start` runs scripts/electron-native.mjs first,
// which places an Electron build beside it. A packaged app has its modules rebuilt for Electron
// by electron-builder, so it needs no override.

import fs from 'node:fs';
import path from 'node:path';

/** Folder, under node_modules, where scripts/electron-native.mjs puts the Electron build. */
export function electronNativeDir(appRoot: string, electronVersion: string): string {
  return path.join(appRoot, 'node_modules', '.electron-native', `electron-${electronVersion}`);
}

export function electronBindingPath(appRoot: string, electronVersion: string): string {
  return path.join(electronNativeDir(appRoot, electronVersion), 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
}

/**
 * Returns the nativeBinding to pass to openDatabase: ADERENCIA_NATIVE_BINDING when set, else the
 * Electron build when it exists. It is undefined in a packaged app, whose modules electron-builder
 * rebuilt, and when no copy was built, so better-sqlite3 then fails to load with an ABI error.
 */
export function resolveNativeBinding(options: {
  appRoot: string;
  electronVersion: string;
  packaged: boolean;
  env?: NodeJS.ProcessEnv;
}): string | undefined {
  const env = options.env ?? process.env;
  if (env.ADERENCIA_NATIVE_BINDING) return env.ADERENCIA_NATIVE_BINDING;
  if (options.packaged) return undefined;
  const candidate = electronBindingPath(options.appRoot, options.electronVersion);
  return fs.existsSync(candidate) ? candidate : undefined;
}
