// The kinds of file the importer understands, and how a kind is recognised from the headers when
// the caller does not force one with --kind.

import { AppError } from '../../../shared/errors';
import { headerKey, mapColumns, type ColumnMap } from './fields';
import type { FileFormat } from './probe';

/**
 * - capes: the CAPES open-data catalogue CSV (2013 onward or 1987–2012 column names);
 * - challenge: the 25-column (thesis, theme, level) schema, as CSV or parquet;
 * - spreadsheet: an agency XLSX or CSV with CAPES or renamed columns, optionally with theme and level columns;
 * - themes: a theme catalogue (state, macro-theme, theme, keywords);
 * - labels: labelled pairs (thesis id, theme id, level).
 */
export const IMPORT_KINDS = ['capes', 'challenge', 'spreadsheet', 'themes', 'labels'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export function isImportKind(value: string): value is ImportKind {
  return (IMPORT_KINDS as readonly string[]).includes(value);
}

const CAPES_MARKERS = ['nm_producao', 'id_producao_intelectual', 'titulotese', 'ds_resumo'];

/** Picks the kind from the mapped headers; throws import_unknown_kind listing the columns found. */
export function detectKind(fileName: string, format: FileFormat, headers: readonly string[], columns: ColumnMap = mapColumns(headers)): ImportKind {
  const keys = new Set(headers.map(headerKey));
  const has = (field: keyof ColumnMap['index']): boolean => columns.index[field] != null;
  if (keys.has('hash_id') && keys.has('tema_id') && keys.has('nome_producao')) return 'challenge';
  if (has('title')) {
    return format === 'csv' && CAPES_MARKERS.some((marker) => keys.has(marker)) ? 'capes' : 'spreadsheet';
  }
  if (has('sourceId') && has('themeId') && has('level')) return 'labels';
  if (has('themeName')) return 'themes';
  throw new AppError('import_unknown_kind', `${fileName}: cannot tell what kind of file this is from its columns`, {
    file: fileName,
    found: headers.join(', '),
  });
}
