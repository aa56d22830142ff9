// Command group: model. `train`, `evaluate` and `predict` run the adherence model, with progress on
// stderr, and Ctrl+C cancels them. `versions`, `activate` and `compare` manage model versions.
// `queue`, `suspects` and `justify` print what the review screens show.

import { Option, type Command } from 'commander';

import type { QualityReport } from '../../main/model/eval/metrics';
import type { ResourceFigures } from '../../main/model/resources';
import { QUEUE_MODES, type QueueMode } from '../../main/model/review/queue';
import * as model from '../../main/model/service';
import { AppError } from '../../shared/errors';
import type { Locale, Translate } from '../../shared/i18n';
import { LEVEL_LABEL, LEVELS, type Level } from '../../shared/levels';
import { withContext } from '../context';
import { countOf, formatDateTime, formatDecimal, formatDelta, formatNumber } from '../locale';

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

/** What the text formatters need: the translator and the locale of numbers and dates. */
interface TextLocale {
  t: Translate;
  locale: Locale;
}

function qualityLines({ t, locale }: TextLocale, report: QualityReport, folds: number): string[] {
  const fixed = (value: number): string => formatDecimal(locale, value);
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
    lines.push(t('model.levelRow', { level: LEVEL_LABEL[level], precision: fixed(figures.precision), recall: fixed(figures.recall), f1: fixed(figures.f1), support: countOf(t, 'pairs', figures.support) }));
  }
  lines.push(t('model.confusion'));
  LEVELS.forEach((level, i) => lines.push(t('model.confusionRow', { level: LEVEL_LABEL[level], row: report.confusion[i].join('  ') })));
  return lines;
}

function lossLines({ t, locale }: TextLocale, losses: model.TrainSummary['losses']): string[] {
  const fixed = (value: number): string => formatDecimal(locale, value);
  const entries = Object.entries(losses);
  if (entries.length < 2) return [];
  return [
    t('model.losses'),
    ...entries.map(([loss, f]) => t('model.lossRow', { loss, macroF1: fixed(f.macroF1), BAIXA: fixed(f.f1.BAIXA), MEDIA: fixed(f.f1.MEDIA), ALTA: fixed(f.f1.ALTA) })),
  ];
}

function resourceLine({ t, locale }: TextLocale, r: ResourceFigures): string {
  const fixed = (value: number, digits: number): string => formatDecimal(locale, value, digits);
  return t('model.resources', {
    wall: fixed(r.wallSeconds, 1),
    cpu: fixed(r.cpuSeconds, 1),
    memory: formatDecimal(locale, r.peakRssBytes / 2 ** 20, 0),
    energy: fixed(r.energyKwh * 1000, 4),
    co2: fixed(r.co2Grams, 4),
    watts: formatNumber(locale, r.energySettings.wattsPerCore),
    grid: formatNumber(locale, r.energySettings.gridKgCo2PerKwh),
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

function addTrainingOptions(command: Command, help: Translate): Command {
  return command
    .option('--loss <loss>', help('cli.opt.loss', { known: model.LOSSES.join(', ') }))
    .option('--seed <n>', help('cli.opt.seed'), integerOption('seed', 0))
    .option('--folds <k>', help('cli.opt.folds'), integerOption('folds', 0))
    .option('--hidden <h>', help('cli.opt.hidden'), integerOption('hidden', 0))
    .option('--max-epochs <n>', help('cli.opt.maxEpochs'), integerOption('max-epochs', 1))
    .option('--encoder <id>', help('cli.opt.encoder'));
}

/** Adds the model commands; `help` gives their help texts in the chosen locale. */
export function registerModelCommands(program: Command, help: Translate): void {
  addTrainingOptions(program.command('train').description(help('cli.train')), help)
    .option('--no-activate', help('cli.train.noActivate'))
    .action(async (flags: TrainFlags, command: Command) => {
      await withContext(command, async (ctx, signal) => {
        const summary = await model.train(ctx.db(), { ...flags, activate: flags.activate }, { onProgress: ctx.progress(), signal });
        ctx.result({ ok: true, ...summary }, () => {
          const lines = [
            ctx.t('model.trained', { name: summary.name, loss: summary.chosenLoss, seconds: formatDecimal(ctx.locale, summary.resources.wallSeconds, 1), ...levelCounts(summary.labelCounts), pairs: countOf(ctx.t, 'pairs', levelCounts(summary.labelCounts).pairs) }),
            ...(summary.crossValidation ? qualityLines(ctx, summary.crossValidation, flags.folds ?? 5) : [ctx.t('model.noCrossValidation')]),
            ...lossLines(ctx, summary.losses),
            resourceLine(ctx, summary.resources),
            ctx.t(summary.active ? 'model.activated' : 'model.notActivated', { name: summary.name }),
          ];
          return lines.join('\n');
        });
      });
    });

  addTrainingOptions(program.command('evaluate').description(help('cli.evaluate')), help).action(
    async (flags: TrainFlags, command: Command) => {
      await withContext(command, async (ctx, signal) => {
        const summary = await model.evaluate(ctx.db(), flags, { onProgress: ctx.progress(), signal });
        ctx.result({ ok: true, ...summary }, () =>
          [...qualityLines(ctx, summary.crossValidation, summary.folds), ...lossLines(ctx, summary.losses), resourceLine(ctx, summary.resources)].join('\n'),
        );
      });
    },
  );

  program
    .command('predict')
    .description(help('cli.predict'))
    .option('--version <v>', help('cli.opt.version'))
    .option('--no-justify', help('cli.predict.noJustify'))
    .action(async (flags: { version?: string; justify: boolean }, command: Command) => {
      await withContext(command, async (ctx, signal) => {
        const summary = await model.predict(ctx.db(), { version: flags.version, justify: flags.justify }, { onProgress: ctx.progress(), signal });
        ctx.result({ ok: true, ...summary }, () => ctx.t('model.predicted', { name: summary.name, count: summary.predicted, ...summary.counts }));
      });
    });

  program
    .command('versions')
    .description(help('cli.versions'))
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
                createdAt: formatDateTime(ctx.locale, v.createdAt),
                loss: String((v.config as { chosenLoss?: string }).chosenLoss ?? '?'),
                macroF1: cv ? formatDecimal(ctx.locale, cv.macroF1) : '—',
                pairs: countOf(ctx.t, 'pairs', levelCounts(v.labelCounts).pairs),
              });
            })
            .join('\n');
        });
      });
    });

  program
    .command('activate')
    .description(help('cli.activate'))
    .argument('<version>', help('cli.activate.version'))
    .action(async (version: string, _flags: unknown, command: Command) => {
      await withContext(command, (ctx) => {
        const activated = model.activateVersion(ctx.db(), version);
        ctx.result({ ok: true, version: activated }, () => ctx.t('model.activated', { name: activated.name }));
      });
    });

  program
    .command('compare')
    .description(help('cli.compare'))
    .argument('<a>', help('cli.compare.a'))
    .argument('<b>', help('cli.compare.b'))
    .action(async (a: string, b: string, _flags: unknown, command: Command) => {
      await withContext(command, (ctx) => {
        const comparison = model.compareVersions(ctx.db(), a, b);
        ctx.result({ ok: true, a: comparison.a.name, b: comparison.b.name, delta: comparison.delta }, () => {
          if (Object.keys(comparison.delta).length === 0) return ctx.t('model.comparisonNone', { a: comparison.a.name, b: comparison.b.name });
          return [
            ctx.t('model.comparison', { a: comparison.a.name, b: comparison.b.name }),
            ...Object.entries(comparison.delta).map(([figure, delta]) => ctx.t('model.comparisonRow', { figure: ctx.t(`model.figure.${figure}`, { defaultValue: figure }), delta: formatDelta(ctx.locale, delta) })),
          ].join('\n');
        });
      });
    });

  program
    .command('queue')
    .description(help('cli.queue'))
    .addOption(new Option('--mode <mode>', help('cli.queue.mode')).choices(QUEUE_MODES).default('uncertain'))
    .option('--limit <n>', help('cli.queue.limit'), integerOption('limit', 1), 20)
    .option('--seed <n>', help('cli.queue.seed'), integerOption('seed', 0))
    .option('--after <pair>', help('cli.queue.after'), integerOption('after', 1))
    .action(async (flags: { mode: QueueMode; limit: number; seed?: number; after?: number }, command: Command) => {
      await withContext(command, (ctx) => {
        const queue = model.reviewQueue(ctx.db(), { mode: flags.mode, limit: flags.limit, seed: flags.seed, lastPairId: flags.after });
        ctx.result({ ok: true, ...queue }, () => {
          if (queue.items.length === 0) {
            const lines = [ctx.t('model.queueEmpty')];
            if (queue.unpredicted > 0) lines.push(ctx.t('model.queueUnpredicted', { count: queue.unpredicted }));
            return lines.join('\n');
          }
          return queue.items
            .map((item) =>
              ctx.t('model.queueRow', {
                pairId: item.pairId,
                predicted: LEVEL_LABEL[item.predicted],
                confidence: formatDecimal(ctx.locale, Math.max(...item.probs), 2),
                level: item.level ? ctx.t('model.labelled', { level: LEVEL_LABEL[item.level] }) : ctx.t('model.unlabelled'),
                score: formatDecimal(ctx.locale, item.score),
                suggested: item.suggested ? ctx.t('model.queueSuggested', { level: LEVEL_LABEL[item.suggested] }) : '',
              }),
            )
            .join('\n');
        });
      });
    });

  program
    .command('suspects')
    .description(help('cli.suspects'))
    .option('--version <v>', help('cli.opt.version'))
    .option('--limit <n>', help('cli.suspects.limit'), integerOption('limit', 1), 20)
    .option('--min-margin <p>', help('cli.suspects.minMargin'), numberOption('min-margin'), 0)
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
                confidence: formatDecimal(ctx.locale, s.confidence, 2),
                selfConfidence: formatDecimal(ctx.locale, s.selfConfidence, 2),
              }),
            ),
          ].join('\n'),
        );
      });
    });

  program
    .command('justify')
    .description(help('cli.justify'))
    .argument('<pair>', help('cli.justify.pair'), integerOption('pair', 1))
    .option('--version <v>', help('cli.opt.version'))
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
