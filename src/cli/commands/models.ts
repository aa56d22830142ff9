// Command group: models. `models list | install PATH | download REPO_ID | activate ID | catalogue |
// providers | options` manage text encoders in the user-data models folder; `embed` encodes every thesis and
// theme into the embedding cache with the active (or named) encoder.

import { Option, type Command } from 'commander';

import { AppError } from '../../shared/errors';

import {
  activate,
  catalogue,
  disposeEncoders,
  download,
  embedCorpus,
  getEncoderOptions,
  setEncoderOptions,
  type EncoderOptions,
  installFromPath,
  listModels,
  providersInfo,
  type EmbedSummary,
} from '../../main/encoders/service';
import type { InstalledModel } from '../../main/encoders/registry';
import type { ProviderName } from '../../main/encoders/session';
import type { Translate } from '../../shared/i18n';
import { withContext as withBaseContext, type CliContext } from '../context';
import { formatDecimal } from '../locale';

/** Runs `body` like every command, and stops the encoder worker afterwards. */
function withContext(command: Command, body: (ctx: CliContext, signal: AbortSignal) => Promise<void> | void): Promise<void> {
  return withBaseContext(command, body, { onClose: disposeEncoders });
}


interface OptionFlags {
  gpuOnly?: boolean;
  providers?: string;
  threads?: string;
  maxLength?: string;
  maxChunks?: string;
  chunkPooling?: 'mean' | 'max';
  batchSize?: string;
}

const PROVIDERS: readonly ProviderName[] = ['cuda', 'dml', 'coreml', 'webgpu', 'cpu'];

function positive(t: Translate, value: string | undefined, field: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    throw new AppError('invalid_input', `${field} must be a positive integer, got ${value}`, { field, reason: t('models.options.notPositive', { value }) });
  }
  return n;
}

/** Turns the flags given into changes of the stored options; flags not given change nothing. */
function optionChanges(t: Translate, current: EncoderOptions, flags: OptionFlags): Partial<EncoderOptions> {
  const changes: Partial<EncoderOptions> = {};
  const session = { ...current.session };
  let sessionChanged = false;
  if (flags.gpuOnly !== undefined) {
    session.gpuOnly = flags.gpuOnly;
    sessionChanged = true;
  }
  if (flags.providers !== undefined) {
    const list = flags.providers.split(',').map((p) => p.trim()).filter(Boolean);
    const unknown = list.filter((p) => p !== 'auto' && !PROVIDERS.includes(p as ProviderName));
    if (unknown.length > 0) {
      const reason = t('models.options.unknownProviders', { unknown: unknown.join(', '), known: PROVIDERS.join(', ') });
      throw new AppError('invalid_input', `Unknown providers ${unknown.join(', ')}`, { field: '--providers', reason });
    }
    session.providers = list.includes('auto') ? undefined : (list as ProviderName[]);
    sessionChanged = true;
  }
  const threads = positive(t, flags.threads, '--threads');
  if (threads !== undefined) {
    session.intraOpThreads = threads;
    sessionChanged = true;
  }
  if (sessionChanged) changes.session = session;
  const maxLength = positive(t, flags.maxLength, '--max-length');
  if (maxLength !== undefined) changes.maxLength = maxLength;
  const maxChunks = positive(t, flags.maxChunks, '--max-chunks');
  if (maxChunks !== undefined) changes.maxChunks = maxChunks;
  const batchSize = positive(t, flags.batchSize, '--batch-size');
  if (batchSize !== undefined) changes.batchSize = batchSize;
  if (flags.chunkPooling) changes.chunkPooling = flags.chunkPooling;
  return changes;
}

/** Lists the encoding options, one per line, each with the flag that changes it. */
function optionsText({ t, locale }: Pick<CliContext, 't' | 'locale'>, options: EncoderOptions): string {
  const session = options.session;
  const integer = (value: number): string => formatDecimal(locale, value, 0);
  return [
    t('models.options.providers', { value: session.providers?.join(', ') ?? t('models.options.platformDefault') }),
    t('models.options.gpuOnly', { value: t(session.gpuOnly ? 'models.options.yes' : 'models.options.no') }),
    t('models.options.threads', { value: session.intraOpThreads ? integer(session.intraOpThreads) : t('models.options.allCores') }),
    t('models.options.maxLength', { value: options.maxLength ? integer(options.maxLength) : t('models.options.modelMaximum') }),
    t('models.options.maxChunks', { value: integer(options.maxChunks) }),
    t('models.options.chunkPooling', { value: options.chunkPooling }),
    t('models.options.batchSize', { value: integer(options.batchSize) }),
  ].join('\n');
}

function installedJson(model: InstalledModel): Record<string, unknown> {
  return {
    id: model.id,
    dir: model.dir,
    source: model.source,
    dimension: model.dimension,
    max_length: model.maxLength,
    pooling: model.pooling,
    variants: model.variants,
    size_bytes: model.sizeBytes,
    installed_at: model.installedAt,
  };
}

function summaryJson(summary: EmbedSummary): Record<string, unknown> {
  return {
    model_id: summary.modelId,
    texts: summary.texts,
    encoded: summary.encoded,
    cached: summary.cached,
    dimension: summary.dimension,
    provider: summary.provider?.provider ?? null,
    worker_restarts: summary.restarts,
  };
}

/** Adds `models …` and `embed`; `help` gives their help texts in the chosen locale. */
export function registerModelsCommands(program: Command, help: Translate): void {
  const models = program.command('models').description(help('cli.models'));

  models
    .command('list')
    .description(help('cli.models.list'))
    .action(async (_options: unknown, command: Command) => {
      await withContext(command, (ctx) => {
        const list = listModels(ctx.db());
        ctx.result({ ok: true, models: list.map((m) => ({ ...installedJson(m), active: m.active })) }, () =>
          list.length === 0
            ? ctx.t('models.none')
            : list
                .map((m) =>
                  ctx.t('models.listRow', {
                    marker: m.active ? '*' : ' ',
                    id: m.id,
                    dimension: m.dimension,
                    pooling: m.pooling,
                    maxLength: m.maxLength,
                    variants: m.variants.join(','),
                    size: formatDecimal(ctx.locale, m.sizeBytes / 1e6, 1),
                    active: m.active ? `  (${ctx.t('models.active_marker')})` : '',
                  }),
                )
                .join('\n'),
        );
      });
    });

  models
    .command('install')
    .description(help('cli.models.install'))
    .argument('<path>', help('cli.models.install.path'))
    .option('--id <id>', help('cli.models.id'))
    .option('--replace', help('cli.models.replace'))
    .action(async (from: string, options: { id?: string; replace?: boolean }, command: Command) => {
      await withContext(command, async (ctx, signal) => {
        const model = await installFromPath(from, { id: options.id, replace: options.replace, onProgress: ctx.progress(), signal });
        ctx.result({ ok: true, model: installedJson(model) }, () => ctx.t('models.installed', { id: model.id, dir: model.dir, dimension: model.dimension }));
      });
    });

  models
    .command('download')
    .description(help('cli.models.download'))
    .argument('<repo>', help('cli.models.download.repo'))
    .option('--revision <revision>', help('cli.models.download.revision'), 'main')
    .option('--hub <url>', help('cli.models.download.hub'))
    .option('--quantized', help('cli.models.download.quantized'))
    .option('--id <id>', help('cli.models.download.id'))
    .option('--replace', help('cli.models.replace'))
    .action(async (repo: string, options: { revision: string; hub?: string; quantized?: boolean; id?: string; replace?: boolean }, command: Command) => {
      await withContext(command, async (ctx, signal) => {
        const model = await download(repo, {
          revision: options.revision,
          hubUrl: options.hub,
          variant: options.quantized ? 'quantized' : 'default',
          id: options.id,
          replace: options.replace,
          onProgress: ctx.progress(),
          signal,
        });
        ctx.result({ ok: true, model: installedJson(model) }, () => ctx.t('models.installed', { id: model.id, dir: model.dir, dimension: model.dimension }));
      });
    });

  models
    .command('activate')
    .description(help('cli.models.activate'))
    .argument('<id>', help('cli.models.activate.id'))
    .action(async (id: string, _options: unknown, command: Command) => {
      await withContext(command, (ctx) => {
        const active = activate(ctx.db(), id);
        ctx.result({ ok: true, active }, () => ctx.t('models.activated', { id: active.variant === 'default' ? active.id : `${active.id}@${active.variant}` }));
      });
    });

  models
    .command('catalogue')
    .alias('catalog')
    .description(help('cli.models.catalogue'))
    .action(async (_options: unknown, command: Command) => {
      await withContext(command, (ctx) => {
        const entries = catalogue();
        ctx.result({ ok: true, models: entries }, () =>
          entries
            .map((e) =>
              ctx.t('models.catalogueRow', {
                repo: e.repo,
                parameters: e.parameters,
                size: e.sizeMb,
                dimension: e.hiddenSize,
                maxLength: e.maxLength,
                licence: e.licence,
                onnx: ctx.t(`models.onnx.${e.onnx}`),
                // The catalogue's own texts are English; the message catalogue has them in both languages.
                languages: ctx.t(`encoder.languages.${e.repo}`, { defaultValue: e.languages }),
                notes: ctx.t(`encoder.catalogue.${e.repo}`, { defaultValue: e.notes }),
              }),
            )
            .join('\n'),
        );
      });
    });

  models
    .command('providers')
    .description(help('cli.models.providers'))
    .action(async (_options: unknown, command: Command) => {
      await withContext(command, async (ctx) => {
        const info = await providersInfo(ctx.db());
        ctx.result({ ok: true, ...info }, () =>
          [
            ctx.t('models.providers.platform', { value: info.platform }),
            ctx.t('models.providers.supported', { value: info.supported.join(', ') }),
            ctx.t('models.providers.order', { value: info.order.join(' → ') }),
            ctx.t('models.providers.threads', { value: info.intraOpThreads }),
            info.active ? ctx.t('models.providers.active', { provider: info.active.provider, placement: JSON.stringify(info.active.placement) }) : '',
          ].filter(Boolean).join('\n'),
        );
      });
    });

  models
    .command('options')
    .description(help('cli.models.options'))
    .option('--gpu-only', help('cli.models.options.gpuOnly'))
    .option('--no-gpu-only', help('cli.models.options.noGpuOnly'))
    .option('--providers <list>', help('cli.models.options.providers'))
    .option('--threads <n>', help('cli.models.options.threads'))
    .option('--max-length <n>', help('cli.models.options.maxLength'))
    .option('--max-chunks <n>', help('cli.models.options.maxChunks'))
    .addOption(new Option('--chunk-pooling <mode>', help('cli.models.options.chunkPooling')).choices(['mean', 'max']))
    .option('--batch-size <n>', help('cli.models.options.batchSize'))
    .action(async (flags: OptionFlags, command: Command) => {
      await withContext(command, (ctx) => {
        const changes = optionChanges(ctx.t, getEncoderOptions(ctx.db()), flags);
        const options = Object.keys(changes).length > 0 ? setEncoderOptions(ctx.db(), changes) : getEncoderOptions(ctx.db());
        ctx.result({ ok: true, options }, () => optionsText(ctx, options));
      });
    });

  program
    .command('embed')
    .description(help('cli.embed'))
    .option('--model <id>', help('cli.embed.model'))
    .action(async (options: { model?: string }, command: Command) => {
      await withContext(command, async (ctx, signal) => {
        const result = await embedCorpus(ctx.db(), { model: options.model, onProgress: ctx.progress(), signal });
        ctx.result({ ok: true, theses: summaryJson(result.theses), themes: summaryJson(result.themes) }, () =>
          [
            ctx.t('embed.summary', { kind: ctx.t('embed.theses'), ...result.theses }),
            ctx.t('embed.summary', { kind: ctx.t('embed.themes'), ...result.themes }),
          ].join('\n'),
        );
      });
    });
}
