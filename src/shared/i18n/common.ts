// Messages every area uses: levels, label sources, generic errors. Keys are stable error codes or
// dotted UI keys; parameters use i18next's {{name}} syntax.

import type { Catalogue } from './index';

const common: Catalogue = {
  'pt-BR': {
    'job.import': 'Importação',
    'job.export': 'Exportação',
    'job.pairing': 'Pareamento',
    'job.embed': 'Codificação',
    'job.train': 'Treinamento',
    'job.predict': 'Previsão',
    'job.evaluate': 'Avaliação',
    'job.download': 'Download',
    'job.install': 'Instalação',
    'level.BAIXA': 'BAIXA',
    'level.MEDIA': 'MÉDIA',
    'level.ALTA': 'ALTA',
    'source.imported': 'importado',
    'source.curator': 'curador',
    'source.accepted_prediction': 'previsão aceita',
    'source.model': 'modelo',
    'error.cancelled': 'A operação foi cancelada.',
    'error.internal': 'Erro interno: {{message}}. Veja o arquivo de log para detalhes.',
    'error.invalid_input': 'Entrada inválida no campo {{field}}: {{reason}}',
    'error.file_not_found': 'Arquivo não encontrado: {{file}}. Confira o caminho e tente de novo.',
    'error.db_open_failed': 'Não foi possível abrir o banco de dados {{file}}: {{reason}}',
    'error.db_newer_schema':
      'O banco de dados {{file}} foi criado por uma versão mais nova do Aderência (esquema {{found}}, esta versão conhece até {{known}}). Atualize o aplicativo.',
    // Counts with their noun, pluralised by i18next from `count`: _one and _other follow the CLDR
    // rules, and pt-BR adds _zero because Portuguese says "0 pares" although CLDR files 0 under one.
    'count.theses_one': '{{count}} tese',
    'count.theses_other': '{{count}} teses',
    'count.theses_zero': '{{count}} teses',
    'count.themes_one': '{{count}} tema',
    'count.themes_other': '{{count}} temas',
    'count.themes_zero': '{{count}} temas',
    'count.pairs_one': '{{count}} par',
    'count.pairs_other': '{{count}} pares',
    'count.pairs_zero': '{{count}} pares',
  },
  en: {
    'job.import': 'Import',
    'job.export': 'Export',
    'job.pairing': 'Pairing',
    'job.embed': 'Embedding',
    'job.train': 'Training',
    'job.predict': 'Prediction',
    'job.evaluate': 'Evaluation',
    'job.download': 'Download',
    'job.install': 'Installation',
    'level.BAIXA': 'BAIXA',
    'level.MEDIA': 'MÉDIA',
    'level.ALTA': 'ALTA',
    'source.imported': 'imported',
    'source.curator': 'curator',
    'source.accepted_prediction': 'accepted prediction',
    'source.model': 'model',
    'error.cancelled': 'The operation was cancelled.',
    'error.internal': 'Internal error: {{message}}. See the log file for details.',
    'error.invalid_input': 'Invalid input in field {{field}}: {{reason}}',
    'error.file_not_found': 'File not found: {{file}}. Check the path and try again.',
    'error.db_open_failed': 'Could not open the database {{file}}: {{reason}}',
    'error.db_newer_schema':
      'The database {{file}} was created by a newer version of Aderência (schema {{found}}, this version knows up to {{known}}). Update the application.',
    'count.theses_one': '{{count}} thesis',
    'count.theses_other': '{{count}} theses',
    'count.themes_one': '{{count}} theme',
    'count.themes_other': '{{count}} themes',
    'count.pairs_one': '{{count}} pair',
    'count.pairs_other': '{{count}} pairs',
  },
};

export default common;
