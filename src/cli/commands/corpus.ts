// Command group: corpus. `import FILE` brings theses, themes and labelled pairs in, `pair` creates
// the missing pairs by state, and `status` counts the corpus per state, theme, level and label source.

import { InvalidArgumentError, Option, type Command } from 'commander';

import { importFileInWorker, pairCorpusInWorker } from '../../main/corpus/jobs';
import { corpusStatus, IMPORT_KINDS, type CorpusStatus, type ImportKind, type ImportResult } from '../../main/corpus/service';
import type { RowIssue } from '../../main/db/imports';
import { DEFAULT_MAX_NEW_PAIRS } from '../../main/db/pairs';
import type { Translate } from '../../shared/i18n';
import { withContext } from '../context';
import { countOf } from '../locale';

/** Skipped rows listed in text output; --json lists them all. */
const MAX_LISTED_ROWS = 20;
const MAX_LISTED_THEMES = 30;

function issueMessage(t: Translate, issue: RowIssue): string {
  return t(`import.reason.${issue.reason}`, { detail: issue.detail ?? '', defaultValue: issue.reason });
}

function importJson(t: Translate, result: ImportResult): unknown {
  return {
    ok: true,
    import_id: result.importId,
    file: result.file,
    kind: result.kind,
    format: result.format,
    encoding: result.encoding,
    sha256: result.sha256,
    rows_read: result.rowsRead,
    imported: result.imported,
    skipped: result.skipped,
    errors: result.errors.map((issue) => ({ ...issue, message: issueMessage(t, issue) })),
    theses: result.theses,
    themes: result.themes,
    pairs: result.pairs,
    labels: result.labels,
    pairing: result.pairing,
    ignored_columns: result.ignoredColumns,
    duration_ms: result.durationMs,
  };
}

function importText(t: Translate, result: ImportResult): string {
  const lines = [
    t('import.summary', {
      file: result.file,
      kind: t(`import.kind.${result.kind}`),
      rowsRead: result.rowsRead,
      imported: result.imported,
      skipped: result.skipped,
    }),
  ];
  if (result.kind !== 'themes' && result.kind !== 'labels') lines.push(t('import.theses', { ...result.theses }));
  if (result.themes.inserted + result.themes.updated + result.themes.unchanged > 0) lines.push(t('import.themes', { ...result.themes }));
  if (result.pairs.created + result.pairs.existing > 0) {
    lines.push(t('import.pairs', { ...result.pairs }));
    lines.push(t('import.labels', { ...result.labels }));
  }
  if (result.pairing?.skipped) {
    lines.push(t('import.pairingSkipped', { ...result.pairing.skipped }));
  } else if (result.pairing) {
    lines.push(t('import.pairing', { created: result.pairing.created, count: result.pairing.created }));
    for (const state of result.pairing.byState.filter((s) => s.created > 0)) {
      lines.push(t('import.pairingState', { uf: state.uf ?? t('import.national'), created: state.created }));
    }
  }
  if (result.ignoredColumns.length > 0) lines.push(t('import.ignoredColumns', { columns: result.ignoredColumns.join(', ') }));
  for (const issue of result.errors.slice(0, MAX_LISTED_ROWS)) {
    lines.push(
      t('import.skippedRow', {
        line: issue.line ?? '?',
        column: issue.column ? t('import.skippedColumn', { column: issue.column }) : '',
        reason: issueMessage(t, issue),
      }),
    );
  }
  if (result.errors.length > MAX_LISTED_ROWS) lines.push(t('import.skippedMore', { count: result.errors.length - MAX_LISTED_ROWS }));
  return lines.join('\n');
}

function statusText(t: Translate, status: CorpusStatus): string {
  const lines = [
    t('status.totals', { ...status }),
    t('status.levels', { ...status.byLevel }),
    t('status.sources', { ...status.bySource }),
    t('status.byState'),
  ];
  for (const state of status.byState) {
    lines.push(
      t('status.stateRow', {
        ...state,
        uf: state.uf ?? t('import.national'),
        theses: countOf(t, 'theses', state.theses),
        themes: countOf(t, 'themes', state.themes),
        pairs: countOf(t, 'pairs', state.pairs),
      }),
    );
  }
  const labelled = status.byTheme.filter((theme) => theme.BAIXA + theme.MEDIA + theme.ALTA > 0);
  if (labelled.length > 0) {
    lines.push(t('status.byTheme'));
    for (const theme of labelled.slice(0, MAX_LISTED_THEMES)) {
      lines.push(t('status.themeRow', { ...theme, id: theme.sourceId ?? theme.themeId, pairs: countOf(t, 'pairs', theme.pairs) }));
    }
    if (labelled.length > MAX_LISTED_THEMES) lines.push(t('status.themesMore', { count: labelled.length - MAX_LISTED_THEMES }));
  }
  return lines.join('\n');
}


/** Milliseconds a cancelled import gets to stop between rows before its worker is terminated. */
const CANCEL_GRACE_MS = 1000;

/** Parses --max-pairs: a whole number of pairs, digits only so "2.000.000" is not read as 2. */
function maxPairsParser(help: Translate): (raw: string) => number {
  return (raw) => {
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value)) throw new InvalidArgumentError(help('cli.expect.maxPairs', { value: raw }));
    return value;
  };
}

/** Adds `import`, `pair` and `status`; `help` gives their help texts in the chosen locale. */
export function registerCorpusCommands(program: Command, help: Translate): void {
  const parseMaxPairs = maxPairsParser(help);
  program
    .command('import')
    .description(help('cli.import'))
    .argument('<file>', help('cli.import.file'))
    .addOption(new Option('--kind <kind>', help('cli.import.kind')).choices(IMPORT_KINDS))
    .option('--pair', help('cli.import.pair'))
    .option('--no-pair', help('cli.import.noPair'))
    .option('--max-pairs <n>', help('cli.import.maxPairs', { default: DEFAULT_MAX_NEW_PAIRS }), parseMaxPairs)
    .action(async (file: string, options: { kind?: ImportKind; pair?: boolean; maxPairs?: number }, command: Command) => {
      await withContext(command, async (ctx, signal) => {
        // In a worker, so Ctrl+C also stops the final write: the worker is terminated and SQLite
        // rolls its transaction back, where an in-process write would run to its commit first.
        const result = await importFileInWorker(ctx.db(), file, {
          kind: options.kind,
          pair: options.pair,
          maxNewPairs: options.maxPairs,
          onProgress: ctx.progress(),
          signal,
          cancelGraceMs: CANCEL_GRACE_MS,
        });
        ctx.result(importJson(ctx.t, result), () => importText(ctx.t, result));
      });
    });

  program
    .command('pair')
    .description(help('cli.pair'))
    .option('--max-pairs <n>', help('cli.pair.maxPairs', { default: DEFAULT_MAX_NEW_PAIRS }), parseMaxPairs)
    .action(async (options: { maxPairs?: number }, command: Command) => {
      await withContext(command, async (ctx, signal) => {
        const result = await pairCorpusInWorker(ctx.db(), {
          maxNewPairs: options.maxPairs,
          onProgress: ctx.progress(),
          signal,
          cancelGraceMs: CANCEL_GRACE_MS,
        });
        ctx.result({ ok: true, created: result.created, by_state: result.byState }, () => ctx.t('pairing.done', { created: result.created, count: result.created }));
      });
    });

  program
    .command('status')
    .description(help('cli.status'))
    .action(async (_options: unknown, command: Command) => {
      await withContext(command, (ctx) => {
        const status = corpusStatus(ctx.db());
        ctx.result({ ok: true, ...status }, () => statusText(ctx.t, status));
      });
    });
}
