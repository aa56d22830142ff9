// Handlers of the encoder routes: installed encoders, the download catalogue, install and download
// jobs, activation, and the execution providers of this machine.

import type { CatalogueEntry, EncoderSummary, ExecutionProviderInfo } from '../../../shared/api';
import { translator } from '../../../shared/i18n';
import { getSetting } from '../../db/settings';
import { setActiveEncoder } from '../../encoders/registry';
import { activate, catalogue, download, installFromPath, listModels, providersInfo, type ModelListing } from '../../encoders/service';
import { modelsDir } from '../../paths';
import type { Backend } from '../backend';
import type { Handlers } from '../router';

type EncoderRoutes = 'encoders.list' | 'encoders.catalogue' | 'encoders.install' | 'encoders.download' | 'encoders.activate' | 'encoders.providers';

export function encodersHandlers(backend: Backend): Pick<Handlers, EncoderRoutes> {
  /** The models folder: the setting when the curator chose one, else the user-data default. */
  const modelsRoot = () => getSetting(backend.db(), 'modelFolder') ?? modelsDir();
  const changed = <T>(value: T): T => {
    backend.emit({ type: 'data.changed', reason: 'encoders' });
    return value;
  };
  return {
    'encoders.list': () => listModels(backend.db(), modelsRoot()).map(toSummary),
    'encoders.catalogue': (_input, request) => {
      const installed = new Set(listModels(backend.db(), modelsRoot()).map((model) => model.nameHint));
      const t = translator(request.locale);
      return catalogue().map((entry): CatalogueEntry => ({
        repoId: entry.repo,
        name: entry.name,
        // The catalogue's own note is English; the message catalogue has it in both languages.
        description: t(`encoder.catalogue.${entry.repo}`, { defaultValue: entry.notes }),
        sizeBytes: Math.round(entry.sizeMb * 1024 * 1024),
        dimensions: entry.hiddenSize,
        installed: installed.has(entry.repo),
      }));
    },
    'encoders.install': (input) => {
      const from = backend.files.resolve(input.handle, ['folder', 'file']);
      return backend.jobs.start('install', async ({ onProgress, signal }) => {
        const model = await installFromPath(from, { modelsRoot: modelsRoot(), onProgress, signal });
        changed(null);
        return { encoderId: model.id };
      });
    },
    'encoders.download': (input) =>
      backend.jobs.start(
        'download',
        async ({ onProgress, signal }) => {
          const model = await download(input.repoId, { modelsRoot: modelsRoot(), onProgress, signal });
          changed(null);
          return { encoderId: model.id };
        },
        { lane: 'download' },
      ),
    'encoders.activate': (input) => {
      const db = backend.db();
      if (input.encoderId === null) {
        setActiveEncoder(db, null);
        return changed(null);
      }
      activate(db, input.encoderId, modelsRoot());
      const listing = listModels(db, modelsRoot()).find((model) => model.active);
      return changed(listing ? toSummary(listing) : null);
    },
    'encoders.providers': async () => {
      const info = await providersInfo(backend.db(), { modelsRoot: modelsRoot() });
      const inUse = info.active?.provider ?? null;
      const names = [...new Set([...info.order, ...info.supported])];
      return names.map((name): ExecutionProviderInfo => ({ name, available: info.supported.includes(name), inUse: name === inUse }));
    },
  };
}

function toSummary(model: ModelListing): EncoderSummary {
  return {
    id: model.id,
    name: model.nameHint,
    dimensions: model.dimension,
    sizeBytes: model.sizeBytes,
    active: model.active,
    source: model.source.kind === 'hub' ? model.nameHint : 'local',
  };
}
