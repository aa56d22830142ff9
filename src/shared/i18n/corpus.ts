// Messages of the corpus area (import, pairing, status), in pt-BR and English. Keys: error.<code>
// for AppError codes, import.reason.<code> for skipped-row reasons, dotted names for the rest.

import type { Catalogue } from './index';

const corpus: Catalogue = {
  'pt-BR': {
    'error.import_database_busy':
      'O banco de dados {{file}} está sendo gravado por outra importação ou outro programa. Nada foi importado; espere ela terminar e importe de novo.',
    'error.import_empty_file': 'O arquivo {{file}} está vazio ou não tem linha de cabeçalho. Confira se escolheu o arquivo certo.',
    'error.import_binary_file':
      'O arquivo {{file}} não é um texto CSV (tem bytes binários na posição {{offset}}). Se for uma planilha, salve-a como .xlsx ou exporte como CSV.',
    'error.import_unsupported_encoding':
      'O arquivo {{file}} está em {{encoding}}, codificação não suportada. Salve-o como CSV UTF-8 ou ISO-8859-1 (Latin-1) e importe de novo.',
    'error.import_mixed_encoding':
      'O arquivo {{file}} mistura UTF-8 e ISO-8859-1 (primeiro trecho inválido na linha {{line}}): os acentos sairiam trocados. Abra-o num editor, salve tudo como UTF-8 e importe de novo.',
    'error.import_truncated_file':
      'O arquivo {{file}} não pôde ser lido como {{format}}: {{reason}}. Ele pode estar truncado ou corrompido; baixe ou exporte de novo.',
    'error.import_record_too_large':
      'Arquivo {{file}}, linha {{line}}: o registro passa de {{limit}} caracteres. Provavelmente há aspas não fechadas antes dessa linha; corrija-as e importe de novo.',
    'error.import_field_too_large':
      'Arquivo {{file}}, linha {{line}}, coluna {{column}}: o valor tem {{size}} caracteres (máximo {{limit}}). Provavelmente há aspas não fechadas nessa coluna; corrija-as e importe de novo.',
    'error.import_missing_columns':
      'Arquivo {{file}}: faltam colunas obrigatórias para o tipo {{kind}}: {{missing}}. Colunas encontradas: {{found}}. Renomeie as colunas ou escolha outro tipo com --kind.',
    'error.import_unknown_kind':
      'Arquivo {{file}}: não foi possível reconhecer o tipo pelas colunas ({{found}}). Esperado: título da tese (NM_PRODUCAO, titulo, title), tema (tema, tema_id) ou pares rotulados (id da tese, tema_id, nivel). Use --kind para indicar o tipo.',
    'error.import_unknown_state':
      'Arquivo {{file}}, linha {{line}}, coluna {{column}}: "{{value}}" não é uma UF brasileira. Use a sigla (RS) ou o nome completo (RIO GRANDE DO SUL); deixe vazio para tema nacional.',
    'error.import_duplicate_id':
      'Arquivo {{file}}, linha {{line}}, coluna {{column}}: o id {{id}} já aparece na linha {{firstLine}} com outro título. Remova a linha repetida ou corrija o id e importe de novo.',
    'error.import_invalid_kind': 'Tipo de importação desconhecido: {{kind}}. Tipos válidos: {{kinds}}.',
    'error.pairing_too_many':
      'O pareamento por UF criaria {{wouldCreate, number}} pares, acima do limite de {{limit, number}}, e nenhum par foi criado. Desses pares, {{nationalThemePairs, number}} vêm de {{nationalThemes, number}} temas nacionais (sem UF), e cada um deles se pareia com todas as teses. Dê uma UF a esses temas (coluna uf) e importe o catálogo de temas de novo, ou aumente o limite com aderencia pair --max-pairs {{wouldCreate}}.',
    'import.kind.capes': 'catálogo CAPES',
    'import.kind.challenge': 'dados do desafio (25 colunas)',
    'import.kind.spreadsheet': 'planilha',
    'import.kind.themes': 'catálogo de temas',
    'import.kind.labels': 'pares rotulados',
    'import.summary':
      '{{file}} ({{kind}}): {{rowsRead}} linhas lidas, {{imported}} importadas, {{skipped}} ignoradas.',
    'import.theses': 'Teses: {{inserted}} novas, {{updated}} atualizadas, {{unchanged}} sem mudança.',
    'import.themes': 'Temas: {{inserted}} novos, {{updated}} atualizados, {{unchanged}} sem mudança.',
    'import.pairs': 'Pares do arquivo: {{created}} novos, {{existing}} já existentes.',
    'import.labels':
      'Níveis importados: {{added}} gravados, {{unchanged}} iguais aos atuais, {{kept}} mantidos porque um curador já os definiu.',
    'import.pairing_one': 'Pareamento por UF: {{created, number}} par novo.',
    'import.pairing_other': 'Pareamento por UF: {{created, number}} pares novos.',
    'import.pairing_zero': 'Pareamento por UF: {{created, number}} pares novos.',
    'import.pairingState': '  {{uf}}: {{created}}',
    'import.pairingSkipped':
      'Aviso: o pareamento por UF não foi feito porque criaria {{wouldCreate, number}} pares (limite {{limit, number}}); {{nationalThemePairs, number}} deles com {{nationalThemes, number}} temas nacionais (sem UF). As linhas do arquivo foram importadas. Dê uma UF aos temas (coluna uf) e importe o catálogo de temas de novo, ou crie os pares com aderencia pair --max-pairs {{wouldCreate}}.',
    'import.national': 'sem UF',
    'import.ignoredColumns': 'Colunas ignoradas: {{columns}}.',
    'import.skippedRow': 'Linha {{line}}{{column}}: {{reason}}',
    'import.skippedColumn': ', coluna {{column}}',
    'import.skippedMore_one': '… e mais {{count}} linha ignorada (use --json para a lista completa).',
    'import.skippedMore_other': '… e mais {{count}} linhas ignoradas (use --json para a lista completa).',
    'import.reason.broken_quote': 'aspas não fechadas ou fora de lugar; a linha foi ignorada',
    'import.reason.column_count': 'número de colunas diferente do cabeçalho; a linha foi ignorada',
    'import.reason.unparseable': 'linha ilegível; a linha foi ignorada',
    'import.reason.missing_title': 'sem título; a linha foi ignorada',
    'import.reason.missing_thesis_id': 'sem id da tese; a linha foi ignorada',
    'import.reason.missing_theme': 'sem tema; a linha foi ignorada',
    'import.reason.invalid_level': 'nível inválido ({{detail}}); use BAIXA, MEDIA ou ALTA',
    'import.reason.missing_level': 'sem nível; a linha foi ignorada',
    'import.reason.duplicate_row': 'linha igual à linha {{detail}}; ignorada',
    'import.reason.duplicate_pair': 'par repetido (já está na linha {{detail}}); ignorado',
    'import.reason.duplicate_id': 'mesma tese da linha {{detail}} (id repetido); vale a primeira linha',
    'import.reason.unknown_thesis': 'tese {{detail}} não está no corpus; importe as teses antes',
    'import.reason.unknown_theme': 'tema {{detail}} não está no corpus; importe os temas antes',
    'import.reason.source_id_conflict': 'o id {{detail}} já pertence a outra tese, de outra fonte; linha ignorada',
    'pairing.done_one': 'Pareamento por UF: {{created, number}} par novo.',
    'pairing.done_other': 'Pareamento por UF: {{created, number}} pares novos.',
    'pairing.done_zero': 'Pareamento por UF: {{created, number}} pares novos.',
    'status.totals': 'Teses: {{theses}}. Temas: {{themes}}. Pares: {{pairs}}. Importações: {{imports}}.',
    'status.levels': 'Níveis: BAIXA {{BAIXA}}, MÉDIA {{MEDIA}}, ALTA {{ALTA}}, sem nível {{unlabelled}}.',
    'status.sources': 'Origem dos níveis: importado {{imported}}, curador {{curator}}, previsão aceita {{accepted_prediction}}.',
    'status.byState': 'Por UF (teses, temas, pares, BAIXA/MÉDIA/ALTA):',
    'status.stateRow': '  {{uf}}: {{theses}}, {{themes}}, {{pairs}}, {{BAIXA}}/{{MEDIA}}/{{ALTA}}',
    'status.byTheme': 'Temas com pares rotulados (pares, BAIXA/MÉDIA/ALTA):',
    'status.themeRow': '  [{{id}}] {{name}}: {{pairs}}, {{BAIXA}}/{{MEDIA}}/{{ALTA}}',
    'status.themesMore_one': '… e mais {{count}} tema (use --json para todos).',
    'status.themesMore_other': '… e mais {{count}} temas (use --json para todos).',
    },
  en: {
    'error.import_database_busy':
      'The database {{file}} is being written by another import or program. Nothing was imported; wait for it to finish and import again.',
    'error.import_empty_file': 'The file {{file}} is empty or has no header line. Check that you picked the right file.',
    'error.import_binary_file':
      'The file {{file}} is not a CSV text (binary bytes at offset {{offset}}). If it is a spreadsheet, save it as .xlsx or export it as CSV.',
    'error.import_unsupported_encoding':
      'The file {{file}} is in {{encoding}}, an unsupported encoding. Save it as UTF-8 or ISO-8859-1 (Latin-1) CSV and import again.',
    'error.import_mixed_encoding':
      'The file {{file}} mixes UTF-8 and ISO-8859-1 (first invalid text at line {{line}}), so accents would be garbled. Open it in an editor, save it all as UTF-8 and import again.',
    'error.import_truncated_file':
      'The file {{file}} could not be read as {{format}}: {{reason}}. It may be truncated or corrupt; download or export it again.',
    'error.import_record_too_large':
      'File {{file}}, line {{line}}: the record exceeds {{limit}} characters. There is probably an unclosed quote before this line; fix it and import again.',
    'error.import_field_too_large':
      'File {{file}}, line {{line}}, column {{column}}: the value has {{size}} characters (maximum {{limit}}). There is probably an unclosed quote in this column; fix it and import again.',
    'error.import_missing_columns':
      'File {{file}}: required columns for kind {{kind}} are missing: {{missing}}. Columns found: {{found}}. Rename the columns or pick another kind with --kind.',
    'error.import_unknown_kind':
      'File {{file}}: the kind of file could not be recognised from its columns ({{found}}). Expected a thesis title (NM_PRODUCAO, titulo, title), a theme (tema, tema_id) or labelled pairs (thesis id, tema_id, nivel). Use --kind to set the kind.',
    'error.import_unknown_state':
      'File {{file}}, line {{line}}, column {{column}}: "{{value}}" is not a Brazilian state. Use the code (RS) or the full name (RIO GRANDE DO SUL); leave it empty for a national theme.',
    'error.import_duplicate_id':
      'File {{file}}, line {{line}}, column {{column}}: id {{id}} already appears on line {{firstLine}} with a different title. Remove the repeated row or fix the id and import again.',
    'error.import_invalid_kind': 'Unknown import kind: {{kind}}. Valid kinds: {{kinds}}.',
    'error.pairing_too_many':
      'Pairing by state would create {{wouldCreate, number}} pairs, over the limit of {{limit, number}}, so no pair was created. Of these, {{nationalThemePairs, number}} come from {{nationalThemes, number}} national themes (without a state), and each of them pairs with every thesis. Give those themes a state (uf column) and import the theme catalogue again, or raise the limit with aderencia pair --max-pairs {{wouldCreate}}.',
    'import.kind.capes': 'CAPES catalogue',
    'import.kind.challenge': 'challenge data (25 columns)',
    'import.kind.spreadsheet': 'spreadsheet',
    'import.kind.themes': 'theme catalogue',
    'import.kind.labels': 'labelled pairs',
    'import.summary': '{{file}} ({{kind}}): {{rowsRead}} rows read, {{imported}} imported, {{skipped}} skipped.',
    'import.theses': 'Theses: {{inserted}} new, {{updated}} updated, {{unchanged}} unchanged.',
    'import.themes': 'Themes: {{inserted}} new, {{updated}} updated, {{unchanged}} unchanged.',
    'import.pairs': 'Pairs in the file: {{created}} new, {{existing}} already present.',
    'import.labels': 'Imported levels: {{added}} written, {{unchanged}} equal to the current ones, {{kept}} kept because a curator had set them.',
    'import.pairing_one': 'Pairing by state: {{created, number}} new pair.',
    'import.pairing_other': 'Pairing by state: {{created, number}} new pairs.',
    'import.pairingState': '  {{uf}}: {{created}}',
    'import.pairingSkipped':
      'Warning: pairing by state was skipped because it would create {{wouldCreate, number}} pairs (limit {{limit, number}}); {{nationalThemePairs, number}} of them with {{nationalThemes, number}} national themes (without a state). The rows of the file were imported. Give the themes a state (uf column) and import the theme catalogue again, or create the pairs with aderencia pair --max-pairs {{wouldCreate}}.',
    'import.national': 'no state',
    'import.ignoredColumns': 'Ignored columns: {{columns}}.',
    'import.skippedRow': 'Line {{line}}{{column}}: {{reason}}',
    'import.skippedColumn': ', column {{column}}',
    'import.skippedMore_one': '… and {{count}} more skipped row (use --json for the full list).',
    'import.skippedMore_other': '… and {{count}} more skipped rows (use --json for the full list).',
    'import.reason.broken_quote': 'unclosed or misplaced quote; the row was skipped',
    'import.reason.column_count': 'number of columns differs from the header; the row was skipped',
    'import.reason.unparseable': 'unreadable row; the row was skipped',
    'import.reason.missing_title': 'no title; the row was skipped',
    'import.reason.missing_thesis_id': 'no thesis id; the row was skipped',
    'import.reason.missing_theme': 'no theme; the row was skipped',
    'import.reason.invalid_level': 'invalid level ({{detail}}); use BAIXA, MEDIA or ALTA',
    'import.reason.missing_level': 'no level; the row was skipped',
    'import.reason.duplicate_row': 'same as line {{detail}}; skipped',
    'import.reason.duplicate_pair': 'repeated pair (already on line {{detail}}); skipped',
    'import.reason.duplicate_id': 'same thesis as line {{detail}} (repeated id); the first row is kept',
    'import.reason.unknown_thesis': 'thesis {{detail}} is not in the corpus; import the theses first',
    'import.reason.unknown_theme': 'theme {{detail}} is not in the corpus; import the themes first',
    'import.reason.source_id_conflict': 'id {{detail}} already belongs to another thesis from another source; row skipped',
    'pairing.done_one': 'Pairing by state: {{created, number}} new pair.',
    'pairing.done_other': 'Pairing by state: {{created, number}} new pairs.',
    'status.totals': 'Theses: {{theses}}. Themes: {{themes}}. Pairs: {{pairs}}. Imports: {{imports}}.',
    'status.levels': 'Levels: BAIXA {{BAIXA}}, MÉDIA {{MEDIA}}, ALTA {{ALTA}}, unlabelled {{unlabelled}}.',
    'status.sources': 'Level sources: imported {{imported}}, curator {{curator}}, accepted prediction {{accepted_prediction}}.',
    'status.byState': 'By state (theses, themes, pairs, BAIXA/MÉDIA/ALTA):',
    'status.stateRow': '  {{uf}}: {{theses}}, {{themes}}, {{pairs}}, {{BAIXA}}/{{MEDIA}}/{{ALTA}}',
    'status.byTheme': 'Themes with labelled pairs (pairs, BAIXA/MÉDIA/ALTA):',
    'status.themeRow': '  [{{id}}] {{name}}: {{pairs}}, {{BAIXA}}/{{MEDIA}}/{{ALTA}}',
    'status.themesMore_one': '… and {{count}} more theme (use --json for all).',
    'status.themesMore_other': '… and {{count}} more themes (use --json for all).',
  },
};

export default corpus;
