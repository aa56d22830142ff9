// Command group: models. `models list | install PATH | download REPO_ID | activate ID | catalogue |
// providers` manage text encoders in the user-data models folder; `embed` encodes every thesis and
// theme into the embedding cache with the active (or named) encoder.

import type { Command } from 'commander';

import {
  activate,
  catalogue,
  disposeEncoders,
  download,
  embedCorpus,
  installFromPath,
  listModels,
  providersInfo,
  type EmbedSummary,
} from '../../main/encoders/service';
import type { InstalledModel } from '../../main/encoders/registry';
import { createContext, type CliContext, type GlobalOptions } from '../context';

/** Runs `body` with a context, cancels on Ctrl+C, and stops the encoder worker afterwards. */
async function withContext(command: Command, body: (ctx: CliContext, signal: AbortSignal) => Promise<void> | void): Promise<void> {
  const ctx = createContext(command.optsWithGlobals<GlobalOptions>());
  const controller = new AbortController();
  const onInterrupt = (): void => controller.abort();
  process.once('SIGINT', onInterrupt);
  try {
    await body(ctx, controller.signal);
  } finally {
    process.off('SIGINT', onInterrupt);
    await disposeEncoders();
    ctx.close();
  }
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
