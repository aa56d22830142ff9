// Messages of the export area, in pt-BR and English: the export's errors, the command line's
// `pairs` and `export` output, and the text of the Filtros and Leia-me sheets. Keys: error.<code>
// for AppError codes, dotted names for everything else.

import type { Catalogue } from './index';

const exportMessages: Catalogue = {
  'pt-BR': {
    'error.export_write_failed':
      'Não foi possível gravar {{file}}: {{reason}}. Confira se a pasta existe, se há espaço em disco e se o arquivo não está aberto em outro programa.',
    'error.export_target_is_directory': '{{file}} é uma pasta. Informe o caminho de um arquivo, por exemplo resultado.xlsx.',
    'error.export_too_many_rows':
      'Os {{pairs, number}} pares selecionados não cabem numa planilha XLSX, que tem no máximo {{limit, number}} linhas de dados no Excel e no LibreOffice. Nada foi gravado em {{file}}. Filtre os pares (por exemplo por UF ou tema) ou exporte em CSV.',
    'error.export_unknown_format':
      'Formato de exportação desconhecido para {{file}}: {{format}}. Use xlsx ou csv (--format xlsx|csv).',
    'error.invalid_filter': 'Filtro inválido em {{field}}: {{reason}}',
    'export.done': '{{rows, number}} pares exportados para {{file}}.',
    'export.done_one': '{{rows, number}} par exportado para {{file}}.',
    'export.done_other': '{{rows, number}} pares exportados para {{file}}.',
    'export.done_zero': '{{rows, number}} pares exportados para {{file}}.',
    'export.truncated_one': '{{count}} célula passou de 32.767 caracteres e foi cortada; veja a aba Leia-me.',
    'export.truncated_other': '{{count}} células passaram de 32.767 caracteres e foram cortadas; veja a aba Leia-me.',
    'pairs.none': 'Nenhum par atende ao filtro.',
    'pairs.summary_one': 'Mostrando {{shown}} de {{total}} par.',
    'pairs.summary_other': 'Mostrando {{shown}} de {{total}} pares.',
    'pairs.summary_zero': 'Mostrando {{shown}} de {{total}} pares.',
    'pairs.header.thesis': 'tese',
    'pairs.header.uf': 'UF',
    'pairs.header.theme': 'tema',
    'pairs.header.level': 'nível',
    'pairs.header.origin': 'origem',
    'pairs.header.predicted': 'previsto',
    'pairs.header.title': 'título',
    'export.sheet.unlabelled': 'sem nível',
    'export.sheet.total': 'total',
    'export.sheet.field': 'campo',
    'export.sheet.value': 'valor',
    'export.sheet.exportedAt': 'Data da exportação',
    'export.sheet.rows': 'Linhas exportadas',
    'export.sheet.modelVersion': 'Versão do modelo ativo',
    'export.sheet.noModel': 'nenhum modelo ativo',
    'export.sheet.truncatedCells': 'Células cortadas em 32.767 caracteres',
    'export.sheet.neutralisedCells': 'Células de texto com apóstrofo inicial (fórmulas neutralizadas)',
    'export.sheet.filter': 'Filtro',
    'export.sheet.allPairs': 'todos os pares (sem filtro)',
    'export.sheet.yes': 'sim',
    'export.sheet.no': 'não',
    'export.filter.ufs': 'UF da instituição',
    'export.filter.themeIds': 'Temas',
    'export.filter.macroThemes': 'Macrotemas',
    'export.filter.levels': 'Nível',
    'export.filter.sources': 'Origem do nível',
    'export.filter.predictedLevels': 'Nível previsto',
    'export.filter.confidence': 'Confiança do modelo',
    'export.filter.disagreement': 'Divergência modelo × curadoria',
    'export.filter.programmes': 'Programas',
    'export.filter.areas': 'Áreas do conhecimento',
    'export.filter.years': 'Anos',
    'export.filter.search': 'Busca',
    'export.filter.includeArchivedThemes': 'Incluir temas arquivados',
    'export.readme.title': 'Leia-me',
    'export.readme.intro':
      'Uma linha por par (tese × tema). A aba Contagens traz os pares por tema e nível; a aba Filtros, o filtro, a data e a versão do modelo desta exportação.',
    'export.readme.identifiers':
      'ID_PRODUCAO_INTELECTUAL e tema_id são os identificadores exatamente como foram importados (hash_id, ID_PRODUCAO_INTELECTUAL ou o id da planilha de origem); campo_id diz de qual coluna veio o id da tese. Use-os para cruzar com os arquivos de origem.',
    'export.readme.level':
      'nivel é o nível atual do par (BAIXA, MEDIA ou ALTA, grafados como nos dados do desafio); para um par sem rótulo, é o nível previsto pelo modelo ativo.',
    'export.readme.origin':
      'origem_nivel: importado (veio de um arquivo), curador (definido por uma pessoa), previsao_aceita (previsão do modelo aceita por uma pessoa), modelo (só a previsão do modelo, sem rótulo) ou vazio (sem nível).',
    'export.readme.probabilities':
      'versao_modelo, nivel_previsto, p_baixa, p_media e p_alta: a previsão do modelo ativo e as probabilidades dos três níveis, quando houver.',
    'export.readme.formulas':
      'Textos que começam com =, +, -, @, tabulação ou retorno de carro receberam um apóstrofo inicial para não serem lidos como fórmulas ({{count}} células). Números continuam números.',
    'export.readme.cap':
      'O Excel aceita no máximo 32.767 caracteres por célula: textos maiores foram cortados nesse limite e estão listados abaixo.',
    'export.readme.noTruncation': 'Nenhuma célula foi cortada.',
    'export.readme.truncatedHeader': 'Células cortadas ({{count}}):',
    'export.readme.truncatedCell': 'Linha {{row}}, coluna {{column}}: {{length}} caracteres no original.',
    'export.readme.truncatedMore': '… e mais {{count}} células cortadas, não listadas.',
    },
  en: {
    'error.export_write_failed':
      'Could not write {{file}}: {{reason}}. Check that the folder exists, that there is free disk space and that no other program has the file open.',
    'error.export_target_is_directory': '{{file}} is a folder. Give the path of a file, for example results.xlsx.',
    'error.export_too_many_rows':
      'The {{pairs, number}} selected pairs do not fit in an XLSX sheet, which holds at most {{limit, number}} data rows in Excel and LibreOffice. Nothing was written to {{file}}. Filter the pairs (by state or theme, for example) or export CSV.',
    'error.export_unknown_format': 'Unknown export format for {{file}}: {{format}}. Use xlsx or csv (--format xlsx|csv).',
    'error.invalid_filter': 'Invalid filter in {{field}}: {{reason}}',
    'export.done': 'Exported {{rows, number}} pairs to {{file}}.',
    'export.done_one': 'Exported {{rows, number}} pair to {{file}}.',
    'export.done_other': 'Exported {{rows, number}} pairs to {{file}}.',
    'export.truncated_one': '{{count}} cell exceeded 32,767 characters and was cut; see the Leia-me sheet.',
    'export.truncated_other': '{{count}} cells exceeded 32,767 characters and were cut; see the Leia-me sheet.',
    'pairs.none': 'No pair matches the filter.',
    'pairs.summary_one': 'Showing {{shown}} of {{total}} pair.',
    'pairs.summary_other': 'Showing {{shown}} of {{total}} pairs.',
    'pairs.header.thesis': 'thesis',
    'pairs.header.uf': 'UF',
    'pairs.header.theme': 'theme',
    'pairs.header.level': 'level',
    'pairs.header.origin': 'origin',
    'pairs.header.predicted': 'predicted',
    'pairs.header.title': 'title',
    'export.sheet.unlabelled': 'unlabelled',
    'export.sheet.total': 'total',
    'export.sheet.field': 'field',
    'export.sheet.value': 'value',
    'export.sheet.exportedAt': 'Export date',
    'export.sheet.rows': 'Rows exported',
    'export.sheet.modelVersion': 'Active model version',
    'export.sheet.noModel': 'no active model',
    'export.sheet.truncatedCells': 'Cells cut at 32,767 characters',
    'export.sheet.neutralisedCells': 'Text cells given a leading apostrophe (formulas neutralised)',
    'export.sheet.filter': 'Filter',
    'export.sheet.allPairs': 'all pairs (no filter)',
    'export.sheet.yes': 'yes',
    'export.sheet.no': 'no',
    'export.filter.ufs': 'Institution state (UF)',
    'export.filter.themeIds': 'Themes',
    'export.filter.macroThemes': 'Macro-themes',
    'export.filter.levels': 'Level',
    'export.filter.sources': 'Level origin',
    'export.filter.predictedLevels': 'Predicted level',
    'export.filter.confidence': 'Model confidence',
    'export.filter.disagreement': 'Model–curator disagreement',
    'export.filter.programmes': 'Programmes',
    'export.filter.areas': 'Knowledge areas',
    'export.filter.years': 'Years',
    'export.filter.search': 'Search',
    'export.filter.includeArchivedThemes': 'Include archived themes',
    'export.readme.title': 'Read me',
    'export.readme.intro':
      'One row per pair (thesis × theme). The Contagens sheet has the pairs per theme and level; the Filtros sheet has this export’s filter, date and model version.',
    'export.readme.identifiers':
      'ID_PRODUCAO_INTELECTUAL and tema_id are the identifiers exactly as imported (hash_id, ID_PRODUCAO_INTELECTUAL or the source spreadsheet’s id); campo_id names the column the thesis id came from. Use them to join back to the source files.',
    'export.readme.level':
      'nivel is the pair’s current level (BAIXA, MEDIA or ALTA, spelled as in the challenge data); for an unlabelled pair it is the level the active model predicts.',
    'export.readme.origin':
      'origem_nivel: importado (from a file), curador (set by a person), previsao_aceita (a model prediction a person accepted), modelo (only the model’s prediction, no label) or empty (no level).',
    'export.readme.probabilities':
      'versao_modelo, nivel_previsto, p_baixa, p_media and p_alta: the active model’s prediction and the probabilities of the three levels, when there is one.',
    'export.readme.formulas':
      'Texts starting with =, +, -, @, a tab or a carriage return were given a leading apostrophe so they are not read as formulas ({{count}} cells). Numbers stay numbers.',
    'export.readme.cap':
      'Excel holds at most 32,767 characters per cell: longer texts were cut at that limit and are listed below.',
    'export.readme.noTruncation': 'No cell was cut.',
    'export.readme.truncatedHeader': 'Cut cells ({{count}}):',
    'export.readme.truncatedCell': 'Row {{row}}, column {{column}}: {{length}} characters in the original.',
    'export.readme.truncatedMore': '… and {{count}} more cut cells, not listed.',
  },
};

export default exportMessages;
