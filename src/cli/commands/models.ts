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
import { withContext as withBaseContext, type CliContext } from '../context';

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

function positive(value: string | undefined, field: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new AppError('invalid_input', `${field} must be a positive integer, got ${value}`, { field, reason: `expected a positive integer, got ${value}` });
  return n;
}

/** Turns the flags given into changes of the stored options; flags not given change nothing. */
function optionChanges(current: EncoderOptions, flags: OptionFlags): Partial<EncoderOptions> {
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
    if (unknown.length > 0) throw new AppError('invalid_input', `Unknown providers ${unknown.join(', ')}`, { field: '--providers', reason: `unknown ${unknown.join(', ')}; use ${PROVIDERS.join(', ')} or auto` });
    session.providers = list.includes('auto') ? undefined : (list as ProviderName[]);
    sessionChanged = true;
  }
  const threads = positive(flags.threads, '--threads');
  if (threads !== undefined) {
    session.intraOpThreads = threads;
    sessionChanged = true;
  }
  if (sessionChanged) changes.session = session;
  const maxLength = positive(flags.maxLength, '--max-length');
  if (maxLength !== undefined) changes.maxLength = maxLength;
  const maxChunks = positive(flags.maxChunks, '--max-chunks');
  if (maxChunks !== undefined) changes.maxChunks = maxChunks;
  const batchSize = positive(flags.batchSize, '--batch-size');
  if (batchSize !== undefined) changes.batchSize = batchSize;
  if (flags.chunkPooling) changes.chunkPooling = flags.chunkPooling;
  return changes;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
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

export function registerModelsCommands(program: Command): void {
  const models = program.command('models').description('manage text encoders (ONNX models in the Hugging Face folder layout)');

  models
    .command('list')
    .description('list installed encoders; the active one is marked')
    .action(async (_options: unknown, command: Command) => {
      await withContext(command, (ctx) => {
        const list = listModels(ctx.db());
        ctx.result({ ok: true, models: list.map((m) => ({ ...installedJson(m), active: m.active })) }, () =>
          list.length === 0
            ? ctx.t('models.none')
            : list
                .map((m) => `${m.active ? '*' : ' '} ${m.id}  ${m.dimension}d  ${m.pooling}  max ${m.maxLength}  ${m.variants.join(',')}  ${megabytes(m.sizeBytes)}${m.active ? `  (${ctx.t('models.active_marker')})` : ''}`)
                .join('\n'),
        );
      });
    });

  models
    .command('install')
    .description('validate and install a model from a folder or a .zip file')
    .argument('<path>', 'model folder or .zip file')
    .option('--id <id>', 'id to install under (default: the folder or file name)')
    .option('--replace', 'replace an installed model with the same id')
    .action(async (from: string, options: { id?: string; replace?: boolean }, command: Command) => {
      await withContext(command, async (ctx, signal) => {
        const model = await installFromPath(from, { id: options.id, replace: options.replace, onProgress: ctx.progress(), signal });
        ctx.result({ ok: true, model: installedJson(model) }, () => ctx.t('models.installed', { id: model.id, dir: model.dir, dimension: model.dimension }));
      });
    });

  models
    .command('download')
    .description('download, validate and install a model from a Hugging Face repository')
    .argument('<repo>', 'repository id, such as intfloat/multilingual-e5-small')
    .option('--revision <revision>', 'branch, tag or commit', 'main')
    .option('--hub <url>', 'hub base URL (default: https://huggingface.co, or $ADERENCIA_HUB_URL)')
    .option('--quantized', 'download the quantised ONNX variant instead of the full-precision one')
    .option('--id <id>', 'id to install under (default: owner--name)')
    .option('--replace', 'replace an installed model with the same id')
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
    .description('make an installed model the active encoder; ID@quantized picks its quantised variant')
    .argument('<id>', 'installed model id')
    .action(async (id: string, _options: unknown, command: Command) => {
      await withContext(command, (ctx) => {
        const active = activate(ctx.db(), id);
        ctx.result({ ok: true, active }, () => ctx.t('models.activated', { id: active.variant === 'default' ? active.id : `${active.id}@${active.variant}` }));
      });
    });

  models
    .command('catalogue')
    .alias('catalog')
    .description('list recommended Portuguese-capable encoders with size, licence and languages')
    .action(async (_options: unknown, command: Command) => {
      await withContext(command, (ctx) => {
        const entries = catalogue();
        ctx.result({ ok: true, models: entries }, () =>
          entries.map((e) => `${e.repo}\n  ${e.parameters} params, ~${e.sizeMb} MB, ${e.hiddenSize}d, max ${e.maxLength} tokens, ${e.licence}, ONNX: ${e.onnx === 'repo' ? 'in the repository' : 'export with optimum'}\n  ${e.languages}. ${e.notes}`).join('\n'),
        );
      });
    });

  models
    .command('providers')
    .description('show the ONNX Runtime execution providers and where the active encoder runs')
    .action(async (_options: unknown, command: Command) => {
      await withContext(command, async (ctx) => {
        const info = await providersInfo(ctx.db());
        ctx.result({ ok: true, ...info }, () =>
          [
            `platform: ${info.platform}`,
            `supported: ${info.supported.join(', ')}`,
            `order: ${info.order.join(' → ')}`,
            `intra-op threads: ${info.intraOpThreads}`,
            info.active ? `active encoder runs on: ${info.active.provider} ${JSON.stringify(info.active.placement)}` : '',
          ].filter(Boolean).join('\n'),
        );
      });
    });

  models
    .command('options')
    .description('show or change how texts are encoded; changes apply to new encodings (the cache is keyed on them)')
    .option('--gpu-only', 'fail instead of running on the CPU')
    .option('--no-gpu-only', 'allow the CPU provider')
    .option('--providers <list>', 'comma-separated providers to try in order: cuda, dml, coreml, webgpu, cpu; "auto" for the platform default')
    .option('--threads <n>', 'threads inside one ONNX operator (default: all available cores)')
    .option('--max-length <n>', 'maximum tokens per chunk, special tokens included (default: the model\'s maximum)')
    .option('--max-chunks <n>', 'chunks per long text; tokens past the last chunk are dropped')
    .addOption(new Option('--chunk-pooling <mode>', 'how chunk vectors of one text combine').choices(['mean', 'max']))
    .option('--batch-size <n>', 'sequences per ONNX Runtime call')
    .action(async (flags: OptionFlags, command: Command) => {
      await withContext(command, (ctx) => {
        const changes = optionChanges(getEncoderOptions(ctx.db()), flags);
        const options = Object.keys(changes).length > 0 ? setEncoderOptions(ctx.db(), changes) : getEncoderOptions(ctx.db());
        ctx.result({ ok: true, options }, () => JSON.stringify(options, null, 2));
      });
    });

  program
    .command('embed')
    .description('encode every thesis and theme into the embedding cache (cached texts are skipped)')
    .option('--model <id>', 'installed model id (default: the active encoder)')
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
