// The columns of an export, one row per pair. Thesis columns keep the CAPES open-data names, which
// users and the spreadsheet importer's header table recognise. Pair columns use short lower-case
// Portuguese names after the challenge data's own (tema_id, tema). Identifiers are written exactly
// as imported so results join back to the source file. docs/export.md lists every column.

import type { LevelOrigin, PairRow } from '../../../shared/filters';

export type ColumnKind = 'text' | 'integer' | 'decimal' | 'date';

export interface ExportColumn {
  header: string;
  kind: ColumnKind;
  /** XLSX width in characters. */
  width: number;
  /** Wrap long text (abstracts) inside the cell. */
  wrap?: boolean;
  value: (row: PairRow) => string | number | null;
}

/** Stable values of the origem_nivel column, in Portuguese like the rest of the sheet. */
export const ORIGIN_CODES: Record<LevelOrigin, string> = {
  imported: 'importado',
  curator: 'curador',
  accepted_prediction: 'previsao_aceita',
  model: 'modelo',
  none: '',
};

/**
 * The level shown in `nivel`: the current label, or for an unlabelled pair the active model's
 * prediction (origem_nivel names which). Written as stored (BAIXA, MEDIA, ALTA), the challenge
 * data's spelling, so it compares directly with modelo_nivel.
 */
function shownLevel(row: PairRow): string | null {
  return row.level ?? row.predictedLevel;
}

const text = (header: string, width: number, value: (row: PairRow) => string | null, wrap = false): ExportColumn => ({
  header,
  kind: 'text',
  width,
  wrap,
  value,
});

/** Turns the stored justification JSON into "termos: a, b; trecho: ..." for a cell. */
function justificationText(row: PairRow): string | null {
  if (!row.justification) return null;
  let parsed: { terms?: { word?: string }[]; passage?: string | null };
  try {
    parsed = JSON.parse(row.justification) as typeof parsed;
  } catch {
    return null;
  }
  const words = (parsed.terms ?? []).map((term) => term.word).filter((word): word is string => Boolean(word));
  const parts: string[] = [];
  if (words.length) parts.push(`termos: ${words.join(', ')}`);
  if (parsed.passage) parts.push(`trecho: ${parsed.passage}`);
  return parts.length ? parts.join('; ') : null;
}

/** Optional column groups of an export; the defaults match the Export screen's. */
export interface ExportColumnOptions {
  /** DS_RESUMO and DS_ABSTRACT. */
  includeAbstract?: boolean;
  /** versao_modelo, nivel_previsto and the three probabilities. */
  includePrediction?: boolean;
  /** justificativa: the prediction's matched terms and abstract passage. */
  includeJustification?: boolean;
  /** curador and data_nivel: who set the current label, and when. */
  includeLabelAuthor?: boolean;
}

export const DEFAULT_COLUMN_OPTIONS: Required<ExportColumnOptions> = {
  includeAbstract: true,
  includePrediction: true,
  includeJustification: false,
  includeLabelAuthor: true,
};

const ABSTRACT_HEADERS = new Set(['DS_RESUMO', 'DS_ABSTRACT']);
const PREDICTION_HEADERS = new Set(['versao_modelo', 'nivel_previsto', 'p_baixa', 'p_media', 'p_alta']);

const LABEL_AUTHOR_COLUMNS: readonly ExportColumn[] = [
  text('curador', 18, (row) => row.labelCurator),
  { header: 'data_nivel', kind: 'date', width: 12, value: (row) => row.labelledAt?.slice(0, 10) ?? null },
];

const JUSTIFICATION_COLUMN = text('justificativa', 60, justificationText, true);

/** Returns the columns of an export, in order, for the chosen option groups. */
export function selectColumns(options: ExportColumnOptions = {}): ExportColumn[] {
  const chosen = { ...DEFAULT_COLUMN_OPTIONS, ...options };
  const columns = EXPORT_COLUMNS.filter(
    (column) =>
      (chosen.includeAbstract || !ABSTRACT_HEADERS.has(column.header)) &&
      (chosen.includePrediction || !PREDICTION_HEADERS.has(column.header)),
  );
  const afterOrigin = columns.findIndex((column) => column.header === 'origem_nivel') + 1;
  const extra = chosen.includeLabelAuthor ? LABEL_AUTHOR_COLUMNS : [];
  columns.splice(afterOrigin, 0, ...extra);
  if (chosen.includeJustification) columns.push(JUSTIFICATION_COLUMN);
  return columns;
}

export const EXPORT_COLUMNS: readonly ExportColumn[] = [
  text('ID_PRODUCAO_INTELECTUAL', 22, (row) => row.thesisSourceId),
  text('campo_id', 14, (row) => row.thesisSourceIdField),
  text('NM_PRODUCAO', 50, (row) => row.title, true),
  text('DS_RESUMO', 80, (row) => row.abstract, true),
  text('DS_ABSTRACT', 60, (row) => row.abstractEn, true),
  text('DS_PALAVRA_CHAVE', 30, (row) => row.keywords, true),
  text('DS_KEYWORD', 30, (row) => row.keywordsEn, true),
  text('NM_PROGRAMA', 30, (row) => row.programme),
  text('CD_PROGRAMA', 16, (row) => row.programmeCode),
  text('NM_ENTIDADE_ENSINO', 30, (row) => row.institution),
  text('SG_ENTIDADE_ENSINO', 12, (row) => row.institutionAcronym),
  text('SG_UF_IES', 8, (row) => row.uf),
  text('uf_pesquisador', 10, (row) => row.researcherUf),
  text('NM_REGIAO', 12, (row) => row.region),
  text('NM_GRANDE_AREA_CONHECIMENTO', 24, (row) => row.grandeArea),
  text('NM_AREA_CONHECIMENTO', 24, (row) => row.area),
  text('NM_SUBAREA_CONHECIMENTO', 24, (row) => row.subarea),
  text('NM_ESPECIALIDADE', 20, (row) => row.especialidade),
  text('NM_AREA_AVALIACAO', 24, (row) => row.areaAvaliacao),
  text('NM_GRAU_ACADEMICO', 18, (row) => row.degree),
  text('NM_SUBTIPO_PRODUCAO', 16, (row) => row.subtype),
  { header: 'DT_TITULACAO', kind: 'date', width: 12, value: (row) => row.defenceDate },
  { header: 'AN_BASE', kind: 'integer', width: 9, value: (row) => row.year },
  text('NM_AREA_CONCENTRACAO', 24, (row) => row.concentrationArea),
  text('NM_LINHA_PESQUISA', 24, (row) => row.researchLine),
  text('NM_PROJETO', 24, (row) => row.project),
  text('tema_id', 10, (row) => row.themeSourceId),
  text('tema', 40, (row) => row.themeName, true),
  text('uf_tema', 8, (row) => row.themeUf),
  text('macrotema', 24, (row) => row.macroTheme),
  text('nivel', 8, shownLevel),
  text('origem_nivel', 15, (row) => ORIGIN_CODES[row.origin] || null),
  text('versao_modelo', 16, (row) => row.modelVersion),
  text('nivel_previsto', 12, (row) => row.predictedLevel),
  { header: 'p_baixa', kind: 'decimal', width: 9, value: (row) => row.pBaixa },
  { header: 'p_media', kind: 'decimal', width: 9, value: (row) => row.pMedia },
  { header: 'p_alta', kind: 'decimal', width: 9, value: (row) => row.pAlta },
];
