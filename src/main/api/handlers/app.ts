// Handlers of the application routes: app.info, settings, databases and native file dialogs.

import path from 'node:path';

import { AppError } from '../../../shared/errors';
import type { AppInfo, FileHandleInfo, Settings } from '../../../shared/api';
import { getAllSettings, setSettings, type AllSettings } from '../../db/settings';
import { corpusCounts } from '../../db/counts';
import { getEncoderOptions, setEncoderOptions } from '../../encoders/service';
import type { ProviderName } from '../../encoders/session';
import { activeModel } from '../../db/pairQuery';
import type { Backend } from '../backend';
import type { Handlers, RequestContext } from '../router';

type AppRoutes = 'app.info' | 'settings.get' | 'settings.set' | 'db.open' | 'db.create' | 'files.pick';

/** Kind of handle each dialog purpose produces. */
const PURPOSE_KIND = {
  import: 'file',
  database: 'file',
  databaseNew: 'new-file',
  encoder: 'folder',
  modelFolder: 'folder',
  exportFile: 'new-file',
} as const;

export function appHandlers(backend: Backend): Pick<Handlers, AppRoutes> {
  return {
    'app.info': (_input, request) => appInfo(backend, request),
    'settings.get': () => toSettings(getAllSettings(backend.db())),
    'settings.set': (input) => {
      const before = backend.locale();
      const { modelFolder, ...rest } = input;
      const values: Partial<AllSettings> = { ...rest };
      if (modelFolder !== undefined) {
        values.modelFolder = modelFolder === null ? null : backend.files.resolve(modelFolder, 'folder');
      }
      const db = backend.db();
      db.transaction(() => {
        setSettings(db, values);
        if (values.executionProvider !== undefined || values.threads !== undefined) applySessionSettings(backend);
      })();
      const after = backend.locale();
      if (after !== before) backend.emit({ type: 'locale.changed', locale: after });
      return toSettings(getAllSettings(backend.db()));
    },
    'db.open': async (input, request) => {
      await backend.switchDatabase(backend.files.resolve(input.handle, 'file'));
      return appInfo(backend, request);
    },
    'db.create': async (input, request) => {
      const file = backend.files.resolve(input.handle, 'new-file');
      if (path.extname(file) === '') throw new AppError('db_create_extension', `Database file ${file} needs an extension such as .sqlite`, { file: path.basename(file) });
      // The new database starts with the current language and curator, so the window does not
      // switch language or lose the curator's name when the curator creates a database.
      const { language, curatorName } = getAllSettings(backend.db());
      await backend.switchDatabase(file);
      setSettings(backend.db(), { language, curatorName });
      return appInfo(backend, request);
    },
    'files.pick': async (input, request) => {
      const desktop = backend.options.desktop;
      if (!desktop) throw new AppError('not_available', 'files.pick needs the desktop app', { route: 'files.pick' });
      const paths = await desktop.pickFiles(input, request.locale);
      const kind = PURPOSE_KIND[input.purpose];
      const files: FileHandleInfo[] = paths.map((file) => backend.files.register(file, kind));
      return { files };
    },
  };
}

/**
 * Passes the execution-provider and thread preferences to the encoders' session settings, which
 * decide where ONNX Runtime runs. A GPU preference keeps the CPU as fallback.
 */
function applySessionSettings(backend: Backend): void {
  const db = backend.db();
  const { executionProvider, threads } = getAllSettings(db);
  const current = getEncoderOptions(db).session;
  let providers: ProviderName[] | undefined;
  if (executionProvider === 'cpu') providers = ['cpu'];
  else if (executionProvider !== 'auto') providers = [executionProvider, 'cpu'];
  setEncoderOptions(db, { session: { ...current, providers, intraOpThreads: threads > 0 ? threads : undefined } });
}

function appInfo(backend: Backend, request: RequestContext): AppInfo {
  const db = backend.db();
  const settings = getAllSettings(db);
  const model = activeModel(db);
  return {
    version: backend.options.version,
    dbPath: backend.dbPath,
    counts: corpusCounts(db),
    locale: request.locale,
    transport: request.transport,
    // NOTE: the execution provider actually in use is known only once an encoder session runs,
    // so this is the stored preference (encoders.providers reports the real one).
    executionProvider: settings['encoder.active'] ? settings.executionProvider : null,
    activeEncoder: settings['encoder.active'],
    activeModelVersion: model ? { id: model.id, name: model.name } : null,
  };
}

function toSettings(all: AllSettings): Settings {
  return {
    language: all.language,
    curatorName: all.curatorName,
    executionProvider: all.executionProvider,
    threads: all.threads,
    modelFolder: all.modelFolder,
  };
}
