// Command group: model. `train`, `evaluate` and `predict` run the adherence model, with progress on
// stderr, and Ctrl+C cancels them. `versions`, `activate` and `compare` manage model versions.
// `queue`, `suspects` and `justify` print what the review screens show.

import { Option, type Command } from 'commander';

import type { QualityReport } from '../../main/model/eval/metrics';
import type { ResourceFigures } from '../../main/model/resources';
import { QUEUE_MODES, type QueueMode } from '../../main/model/review/queue';
import * as model from '../../main/model/service';
import { AppError } from '../../shared/errors';
import type { Translate } from '../../shared/i18n';
import { LEVEL_LABEL, LEVELS, type Level } from '../../shared/levels';
import { withContext } from '../context';

function integerOption(name: string, min: number) {
  return (raw: string): number => {
    const value = Number(raw);
    if (!/^-?\d+$/.test(raw.trim()) || value < min) {
      throw new AppError('model_invalid_integer', `Invalid --${name}: expected an integer ≥ ${min}, got "${raw}"`, { field: `--${name}`, min, value: raw });
    }
    return value;
  };
}

function numberOption(name: string) {
  return (raw: string): number => {
    const value = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(value)) {
      throw new AppError('model_invalid_number', `Invalid --${name}: expected a number, got "${raw}"`, { field: `--${name}`, value: raw });
    }
    return value;
  };
}

const fixed = (value: number, digits = 3): string => value.toFixed(digits);

function qualityLines(t: Translate, report: QualityReport, folds: number): string[] {
  const lines = [
    t('model.quality', {
      folds,
      accuracy: fixed(report.accuracy),
      macroF1: fixed(report.macroF1),
      weightedF1: fixed(report.weightedF1),
      altaVsRest: fixed(report.altaVsRestMacroF1),
      ece: fixed(report.calibrationError),
    }),
  ];
  for (const level of LEVELS) {
    const figures = report.perLevel[level];
    lines.push(t('model.levelRow', { level: LEVEL_LABEL[level], precision: fixed(figures.precision), recall: fixed(figures.recall), f1: fixed(figures.f1), support: figures.support }));
  }
  lines.push(t('model.confusion'));
  LEVELS.forEach((level, i) => lines.push(t('model.confusionRow', { level: LEVEL_LABEL[level], row: report.confusion[i].join('  ') })));
  return lines;
}

function lossLines(t: Translate, losses: model.TrainSummary['losses']): string[] {
  const entries = Object.entries(losses);
  if (entries.length < 2) return [];
  return [
    t('model.losses'),
    ...entries.map(([loss, f]) => t('model.lossRow', { loss, macroF1: fixed(f.macroF1), BAIXA: fixed(f.f1.BAIXA), MEDIA: fixed(f.f1.MEDIA), ALTA: fixed(f.f1.ALTA) })),
  ];
}

function resourceLine(t: Translate, r: ResourceFigures): string {
  return t('model.resources', {
    wall: fixed(r.wallSeconds, 1),
    cpu: fixed(r.cpuSeconds, 1),
    memory: Math.round(r.peakRssBytes / 2 ** 20),
    energy: fixed(r.energyKwh * 1000, 4),
    co2: fixed(r.co2Grams, 4),
    watts: r.energySettings.wattsPerCore,
    grid: r.energySettings.gridKgCo2PerKwh,
  });
}

function levelCounts(counts: Record<Level, number>): Record<Level, number> & { pairs: number } {
  return { ...counts, pairs: counts.BAIXA + counts.MEDIA + counts.ALTA };
}


interface TrainFlags {
  loss?: string;
  seed?: number;
  folds?: number;
  hidden?: number;
  maxEpochs?: number;
  encoder?: string;
  activate: boolean;
}

function addTrainingOptions(command: Command): Command {
  return command
    .option('--loss <loss>', `training loss: auto (best cross-validated macro-F1) or one of ${model.LOSSES.join(', ')}`)
    .option('--seed <n>', 'random seed; the same seed and data give the same model', integerOption('seed', 0))
    .option('--folds <k>', 'cross-validation folds by thesis (0 skips cross-validation when training)', integerOption('folds', 0))
    .option('--hidden <h>', 'hidden units of the adapter head (0 is a linear head)', integerOption('hidden', 0))
    .option('--max-epochs <n>', 'maximum training epochs of each head', integerOption('max-epochs', 1))
    .option('--encoder <id>', 'add the features of an installed encoder (default: the active encoder, if any)');
}

export function registerModelCommands(program: Command): void {
  addTrainingOptions(program.command('train').description('train a new model version on every labelled pair and activate it'))
    .option('--no-activate', 'keep the current active version')
    .action(async (flags: TrainFlags, command: Command) => {
      await withContext(command, async (ctx, signal) => {
        const summary = await model.train(ctx.db(), { ...flags, activate: flags.activate }, { onProgress: ctx.progress(), signal });
        ctx.result({ ok: true, ...summary }, () => {
          const lines = [
            ctx.t('model.trained', { name: summary.name, loss: summary.chosenLoss, seconds: fixed(summary.resources.wallSeconds, 1), ...levelCounts(summary.labelCounts) }),
            ...(summary.crossValidation ? qualityLines(ctx.t, summary.crossValidation, flags.folds ?? 5) : [ctx.t('model.noCrossValidation')]),
            ...lossLines(ctx.t, summary.losses),
            resourceLine(ctx.t, summary.resources),
            ctx.t(summary.active ? 'model.activated' : 'model.notActivated', { name: summary.name }),
          ];
          return lines.join('\n');
        });
      });
    });

  addTrainingOptions(program.command('evaluate').description('cross-validate the active configuration by thesis on the current labels (stores nothing)')).action(
    async (flags: TrainFlags, command: Command) => {
      await withContext(command, async (ctx, signal) => {
        const summary = await model.evaluate(ctx.db(), flags, { onProgress: ctx.progress(), signal });
        ctx.result({ ok: true, ...summary }, () =>
          [...qualityLines(ctx.t, summary.crossValidation, summary.folds), ...lossLines(ctx.t, summary.losses), resourceLine(ctx.t, summary.resources)].join('\n'),
        );
      });
    },
  );

  program
    .command('predict')
    .description('predict the level of every pair with the active version (or --version) and store the predictions')
    .option('--version <v>', 'model version name or id (default: the active version)')
    .option('--no-justify', 'skip the justifications (faster)')
    .action(async (flags: { version?: string; justify: boolean }, command: Command) => {
      await withContext(command, async (ctx, signal) => {
        const summary = await model.predict(ctx.db(), { version: flags.version, justify: flags.justify }, { onProgress: ctx.progress(), signal });
        ctx.result({ ok: true, ...summary }, () => ctx.t('model.predicted', { name: summary.name, count: summary.predicted, ...summary.counts }));
      });
    });

  program
    .command('versions')
    .description('list the model versions; * marks the active one')
    .action(async (_flags: unknown, command: Command) => {
      await withContext(command, (ctx) => {
        const versions = model.listVersions(ctx.db());
        ctx.result({ ok: true, versions }, () => {
          if (versions.length === 0) return ctx.t('model.noVersions');
          return versions
            .map((v) => {
              const cv = (v.metrics as { crossValidation?: QualityReport | null }).crossValidation;
              return ctx.t('model.versionRow', {
                marker: v.active ? '*' : ' ',
                name: v.name,
                createdAt: v.createdAt,
                loss: String((v.config as { chosenLoss?: string }).chosenLoss ?? '?'),
                macroF1: cv ? fixed(cv.macroF1) : '—',
                pairs: levelCounts(v.labelCounts).pairs,
              });
            })
            .join('\n');
        });
      });
    });

  program
    .command('activate')
    .description('make a model version the active one (activating an older version rolls back)')
    .argument('<version>', 'version name (v3) or id')
    .action(async (version: string, _flags: unknown, command: Command) => {
      await withContext(command, (ctx) => {
        const activated = model.activateVersion(ctx.db(), version);
        ctx.result({ ok: true, version: activated }, () => ctx.t('model.activated', { name: activated.name }));
      });
    });

  program
    .command('compare')
    .description('compare the cross-validated figures of two model versions (B − A)')
    .argument('<a>', 'first version')
    .argument('<b>', 'second version')
    .action(async (a: string, b: string, _flags: unknown, command: Command) => {
      await withContext(command, (ctx) => {
        const comparison = model.compareVersions(ctx.db(), a, b);
        ctx.result({ ok: true, a: comparison.a.name, b: comparison.b.name, delta: comparison.delta }, () =>
          [
            ctx.t('model.comparison', { a: comparison.a.name, b: comparison.b.name }),
            ...Object.entries(comparison.delta).map(([figure, delta]) => ctx.t('model.comparisonRow', { figure, delta: `${delta >= 0 ? '+' : ''}${fixed(delta)}` })),
          ].join('\n'),
        );
      });
    });

  program
    .command('queue')
    .description('list pairs to review next, most valuable first')
    .addOption(new Option('--mode <mode>', 'uncertain, minority, suspects or random (audit)').choices(QUEUE_MODES).default('uncertain'))
    .option('--limit <n>', 'number of pairs', integerOption('limit', 1), 20)
    .option('--seed <n>', 'seed of the random audit', integerOption('seed', 0))
    .option('--after <pair>', 'the pair just reviewed; it will not come first', integerOption('after', 1))
    .action(async (flags: { mode: QueueMode; limit: number; seed?: number; after?: number }, command: Command) => {
      await withContext(command, (ctx) => {
        const queue = model.reviewQueue(ctx.db(), { mode: flags.mode, limit: flags.limit, seed: flags.seed, lastPairId: flags.after });
        ctx.result({ ok: true, ...queue }, () => {
          if (queue.items.length === 0) return ctx.t('model.queueEmpty');
          return queue.items
            .map((item) =>
              ctx.t('model.queueRow', {
                pairId: item.pairId,
                predicted: LEVEL_LABEL[item.predicted],
                confidence: fixed(Math.max(...item.probs), 2),
                level: item.level ? LEVEL_LABEL[item.level] : ctx.t('model.unlabelled'),
                score: fixed(item.score),
                suggested: item.suggested ? ctx.t('model.queueSuggested', { level: LEVEL_LABEL[item.suggested] }) : '',
              }),
            )
            .join('\n');
        });
      });
    });

  program
    .command('suspects')
    .description('list labels that cross-validated predictions contradict with high confidence, per level')
    .option('--version <v>', 'model version name or id (default: the active version)')
    .option('--limit <n>', 'suspects listed in text output', integerOption('limit', 1), 20)
    .option('--min-margin <p>', 'smallest probability gap between the suggested and the given level', numberOption('min-margin'), 0)
    .action(async (flags: { version?: string; limit: number; minMargin: number }, command: Command) => {
      await withContext(command, (ctx) => {
        const report = model.suspects(ctx.db(), { version: flags.version, minMargin: flags.minMargin });
        ctx.result({ ok: true, ...report }, () =>
          [
            ctx.t('model.suspectsSummary', { name: report.name, count: report.suspects.length }),
            ...LEVELS.map((level) => ctx.t('model.suspectsLevel', { level: LEVEL_LABEL[level], ...report.perLevel[level], ...report.perLevel[level].suggested })),
            ...report.suspects.slice(0, flags.limit).map((s) =>
              ctx.t('model.suspectRow', {
                pairId: s.pairId,
                given: LEVEL_LABEL[s.given],
                suggested: LEVEL_LABEL[s.suggested],
                confidence: fixed(s.confidence, 2),
                selfConfidence: fixed(s.selfConfidence, 2),
              }),
            ),
          ].join('\n'),
        );
      });
    });

  program
    .command('justify')
    .description('show the terms and the abstract passage that tie a pair\'s thesis to its theme')
    .argument('<pair>', 'pair id', integerOption('pair', 1))
    .option('--version <v>', 'model version name or id (default: the active version)')
    .action(async (pair: number, flags: { version?: string }, command: Command) => {
      await withContext(command, (ctx) => {
        const result = model.justification(ctx.db(), pair, flags.version);
        ctx.result({ ok: true, pair, justification: result }, () => {
          if (!result || result.terms.length === 0) return ctx.t('model.justificationNone');
          const lines = [ctx.t('model.justificationTerms', { terms: result.terms.map((term) => term.word).join(', ') })];
          if (result.passage) lines.push(ctx.t('model.justificationPassage', { passage: result.passage }));
          return lines.join('\n');
        });
      });
    });
}
