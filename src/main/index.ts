// Electron main process. It opens one secure window (context isolation, sandbox, strict CSP,
// navigation and new windows blocked, no network) under a single-instance lock, with the
// application menu in the user's language. Logs go to a rotating file in the user-data folder,
// and quitting stops jobs and closes the database. Everything else lives in the Backend that the
// window and the web host share.

import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { app, BrowserWindow, dialog, Menu, shell } from 'electron';

import { translator } from '../shared/i18n';
import { Backend } from './api/backend';
import { blockNetwork, registerAppScheme, serveRenderer } from './app/protocol';
import { dialogSpec, showDialog } from './app/dialogs';
import { useUtilityEncoderWorker } from './app/encoderWorker';
import { wireIpc } from './app/ipc';
import { menuTemplate } from './app/menu';
import { resolveNativeBinding } from './app/nativeBinding';
import { guardWebContents } from './app/navigation';
import { readPreferences, writePreferences } from './app/preferences';
import { allowedOrigins, APP_ENTRY_URL, windowOptions } from './app/window';
import { disposeEncoders } from './encoders/service';
import { configureLogging, createLogger } from './log';
import { defaultDatabasePath, logsDir, userDataDir } from './paths';

const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const origins = allowedOrigins(devServerUrl);
const preloadPath = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));
const rendererDir = fileURLToPath(new URL('../renderer', import.meta.url));
const encoderWorkerPath = fileURLToPath(new URL('./encoder-worker.js', import.meta.url));

let mainWindow: BrowserWindow | null = null;
let backend: Backend | null = null;
let unwireIpc: (() => void) | null = null;
let closing = false;

// The command line and the app share one user-data folder, so both open the same database.
app.setPath('userData', userDataDir());
configureLogging({ dir: logsDir() });
const log = createLogger('main');
registerAppScheme();
// Sandboxes every renderer the app could ever create, not only the one window configured below.
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.whenReady().then(start, (error: unknown) => fail(error));
}

function preferencesFile(): string {
  return path.join(userDataDir(), 'preferences.json');
}

async function start(): Promise<void> {
  try {
    const nativeBinding = resolveNativeBinding({
      appRoot: app.getAppPath(),
      electronVersion: process.versions.electron,
      packaged: app.isPackaged,
    });
    // The model's worker threads open the database themselves and read the binding from here.
    if (nativeBinding) process.env.ADERENCIA_NATIVE_BINDING = nativeBinding;
    useUtilityEncoderWorker(encoderWorkerPath);
    const dbPath = process.env.ADERENCIA_DB ?? readPreferences(preferencesFile()).lastDatabase ?? defaultDatabasePath();
    backend = new Backend({
      dbPath,
      version: app.getVersion(),
      dataDir: userDataDir(),
      nativeBinding,
      desktop: {
        pickFiles: (input, locale) => showDialog(dialog, mainWindow, dialogSpec(input.purpose, translator(locale), input)),
        showItemInFolder: (file) => shell.showItemInFolder(file),
      },
    });
    backend.onEvent((event) => {
      if (event.type === 'data.changed' && event.reason === 'db.opened' && backend) {
        writePreferences(preferencesFile(), { lastDatabase: backend.dbPath });
      }
      if (event.type === 'locale.changed' || (event.type === 'data.changed' && event.reason === 'db.opened')) buildMenu();
    });
    blockNetwork(devServerUrl ? origins.slice(1) : []);
    serveRenderer(rendererDir);
    unwireIpc = wireIpc(backend, origins);
    buildMenu();
    createWindow();
    log.info(`started, version ${app.getVersion()}, packaged ${app.isPackaged}`);
  } catch (error) {
    fail(error);
  }
}

function createWindow(): void {
  mainWindow = new BrowserWindow(windowOptions(preloadPath));
  guardWebContents(mainWindow.webContents, origins);
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  void mainWindow.loadURL(devServerUrl ?? APP_ENTRY_URL);
}

function buildMenu(): void {
  if (!backend) return;
  const t = translator(backend.locale());
  const switchTo = async (purpose: 'database' | 'databaseNew') => {
    if (!backend) return;
    const [file] = await showDialog(dialog, mainWindow, dialogSpec(purpose, t, { multiple: false }));
    if (!file) return;
    try {
      await backend.switchDatabase(file);
    } catch (error) {
      log.error('could not open the chosen database', error);
      dialog.showErrorBox(t('menu.file.openDatabase'), error instanceof Error ? error.message : String(error));
    }
  };
  const template = menuTemplate(
    t,
    {
      openDatabase: () => void switchTo('database'),
      newDatabase: () => void switchTo('databaseNew'),
      openLogs: () => void shell.openPath(logsDir()),
      about: () =>
        void dialog.showMessageBox({
          type: 'info',
          title: 'Aderência',
          message: 'Aderência',
          detail: t('dialog.about.detail', { version: app.getVersion(), dbPath: backend?.dbPath ?? '' }),
        }),
    },
    { isMac: process.platform === 'darwin', isDev: !app.isPackaged },
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

function fail(error: unknown): void {
  log.error('startup failed', error);
  const t = translator(backend?.locale() ?? 'pt-BR');
  dialog.showErrorBox(t('dialog.startupFailed.title'), error instanceof Error ? error.message : String(error));
  app.exit(1);
}

app.on('window-all-closed', () => app.quit());

// Jobs are cancelled and awaited and the database closed before the process exits, so a quit
// during an import leaves the database as it was before that import.
app.on('before-quit', (event) => {
  if (closing || !backend) return;
  event.preventDefault();
  closing = true;
  const current = backend;
  void Promise.all([current.close(), disposeEncoders()])
    .catch((error: unknown) => log.error('shutdown failed', error))
    .finally(() => {
      unwireIpc?.();
      log.info('stopped');
      app.exit(0);
    });
});
