// Maps the column headers of a file to the fields the importers know. One synonym table covers
// the CAPES catalogue (2013 onward and 1987–2012), the challenge's 25 columns, the export's own
// headers and the renamings agencies use in their spreadsheets, in Portuguese and English.

export const THESIS_FIELDS = [
  'sourceId',
  'sourceIdField',
  'title',
  'abstract',
  'abstractEn',
  'keywords',
  'keywordsEn',
  'programme',
  'programmeCode',
  'institution',
  'institutionAcronym',
  'uf',
  'ufName',
  'researcherUf',
  'region',
  'grandeArea',
  'area',
  'subarea',
  'especialidade',
  'areaAvaliacao',
  'degree',
  'subtype',
  'defenceDate',
  'year',
  'concentrationArea',
  'researchLine',
  'project',
] as const;

export const THEME_FIELDS = ['themeId', 'themeName', 'themeUf', 'macroTheme', 'themeKeywords'] as const;
export const LABEL_FIELDS = ['level', 'levelOrigin', 'note'] as const;

export type Field = (typeof THESIS_FIELDS)[number] | (typeof THEME_FIELDS)[number] | (typeof LABEL_FIELDS)[number];

/** Folds a header for lookup: no accents, lower case, runs of other characters as one '_'. */
export function headerKey(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/**
 * Accepted headers per field, in priority order (folded with headerKey). When a file has two
 * headers for one field, the earlier synonym wins: ID_PRODUCAO_INTELECTUAL before a bare "id".
 */
export const SYNONYMS: Readonly<Record<Field, readonly string[]>> = {
  sourceId: ['id_producao_intelectual', 'hash_id', 'source_id', 'id_tese', 'thesis_id', 'id_producao', 'id_trabalho', 'id'],
  sourceIdField: ['campo_id', 'source_id_field'],
  title: ['nm_producao', 'nome_producao', 'titulotese', 'titulo', 'titulo_tese', 'titulo_trabalho', 'title', 'thesis_title'],
  abstract: ['ds_resumo', 'descricao_resumo', 'resumotese', 'resumo', 'resumo_pt', 'abstract_pt'],
  abstractEn: ['ds_abstract', 'descricao_abstract', 'abstract_en', 'resumo_en', 'resumo_ingles', 'abstract'],
  keywords: ['ds_palavra_chave', 'descricao_palavra_chave', 'palavraschave', 'palavras_chave', 'palavras_chave_pt', 'keywords_pt', 'keywords'],
  keywordsEn: ['ds_keyword', 'descricao_keyword', 'keywords_en', 'palavras_chave_en', 'keyword'],
  programme: ['nm_programa', 'nome_programa', 'nomeprograma', 'programa', 'programme', 'program'],
  programmeCode: ['cd_programa', 'codigoprograma', 'codigo_programa', 'programme_code', 'program_code'],
  institution: ['nm_entidade_ensino', 'nome_entidade_ensino', 'nomeies', 'nome_ies', 'ies', 'instituicao', 'universidade', 'institution', 'university'],
  institutionAcronym: ['sg_entidade_ensino', 'sigla_entidade_ensino', 'siglaies', 'sigla_ies', 'sigla_instituicao', 'institution_acronym'],
  uf: ['sg_uf_ies', 'uf_ies', 'uf', 'sg_uf', 'estado', 'state'],
  ufName: ['nm_uf_ies', 'nome_uf_ies'],
  researcherUf: ['uf_pesquisador', 'researcher_uf', 'researcher_state'],
  region: ['nm_regiao', 'regiao', 'region'],
  grandeArea: ['nm_grande_area_conhecimento', 'nome_grande_area_conhecimento', 'grandeareadescricao', 'grande_area', 'grande_area_conhecimento', 'major_area'],
  area: ['nm_area_conhecimento', 'nome_area_conhecimento', 'areaconhecimento', 'area_conhecimento', 'area', 'knowledge_area'],
  subarea: ['nm_subarea_conhecimento', 'nome_subarea_conhecimento', 'subarea', 'subarea_conhecimento'],
  especialidade: ['nm_especialidade', 'nome_especialidade', 'especialidade', 'speciality', 'specialty'],
  areaAvaliacao: ['nm_area_avaliacao', 'areaavaliacao', 'area_avaliacao', 'evaluation_area'],
  degree: ['nm_grau_academico', 'nome_grau_academico', 'grau_academico', 'grau', 'tipo', 'degree'],
  subtype: ['nm_subtipo_producao', 'nome_subtipo_producao', 'subtipo', 'subtipo_producao', 'tipo_normalizado', 'document_type'],
  defenceDate: ['dt_titulacao', 'data_titulacao', 'datadefesa', 'data_defesa', 'defence_date', 'defense_date'],
  year: ['an_base', 'anobase', 'ano_base', 'ano', 'year'],
  concentrationArea: ['nm_area_concentracao', 'nome_area_concentracao', 'area_concentracao', 'concentration_area'],
  researchLine: ['nm_linha_pesquisa', 'nome_linha_pesquisa', 'linhapesquisa', 'linha_pesquisa', 'research_line'],
  project: ['nm_projeto', 'nome_projeto', 'projeto', 'project'],
  themeId: ['tema_id', 'id_tema', 'theme_id'],
  themeName: ['tema', 'nome_tema', 'theme', 'theme_name'],
  themeUf: ['uf_tema_info', 'uf_tema', 'estado_tema', 'theme_uf', 'theme_state'],
  macroTheme: ['macrotema', 'macro_tema', 'macro_theme', 'macrotheme'],
  themeKeywords: ['palavras_chave_tema', 'tema_palavras_chave', 'theme_keywords'],
  level: ['nivel', 'modelo_nivel', 'nivel_aderencia', 'aderencia', 'level', 'adherence', 'adherence_level'],
  levelOrigin: ['origem_nivel', 'level_origin'],
  note: ['modelo_explicacao', 'explicacao', 'justificativa_nivel', 'nota', 'note', 'explanation'],
};

/**
 * The 1987–2012 CAPES files name the degree "Nivel"; in every other layout "nivel" is the
 * adherence level. These overrides apply only to files that carry the old layout's TituloTese.
 */
const OLD_CAPES_OVERRIDES: Readonly<Record<string, Field>> = {
  nivel: 'degree',
  nomeies: 'institution',
  regiao: 'region',
};

/**
 * The challenge's 25 columns have fixed meanings: there `palavras_chave` is the theme's keyword
 * list and `uf_pesquisador` the only state of the thesis.
 */
const CHALLENGE_OVERRIDES: Readonly<Record<string, Field>> = {
  palavras_chave: 'themeKeywords',
  sigla_entidade_ensino: 'institutionAcronym',
};

export type Layout = 'default' | 'capes_1987_2012' | 'challenge';

const LAYOUT_OVERRIDES: Readonly<Record<Layout, Readonly<Record<string, Field>>>> = {
  default: {},
  capes_1987_2012: OLD_CAPES_OVERRIDES,
  challenge: CHALLENGE_OVERRIDES,
};

export interface ColumnMap {
  /** Column index per mapped field. */
  index: Partial<Record<Field, number>>;
  /** Header (as the file spells it) per mapped field, for error messages. */
  header: Partial<Record<Field, string>>;
  /** Headers that map to no field; they are ignored. */
  unmapped: string[];
}

/** Detects the layout from the headers alone. */
export function detectLayout(headers: readonly string[]): Layout {
  const keys = new Set(headers.map(headerKey));
  if (keys.has('hash_id') && keys.has('tema_id') && keys.has('nome_producao')) return 'challenge';
  if (keys.has('titulotese')) return 'capes_1987_2012';
  return 'default';
}

/** Maps headers to fields. The first header that matches the highest-priority synonym wins. */
export function mapColumns(headers: readonly string[], layout: Layout = detectLayout(headers)): ColumnMap {
  const keys = headers.map(headerKey);
  const overrides = LAYOUT_OVERRIDES[layout];
  const index: Partial<Record<Field, number>> = {};
  const claimed = new Set<number>();

  keys.forEach((key, i) => {
    const field = overrides[key];
    if (field && index[field] == null) {
      index[field] = i;
      claimed.add(i);
    }
  });
  for (const [field, synonyms] of Object.entries(SYNONYMS) as [Field, readonly string[]][]) {
    if (index[field] != null) continue;
    for (const synonym of synonyms) {
      const i = keys.findIndex((key, position) => key === synonym && !claimed.has(position));
      if (i >= 0) {
        index[field] = i;
        claimed.add(i);
        break;
      }
    }
  }
  // A sheet with a single "abstract" column (and no Portuguese one) means its main abstract.
  if (index.abstract == null && index.abstractEn != null && keys[index.abstractEn] === 'abstract') {
    index.abstract = index.abstractEn;
    delete index.abstractEn;
  }
  if (index.keywords == null && index.keywordsEn != null && keys[index.keywordsEn] === 'keyword') {
    index.keywords = index.keywordsEn;
    delete index.keywordsEn;
  }

  const header: Partial<Record<Field, string>> = {};
  for (const [field, i] of Object.entries(index) as [Field, number][]) header[field] = headers[i];
  const unmapped = headers.filter((_, i) => !claimed.has(i));
  return { index, header, unmapped };
}

/** Headers that would satisfy a field, for "missing column" messages. */
export function expectedHeaders(field: Field): string {
  const names: Partial<Record<Field, string>> = {
    sourceId: 'ID_PRODUCAO_INTELECTUAL, hash_id, id',
    title: 'NM_PRODUCAO, TituloTese, titulo, title',
    themeId: 'tema_id',
    themeName: 'tema, theme',
    level: 'nivel, modelo_nivel, level',
  };
  return names[field] ?? SYNONYMS[field].slice(0, 3).join(', ');
}

/**
 * In a theme catalogue the plain "UF" and "palavras-chave" columns describe the theme, not a
 * thesis: they are moved to the theme fields when the file has no theme-specific ones.
 */
export function adaptColumnsToKind(columns: ColumnMap, kind: string): ColumnMap {
  if (kind !== 'themes') return columns;
  const index = { ...columns.index };
  const header = { ...columns.header };
  const move = (from: Field, to: Field): void => {
    if (index[to] != null || index[from] == null) return;
    index[to] = index[from];
    header[to] = header[from];
    delete index[from];
    delete header[from];
  };
  move('uf', 'themeUf');
  move('keywords', 'themeKeywords');
  return { ...columns, index, header };
}
