// Turns one row of a file into what gets written: a thesis, a theme, and the pair with its imported
// level, depending on the kind. Bad rows become skip reasons; bad files become AppErrors.

import { AppError } from '../../../shared/errors';
import { parseLevel, type Level } from '../../../shared/levels';
import type { RowIssue } from '../../db/imports';
import { thesisContentHash, type ThesisInput } from '../../db/theses';
import type { ThemeInput } from '../../db/themes';
import { expectedHeaders, type ColumnMap, type Field } from './fields';
import type { ImportKind } from './kinds';
import { MAX_FIELD_CHARS, type SourceRow } from './sources';
import { parseState, parseThemeState } from './states';
import { cellText, foldText, parseDate, parseKeywordList, parseYear } from './values';

/** One row ready to write. Keys identify the thesis and theme across rows of the same file. */
export interface StagedRecord {
  line: number;
  thesis: ThesisInput | null;
  /** 'id:<source id>' or 'hash:<content hash>'; null when the row names no thesis. */
  thesisKey: string | null;
  theme: ThemeInput | null;
  /** 'id:<tema_id>' or 'name:<uf>:<folded name>'; null when the row names no theme. */
  themeKey: string | null;
  level: Level | null;
  note: string | null;
}

export type RowOutcome = { record: StagedRecord } | { skip: RowIssue };

const REQUIRED: Record<ImportKind, Field[]> = {
  capes: ['title'],
  spreadsheet: ['title'],
  challenge: ['sourceId', 'title', 'themeId', 'themeName'],
  themes: ['themeName'],
  labels: ['sourceId', 'themeId', 'level'],
};

/** Throws import_missing_columns, listing the columns found and the ones missing, when a kind's required fields are not mapped. */
export function checkRequiredColumns(kind: ImportKind, fileName: string, headers: readonly string[], columns: ColumnMap): void {
  const missing = REQUIRED[kind].filter((field) => columns.index[field] == null);
  if (missing.length === 0) return;
  const missingText = missing.map((field) => `${field} (${expectedHeaders(field)})`).join('; ');
  throw new AppError('import_missing_columns', `${fileName}: missing required columns for ${kind}: ${missingText}`, {
    file: fileName,
    kind,
    missing: missingText,
    found: headers.join(', '),
  });
}

export class RowReader {
  constructor(
    private readonly kind: ImportKind,
    private readonly fileName: string,
    private readonly columns: ColumnMap,
  ) {}

  private raw(row: SourceRow, field: Field): unknown {
    const index = this.columns.index[field];
    return index == null ? null : row.cells[index];
  }

  private text(row: SourceRow, field: Field): string | null {
    const value = cellText(this.raw(row, field));
    if (value != null && value.length > MAX_FIELD_CHARS) {
      throw new AppError(
        'import_field_too_large',
        `${this.fileName}, line ${row.line}, column ${this.columns.header[field]}: ${value.length} characters, more than ${MAX_FIELD_CHARS}`,
        { file: this.fileName, line: row.line, column: this.columns.header[field] ?? field, size: value.length, limit: MAX_FIELD_CHARS },
      );
    }
    return value;
  }

  /** Checks every cell, mapped or not, so an oversized value anywhere is reported with its column. */
  private checkSizes(row: SourceRow, headers: readonly string[]): void {
    row.cells.forEach((cell, i) => {
      if (typeof cell === 'string' && cell.length > MAX_FIELD_CHARS) {
        throw new AppError(
          'import_field_too_large',
          `${this.fileName}, line ${row.line}, column ${headers[i]}: ${cell.length} characters, more than ${MAX_FIELD_CHARS}`,
          { file: this.fileName, line: row.line, column: headers[i] ?? String(i + 1), size: cell.length, limit: MAX_FIELD_CHARS },
        );
      }
    });
  }

  /** Reads one row. Throws AppError for problems that make the whole file suspect. */
  read(row: SourceRow, headers: readonly string[]): RowOutcome {
    this.checkSizes(row, headers);
    const hasThesisColumns = this.kind !== 'themes' && this.kind !== 'labels';
    const thesis = hasThesisColumns ? this.thesis(row) : null;
    if (hasThesisColumns && thesis == null) {
      return { skip: { line: row.line, column: this.columns.header.title ?? null, reason: 'missing_title' } };
    }
    let thesisKey: string | null;
    if (thesis) thesisKey = thesis.sourceId != null ? `id:${thesis.sourceId}` : `hash:${thesisContentHash(thesis.title, thesis.abstract)}`;
    else {
      const sourceId = this.text(row, 'sourceId');
      if (this.kind === 'labels' && sourceId == null) {
        return { skip: { line: row.line, column: this.columns.header.sourceId ?? null, reason: 'missing_thesis_id' } };
      }
      thesisKey = sourceId != null ? `id:${sourceId}` : null;
    }

    const themeOutcome = this.theme(row);
    if ('skip' in themeOutcome) return themeOutcome;
    const { theme, themeKey } = themeOutcome;
    if (this.kind === 'themes' && theme == null) {
      return { skip: { line: row.line, column: this.columns.header.themeName ?? null, reason: 'missing_theme' } };
    }
    if ((this.kind === 'labels' || this.kind === 'challenge') && themeKey == null) {
      return { skip: { line: row.line, column: this.columns.header.themeId ?? null, reason: 'missing_theme' } };
    }

    const levelText = this.labelText(row);
    const level = parseLevel(levelText);
    if (levelText != null && level == null) {
      return {
        skip: { line: row.line, column: this.columns.header.level ?? null, reason: 'invalid_level', detail: levelText.slice(0, 40) },
      };
    }
    if (this.kind === 'labels' && level == null) {
      return { skip: { line: row.line, column: this.columns.header.level ?? null, reason: 'missing_level' } };
    }
    const note = level != null ? this.text(row, 'note') : null;
    return { record: { line: row.line, thesis, thesisKey, theme, themeKey, level, note } };
  }

  /**
   * Returns the level column, unless the export's origem_nivel marks the value as a model
   * prediction or the pair as unlabelled, because a prediction read back must not become a label.
   */
  private labelText(row: SourceRow): string | null {
    const level = this.text(row, 'level');
    if (level == null || this.columns.index.levelOrigin == null) return level;
    const origin = foldText(this.text(row, 'levelOrigin') ?? '');
    return origin === '' || origin === 'modelo' || origin === 'model' ? null : level;
  }

  private thesis(row: SourceRow): ThesisInput | null {
    const title = this.text(row, 'title');
    if (title == null) return null;
    const defenceDate = parseDate(this.raw(row, 'defenceDate'));
    const year = parseYear(this.raw(row, 'year')) ?? (defenceDate ? Number(defenceDate.slice(0, 4)) : null);
    // NOTE: a state that is not one of the 27 UFs is stored as missing; the row still imports.
    const uf = parseState(this.text(row, 'uf')) ?? parseState(this.text(row, 'ufName')) ?? null;
    const sourceId = this.text(row, 'sourceId');
    return {
      sourceId,
      sourceIdField: sourceId != null ? (this.text(row, 'sourceIdField') ?? this.columns.header.sourceId ?? null) : null,
      title,
      abstract: this.text(row, 'abstract'),
      abstractEn: this.text(row, 'abstractEn'),
      keywords: this.text(row, 'keywords'),
      keywordsEn: this.text(row, 'keywordsEn'),
      programme: this.text(row, 'programme'),
      programmeCode: this.text(row, 'programmeCode'),
      institution: this.text(row, 'institution'),
      institutionAcronym: this.text(row, 'institutionAcronym'),
      uf,
      researcherUf: parseState(this.text(row, 'researcherUf')) ?? null,
      region: this.text(row, 'region'),
      grandeArea: this.text(row, 'grandeArea'),
      area: this.text(row, 'area'),
      subarea: this.text(row, 'subarea'),
      especialidade: this.text(row, 'especialidade'),
      areaAvaliacao: this.text(row, 'areaAvaliacao'),
      degree: this.text(row, 'degree'),
      subtype: this.text(row, 'subtype'),
      defenceDate,
      year,
      concentrationArea: this.text(row, 'concentrationArea'),
      researchLine: this.text(row, 'researchLine'),
      project: this.text(row, 'project'),
    };
  }

  private theme(row: SourceRow): { theme: ThemeInput | null; themeKey: string | null } | { skip: RowIssue } {
    const sourceId = this.text(row, 'themeId');
    const name = this.text(row, 'themeName');
    const ufText = this.text(row, 'themeUf');
    const uf = parseThemeState(ufText);
    if (uf === undefined) {
      const column = this.columns.header.themeUf ?? 'uf';
      throw new AppError(
        'import_unknown_state',
        `${this.fileName}, line ${row.line}, column ${column}: "${ufText}" is not a Brazilian state`,
        { file: this.fileName, line: row.line, column, value: ufText ?? '' },
      );
    }
    let themeKey: string | null = null;
    if (sourceId != null) themeKey = `id:${sourceId}`;
    else if (name != null) themeKey = `name:${uf ?? ''}:${foldText(name)}`;
    if (name == null) return { theme: null, themeKey };
    const theme: ThemeInput = {
      sourceId,
      uf,
      macroTheme: this.text(row, 'macroTheme'),
      name,
      keywords: parseKeywordList(this.raw(row, 'themeKeywords')),
    };
    return { theme, themeKey };
  }
}
