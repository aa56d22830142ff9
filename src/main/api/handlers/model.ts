// Handlers of the Models routes. "Retreinar" runs as one job in the 'train' lane with `single`, so
// a second click returns the job already queued or running. The job trains a cross-validated
// version in the model's worker thread. When the new version becomes active, the job also predicts
// every pair with it, so the Pairs and Review screens show its levels.

import type { ModelComparison, ModelMetrics, ModelResources, ModelVersionSummary as ApiVersion, TrainConfig } from '../../../shared/api';
import { CancelledError } from '../../../shared/errors';
import { LEVELS, type Level } from '../../../shared/levels';
import type { ProgressListener } from '../../../shared/progress';
import { comparePredictions, perThemeF1 } from '../../db/modelFigures';
import { activeModelVersion, discardModelVersion, type ModelVersionSummary as StoredVersion } from '../../db/modelVersions';
import type { QualityReport } from '../../model/eval/metrics';
import type { ResourceFigures } from '../../model/resources';
import { activateVersion, compareVersions, listVersions, predict, train, type TrainOptions } from '../../model/service';
import type { Backend } from '../backend';
import type { Handlers } from '../router';

type ModelRoutes = 'model.train' | 'model.versions' | 'model.activate' | 'model.compare';

export function modelHandlers(backend: Backend): Pick<Handlers, ModelRoutes> {
  const summarise = (version: StoredVersion): ApiVersion => toApiVersion(version, perThemeF1(backend.db(), version.id));
  return {
    'model.train': (input) =>
      backend.jobs.start(
        'train',
        async ({ onProgress, signal }) => {
          const db = backend.db();
          const previous = activeModelVersion(db);
          const summary = await train(db, trainOptions(input.config), { onProgress, signal });
          if (summary.active) {
            try {
              await predict(db, { version: summary.versionId }, { onProgress: predictionProgress(onProgress), signal });
            } catch (error) {
              // A cancel while predicting would leave an active version without predictions. The
              // job reports 'cancelled', so the versions go back to how they were before it.
              if (error instanceof CancelledError) discardModelVersion(db, summary.versionId, previous?.id ?? null);
              throw error;
            }
          }
          backend.emit({ type: 'data.changed', reason: 'model' });
          return {
            versionId: summary.versionId,
            name: summary.name,
            active: summary.active,
            macroF1: summary.crossValidation?.macroF1 ?? null,
          };
        },
        { lane: 'train', single: true },
      ),
    'model.versions': () => listVersions(backend.db()).map(summarise),
    'model.activate': (input) => {
      const version = summarise(activateVersion(backend.db(), input.versionId));
      backend.emit({ type: 'data.changed', reason: 'model' });
      return version;
    },
    'model.compare': (input): ModelComparison => {
      const db = backend.db();
      const comparison = compareVersions(db, input.a, input.b);
      return { a: summarise(comparison.a), b: summarise(comparison.b), ...comparePredictions(db, input.a, input.b) };
    },
  };
}

function trainOptions(config: TrainConfig): TrainOptions {
  return {
    encoder: config.encoderId,
    maxEpochs: config.epochs,
    // Class weighting off means plain cross-entropy. On or unset lets the service pick the loss
    // with the best cross-validated macro-F1, and every candidate but 'ce' weights the levels.
    loss: config.classWeighted === false ? 'ce' : undefined,
    seed: config.seed,
    activate: config.activate,
  };
}

/**
 * Reports the prediction after training as the phase 'predict', with its own counts in metrics.
 * The job keeps counting in the train phase's units, so its total never changes.
 */
function predictionProgress(onProgress: ProgressListener): ProgressListener {
  return (event) => {
    if (event.type !== 'progress') return;
    onProgress({
      type: 'progress',
      jobId: event.jobId,
      // The job manager keeps the highest done seen, so 0 leaves the train phase's count in place.
      done: 0,
      total: null,
      phase: 'predict',
      etaSeconds: event.etaSeconds,
      metrics: { predicted: event.done, ...(event.total != null ? { toPredict: event.total } : {}) },
    });
  };
}

function toApiVersion(version: StoredVersion, perTheme: ApiVersion['metrics']['perTheme']): ApiVersion {
  return {
    id: version.id,
    name: version.name,
    createdAt: version.createdAt,
    active: version.active,
    encoderId: version.encoderId,
    metrics: toMetrics(version.metrics, perTheme),
    resources: toResources(version.resources),
    labelCounts: version.labelCounts,
  };
}

function toMetrics(stored: Record<string, unknown>, perTheme: ModelMetrics['perTheme']): ModelMetrics {
  const cv = (stored.crossValidation ?? null) as QualityReport | null;
  if (!cv) return { accuracy: null, macroF1: null, perLevel: {}, altaVsRestF1: null, confusion: null, perTheme, evaluatedOn: null };
  const perLevel: ModelMetrics['perLevel'] = {};
  for (const level of LEVELS as readonly Level[]) {
    const figures = cv.perLevel[level];
    if (figures) perLevel[level] = { precision: figures.precision, recall: figures.recall, f1: figures.f1, support: figures.support };
  }
  return {
    accuracy: cv.accuracy,
    macroF1: cv.macroF1,
    perLevel,
    altaVsRestF1: cv.altaVsRestMacroF1,
    confusion: cv.confusion,
    perTheme,
    evaluatedOn: cv.pairs,
  };
}

function toResources(stored: Record<string, unknown>): ModelResources {
  const figures = stored as Partial<ResourceFigures>;
  return {
    trainSeconds: figures.wallSeconds ?? null,
    peakMemoryBytes: figures.peakRssBytes ?? null,
    energyKwh: figures.energyKwh ?? null,
    co2Grams: figures.co2Grams ?? null,
    energyMethod: figures.method ?? null,
  };
}
