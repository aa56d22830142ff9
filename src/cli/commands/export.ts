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
import type { Translate } from '../../shared/i18n';
import { LEVEL_LABEL, parseLevel, type Level } from '../../shared/levels';
import { withContext } from '../context';

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

function parseUf(raw: string): string {
  if (!/^[A-Za-z]{2}$/.test(raw)) throw new InvalidArgumentError(`expected a two-letter state such as RS, got "${raw}".`);
  return raw.toUpperCase();
}

function parseLevelFlag(raw: string): LevelFilterValue {
  if (/^(none|sem|sem[-_ ]nivel|sem[-_ ]nível|unlabel+ed)$/i.test(raw)) return 'none';
  const level = parseLevel(raw);
  if (!level) throw new InvalidArgumentError(`expected BAIXA, MEDIA, ALTA or none, got "${raw}".`);
  return level;
}

function parsePredictedFlag(raw: string): Level {
  const level = parseLevel(raw);
  if (!level) throw new InvalidArgumentError(`expected BAIXA, MEDIA or ALTA, got "${raw}".`);
  return level;
}

function parseSourceFlag(raw: string): LevelOrigin {
  const normalised = raw.toLowerCase().replace(/-/g, '_');
  const aliases: Record<string, LevelOrigin> = { curador: 'curator', importado: 'imported', modelo: 'model', accepted: 'accepted_prediction' };
  const origin = aliases[normalised] ?? normalised;
  if (!(LEVEL_ORIGINS as readonly string[]).includes(origin)) {
    throw new InvalidArgumentError(`expected one of ${LEVEL_ORIGINS.join(', ')}, got "${raw}".`);
  }
  return origin as LevelOrigin;
}

function parseProbability(raw: string): number {
  const value = Number(raw.replace(',', '.'));
  if (!Number.isFinite(value) || value < 0 || value > 1) throw new InvalidArgumentError(`expected a probability from 0 to 1, got "${raw}".`);
  return value;
}

function parseYear(raw: string): number {
  const year = Number(raw);
  if (!Number.isInteger(year) || year < 1900 || year > 2200) throw new InvalidArgumentError(`expected a year such as 2023, got "${raw}".`);
  return year;
}

function parseYearRange(raw: string): { from: number; to: number } {
  const match = /^(\d{4})(?:\s*[-:]\s*(\d{4}))?$/.exec(raw.trim());
  if (!match) throw new InvalidArgumentError(`expected a year (2023) or a range (2019-2023), got "${raw}".`);
  const from = parseYear(match[1]);
  const to = match[2] ? parseYear(match[2]) : from;
  if (from > to) throw new InvalidArgumentError(`the range ${raw} starts after it ends.`);
  return { from, to };
}

function parseLimit(raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > MAX_PAGE_SIZE) {
    throw new InvalidArgumentError(`expected a whole number from 1 to ${MAX_PAGE_SIZE}, got "${raw}".`);
  }
  return value;
}

function parseOffset(raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new InvalidArgumentError(`expected a whole number, 0 or more, got "${raw}".`);
  return value;
}

/** Adds the filter and sort flags shared by `pairs` and `export`. */
function addFilterOptions(command: Command): Command {
  return command
    .option('--uf <UF>', "thesis state (institution's, else researcher's), e.g. RS; repeatable or comma-separated", collect(parseUf))
    .option('--theme <ID>', 'theme id as imported (tema_id), or the database id (repeatable)', collect(String))
    .option('--macro-theme <NAME>', 'macro-theme name (repeatable)', collect(String))
    .option('--level <LEVEL>', 'current level: BAIXA, MEDIA, ALTA or none for unlabelled (repeatable)', collect(parseLevelFlag))
    .option('--source <SOURCE>', `origin of the level: ${LEVEL_ORIGINS.join(', ')} (repeatable)`, collect(parseSourceFlag))
    .option('--predicted <LEVEL>', "active model's predicted level (repeatable)", collect(parsePredictedFlag))
    .option('--min-confidence <P>', "minimum of the active model's top probability, 0 to 1", parseProbability)
    .option('--max-confidence <P>', "maximum of the active model's top probability, 0 to 1", parseProbability)
    .addOption(new Option('--disagreement', 'only pairs whose label differs from the prediction').conflicts('agreement'))
    .addOption(new Option('--agreement', 'only pairs whose label equals the prediction').implies({ disagreement: false }))
    .option('--programme <NAME>', 'graduate programme name, exact (repeatable)', collect(String))
    .option('--area <NAME>', 'knowledge area name, exact (repeatable)', collect(String))
    .option('--year <YEAR>', 'year or range, e.g. 2023 or 2019-2023', parseYearRange)
    .option('--year-from <YEAR>', 'first year', parseYear)
    .option('--year-to <YEAR>', 'last year', parseYear)
    .option('--search <TEXT>', 'words in title, abstract or keywords, ignoring case and accents')
    .option('--include-archived', 'include pairs of archived themes')
    .addOption(new Option('--sort <KEY>', 'sort order').choices(PAIR_SORT_KEYS).default('pair'))
    .option('--desc', 'sort in descending order');
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

function buildFilter(command: Command, db: Db, flags: FilterFlags): PairFilter {
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
    return command.error(`error: invalid filter in ${issue.path.join('.') || 'filter'}: ${issue.message}`, {
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

function formatTable(rows: PairRow[], total: number, t: Translate): string {
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
      ? `${LEVEL_LABEL[row.predictedLevel]} ${Math.max(row.pBaixa ?? 0, row.pMedia ?? 0, row.pAlta ?? 0).toFixed(2)}`
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
  return [header, ...lines, '', t('pairs.summary', { shown: rows.length, total })].join('\n');
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

export function registerExportCommands(program: Command): void {
  // program.command() (not new Command) so the subcommand inherits exitOverride: a usage error
  // must reach run() as a CommanderError and become exit code 2.
  const pairs = program
    .command('pairs')
    .description('list the pairs a filter selects (a table, or JSON with --json)')
    .option('--limit <N>', `pairs to show, 1 to ${MAX_PAGE_SIZE}`, parseLimit, 20)
    .option('--offset <N>', 'pairs to skip first', parseOffset, 0);
  addFilterOptions(pairs).action(async (options: FilterFlags & { limit: number; offset: number }, command: Command) => {
    await withContext(command, (context) => {
      const db = context.db();
      const filter = buildFilter(command, db, options);
      const total = countPairs(db, filter);
      const page = queryPairs(db, filter, sortOf(options), { limit: options.limit, offset: options.offset });
      context.result({ ok: true, total, shown: page.rows.length, offset: options.offset, filter, rows: page.rows }, () =>
        formatTable(page.rows, total, context.t),
      );
    });
  });

  const exportCommand = program
    .command('export')
    .description('export the pairs a filter selects to .xlsx or .csv')
    .argument('<file>', 'output file; the format follows the extension unless --format is given')
    .addOption(new Option('--format <FORMAT>', 'output format').choices(EXPORT_FORMATS))
    .addOption(
      new Option('--csv-variant <VARIANT>', 'CSV dialect: br (Excel in Brazil: BOM, ";", decimal ",") or intl (",", decimal ".")')
        .choices(CSV_VARIANTS)
        .default('br'),
    )
    .option('--no-abstract', 'leave out the abstracts (DS_RESUMO, DS_ABSTRACT)')
    .option('--no-prediction', "leave out the active model's level and probabilities")
    .option('--no-label-author', 'leave out who set each label and when (curador, data_nivel)')
    .option('--justification', "add the prediction's matched terms and abstract passage (justificativa)")
    .option('--no-summary', 'XLSX: leave out the Contagens sheet of pairs per theme and level');
  addFilterOptions(exportCommand).action(
    async (file: string, options: FilterFlags & ExportColumnFlags, command: Command) => {
      await withContext(command, async (context, signal) => {
        const db = context.db();
        const filter = buildFilter(command, db, options);
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
          const lines = [context.t('export.done', { rows: result.rows, file: result.file })];
          if (result.truncatedCells > 0) lines.push(context.t('export.truncated', { count: result.truncatedCells }));
          return lines.join('\n');
        });
      });
    },
  );
}
