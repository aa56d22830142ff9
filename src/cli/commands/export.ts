// Command group: `aderencia pairs` lists the pairs a filter selects; `aderencia export FILE` writes
// them to .xlsx or .csv. Both take the same filter flags, turned into one PairFilter, so a listing
// shows exactly what the export of the same flags contains.

import { Command, InvalidArgumentError, Option } from 'commander';

import { exportPairs, EXPORT_FORMATS, type ExportFormat } from '../../main/corpus/export/service';
import { CSV_VARIANTS, type CsvVariant } from '../../main/corpus/export/csv';
import type { Db } from '../../main/db/connection';
import { countPairs, queryPairs } from '../../main/db/pairQuery';
import { AppError } from '../../shared/errors';
import {
  LEVEL_ORIGINS,
  MAX_PAGE_SIZE,
  PAIR_SORT_KEYS,
  parsePairFilter,
  type LevelFilterValue,
  type LevelOrigin,
  type PairFilter,
  type PairRow,
  type PairSort,
  type PairSortKey,
} from '../../shared/filters';
import type { Locale, Translate } from '../../shared/i18n';
import { LEVEL_LABEL, parseLevel, type Level } from '../../shared/levels';
import { withContext } from '../context';
import { formatDecimal } from '../locale';

interface FilterFlags {
  uf?: string[];
  theme?: string[];
  macroTheme?: string[];
  level?: LevelFilterValue[];
  source?: LevelOrigin[];
  predicted?: Level[];
  minConfidence?: number;
  maxConfidence?: number;
  disagreement?: boolean;
  programme?: string[];
  area?: string[];
  year?: { from: number; to: number };
  yearFrom?: number;
  yearTo?: number;
  search?: string;
  includeArchived?: boolean;
  sort?: PairSortKey;
  desc?: boolean;
}

/** Accumulates a repeatable flag; each value may also be a comma-separated list. */
function collect<T>(parseOne: (raw: string) => T) {
  return (value: string, previous: T[] | undefined): T[] => {
    const parts = value
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean);
    return [...(previous ?? []), ...parts.map(parseOne)];
  };
}

/**
 * Parsers of the flag values. They run while commander parses, before any context exists, so they
 * take the translator of the locale the program was built in.
 */
function flagParsers(t: Translate) {
  const invalid = (key: string, raw: string, params: Record<string, unknown> = {}): InvalidArgumentError =>
    new InvalidArgumentError(t(key, { value: raw, ...params }));

  function parseUf(raw: string): string {
    if (!/^[A-Za-z]{2}$/.test(raw)) throw invalid('cli.expect.uf', raw);
    return raw.toUpperCase();
  }

  function parseLevelFlag(raw: string): LevelFilterValue {
    if (/^(none|sem|sem[-_ ]nivel|sem[-_ ]nível|unlabel+ed)$/i.test(raw)) return 'none';
    const level = parseLevel(raw);
    if (!level) throw invalid('cli.expect.level', raw);
    return level;
  }

  function parsePredictedFlag(raw: string): Level {
    const level = parseLevel(raw);
    if (!level) throw invalid('cli.expect.predicted', raw);
    return level;
  }

  function parseSourceFlag(raw: string): LevelOrigin {
    const normalised = raw.toLowerCase().replace(/-/g, '_');
    const aliases: Record<string, LevelOrigin> = { curador: 'curator', importado: 'imported', modelo: 'model', accepted: 'accepted_prediction' };
    const origin = aliases[normalised] ?? normalised;
    if (!(LEVEL_ORIGINS as readonly string[]).includes(origin)) throw invalid('cli.expect.source', raw, { known: LEVEL_ORIGINS.join(', ') });
    return origin as LevelOrigin;
  }

  function parseProbability(raw: string): number {
    const value = Number(raw.replace(',', '.'));
    if (!Number.isFinite(value) || value < 0 || value > 1) throw invalid('cli.expect.probability', raw);
    return value;
  }

  function parseYear(raw: string): number {
    const year = Number(raw);
    if (!Number.isInteger(year) || year < 1900 || year > 2200) throw invalid('cli.expect.year', raw);
    return year;
  }

  function parseYearRange(raw: string): { from: number; to: number } {
    const match = /^(\d{4})(?:\s*[-:]\s*(\d{4}))?$/.exec(raw.trim());
    if (!match) throw invalid('cli.expect.yearRange', raw);
    const from = parseYear(match[1]);
    const to = match[2] ? parseYear(match[2]) : from;
    if (from > to) throw invalid('cli.expect.yearOrder', raw);
    return { from, to };
  }

  function parseLimit(raw: string): number {
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1 || value > MAX_PAGE_SIZE) throw invalid('cli.expect.limit', raw, { max: MAX_PAGE_SIZE });
    return value;
  }

  function parseOffset(raw: string): number {
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 0) throw invalid('cli.expect.offset', raw);
    return value;
  }

  return { parseUf, parseLevelFlag, parsePredictedFlag, parseSourceFlag, parseProbability, parseYear, parseYearRange, parseLimit, parseOffset };
}

type FlagParsers = ReturnType<typeof flagParsers>;

/** Adds the filter and sort flags shared by `pairs` and `export`. */
function addFilterOptions(command: Command, help: Translate, parse: FlagParsers): Command {
  return command
    .option('--uf <UF>', help('cli.filter.uf'), collect(parse.parseUf))
    .option('--theme <ID>', help('cli.filter.theme'), collect(String))
    .option('--macro-theme <NAME>', help('cli.filter.macroTheme'), collect(String))
    .option('--level <LEVEL>', help('cli.filter.level'), collect(parse.parseLevelFlag))
    .option('--source <SOURCE>', help('cli.filter.source', { known: LEVEL_ORIGINS.join(', ') }), collect(parse.parseSourceFlag))
    .option('--predicted <LEVEL>', help('cli.filter.predicted'), collect(parse.parsePredictedFlag))
    .option('--min-confidence <P>', help('cli.filter.minConfidence'), parse.parseProbability)
    .option('--max-confidence <P>', help('cli.filter.maxConfidence'), parse.parseProbability)
    .addOption(new Option('--disagreement', help('cli.filter.disagreement')).conflicts('agreement'))
    .addOption(new Option('--agreement', help('cli.filter.agreement')).implies({ disagreement: false }))
    .option('--programme <NAME>', help('cli.filter.programme'), collect(String))
    .option('--area <NAME>', help('cli.filter.area'), collect(String))
    .option('--year <YEAR>', help('cli.filter.year'), parse.parseYearRange)
    .option('--year-from <YEAR>', help('cli.filter.yearFrom'), parse.parseYear)
    .option('--year-to <YEAR>', help('cli.filter.yearTo'), parse.parseYear)
    .option('--search <TEXT>', help('cli.filter.search'))
    .option('--include-archived', help('cli.filter.includeArchived'))
    .addOption(new Option('--sort <KEY>', help('cli.filter.sort')).choices(PAIR_SORT_KEYS).default('pair'))
    .option('--desc', help('cli.filter.desc'));
}

/** Maps each --theme value to a database id: imported tema_id first, else a numeric database id. */
function resolveThemes(db: Db, values: string[]): number[] {
  const bySource = db.prepare('SELECT id FROM themes WHERE source_id = ?');
  const byId = db.prepare('SELECT id FROM themes WHERE id = ?');
  return values.map((value) => {
    const row = (bySource.get(value) ?? (/^\d+$/.test(value) ? byId.get(Number(value)) : undefined)) as { id: number } | undefined;
    if (!row) {
      throw new AppError('theme_not_found', `Theme not found: ${value}`, { id: value });
    }
    return row.id;
  });
}

function buildFilter(command: Command, db: Db, flags: FilterFlags, t: Translate): PairFilter {
  const from = flags.yearFrom ?? flags.year?.from;
  const to = flags.yearTo ?? flags.year?.to;
  const confidence =
    flags.minConfidence != null || flags.maxConfidence != null ? { min: flags.minConfidence, max: flags.maxConfidence } : undefined;
  const raw: PairFilter = {
    ufs: flags.uf,
    themeIds: flags.theme ? resolveThemes(db, flags.theme) : undefined,
    macroThemes: flags.macroTheme,
    levels: flags.level,
    sources: flags.source,
    predictedLevels: flags.predicted,
    confidence,
    disagreement: flags.disagreement,
    programmes: flags.programme,
    areas: flags.area,
    years: from != null || to != null ? { from, to } : undefined,
    search: flags.search,
    includeArchivedThemes: flags.includeArchived,
  };
  const defined = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== undefined));
  try {
    return parsePairFilter(defined);
  } catch (error) {
    const issue = (error as { issues?: { path: PropertyKey[]; message: string }[] }).issues?.[0];
    if (!issue) throw error;
    // A filter the flags could not express is a usage error (exit 2), printed like commander's own.
    // NOTE: the reason is the schema's own message, which is English in every locale.
    return command.error(t('cli.err.invalidFilter', { field: issue.path.join('.') || 'filter', reason: issue.message }), {
      code: 'aderencia.invalidFilter',
      exitCode: 2,
    });
  }
}

function sortOf(flags: FilterFlags): PairSort {
  return { key: flags.sort ?? 'pair', direction: flags.desc ? 'desc' : 'asc' };
}

function cut(text: string | null, width: number): string {
  const value = (text ?? '').replace(/\s+/g, ' ');
  return value.length > width ? `${value.slice(0, width - 1)}…` : value.padEnd(width);
}

function formatTable(rows: PairRow[], total: number, t: Translate, locale: Locale): string {
  if (rows.length === 0) return t('pairs.none');
  const header = [
    cut(t('pairs.header.thesis'), 18),
    cut(t('pairs.header.uf'), 3),
    cut(t('pairs.header.theme'), 34),
    cut(t('pairs.header.level'), 6),
    cut(t('pairs.header.origin'), 16),
    cut(t('pairs.header.predicted'), 12),
    t('pairs.header.title'),
  ].join(' ');
  const lines = rows.map((row) => {
    const predicted = row.predictedLevel
      ? `${LEVEL_LABEL[row.predictedLevel]} ${formatDecimal(locale, Math.max(row.pBaixa ?? 0, row.pMedia ?? 0, row.pAlta ?? 0), 2)}`
      : '';
    return [
      cut(row.thesisSourceId ?? `#${row.thesisId}`, 18),
      cut(row.uf ?? row.researcherUf, 3),
      cut(`${row.themeSourceId ?? `#${row.themeId}`} ${row.themeName}`, 34),
      cut(row.level ? LEVEL_LABEL[row.level] : '', 6),
      cut(row.origin === 'none' ? '' : t(`source.${row.origin}`), 16),
      cut(predicted, 12),
      cut(row.title, 60).trimEnd(),
    ].join(' ');
  });
  return [header, ...lines, '', t('pairs.summary', { shown: rows.length, total, count: total })].join('\n');
}

interface ExportColumnFlags {
  format?: ExportFormat;
  csvVariant: CsvVariant;
  abstract: boolean;
  prediction: boolean;
  labelAuthor: boolean;
  justification?: boolean;
  summary: boolean;
}

/** Adds `pairs` and `export`; `help` gives their help texts and flag errors in the chosen locale. */
export function registerExportCommands(program: Command, help: Translate): void {
  const parse = flagParsers(help);
  // program.command() (not new Command) so the subcommand inherits exitOverride: a usage error
  // must reach run() as a CommanderError and become exit code 2.
  const pairs = program
    .command('pairs')
    .description(help('cli.pairs'))
    .option('--limit <N>', help('cli.pairs.limit', { max: MAX_PAGE_SIZE }), parse.parseLimit, 20)
    .option('--offset <N>', help('cli.pairs.offset'), parse.parseOffset, 0);
  addFilterOptions(pairs, help, parse).action(async (options: FilterFlags & { limit: number; offset: number }, command: Command) => {
    await withContext(command, (context) => {
      const db = context.db();
      const filter = buildFilter(command, db, options, context.t);
      const total = countPairs(db, filter);
      const page = queryPairs(db, filter, sortOf(options), { limit: options.limit, offset: options.offset });
      context.result({ ok: true, total, shown: page.rows.length, offset: options.offset, filter, rows: page.rows }, () =>
        formatTable(page.rows, total, context.t, context.locale),
      );
    });
  });

  const exportCommand = program
    .command('export')
    .description(help('cli.export'))
    .argument('<file>', help('cli.export.file'))
    .addOption(new Option('--format <FORMAT>', help('cli.export.format')).choices(EXPORT_FORMATS))
    .addOption(
      new Option('--csv-variant <VARIANT>', help('cli.export.csvVariant'))
        .choices(CSV_VARIANTS)
        .default('br'),
    )
    .option('--no-abstract', help('cli.export.noAbstract'))
    .option('--no-prediction', help('cli.export.noPrediction'))
    .option('--no-label-author', help('cli.export.noLabelAuthor'))
    .option('--justification', help('cli.export.justification'))
    .option('--no-summary', help('cli.export.noSummary'));
  addFilterOptions(exportCommand, help, parse).action(
    async (file: string, options: FilterFlags & ExportColumnFlags, command: Command) => {
      await withContext(command, async (context, signal) => {
        const db = context.db();
        const filter = buildFilter(command, db, options, context.t);
        const result = await exportPairs(
          db,
          {
            file,
            format: options.format,
            csvVariant: options.csvVariant,
            filter,
            sort: sortOf(options),
            locale: context.locale,
            columns: {
              includeAbstract: options.abstract,
              includePrediction: options.prediction,
              includeLabelAuthor: options.labelAuthor,
              includeJustification: options.justification ?? false,
            },
            summarySheet: options.summary,
          },
          { onProgress: context.progress(), signal },
        );
        context.result({ ok: true, ...result }, () => {
          const lines = [context.t('export.done', { rows: result.rows, file: result.file, count: result.rows })];
          if (result.truncatedCells > 0) lines.push(context.t('export.truncated', { count: result.truncatedCells }));
          return lines.join('\n');
        });
      });
    },
  );
}
