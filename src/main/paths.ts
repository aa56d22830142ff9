// Where the application keeps its files. The desktop app and the command line must agree on the
// user-data folder so both open the same default database; Electron's app.getPath('userData') is
// appData/<name>, and this module computes the same folder without Electron.

import os from 'node:os';
import path from 'node:path';

export const APP_FOLDER_NAME = 'Aderencia';

/** The platform's application-data root, as Electron's app.getPath('appData') returns it. */
export function appDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming');
  if (platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support');
  return env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config');
}

/** The user-data folder; ADERENCIA_HOME overrides it (tests, portable installs). */
export function userDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.ADERENCIA_HOME ?? path.join(appDataDir(env), APP_FOLDER_NAME);
}

export function defaultDatabasePath(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(userDataDir(env), 'aderencia.sqlite');
}

export function modelsDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(userDataDir(env), 'models');
}

export function logsDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(userDataDir(env), 'logs');
}
