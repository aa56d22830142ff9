// Messages of the encoder area, in pt-BR and English. Keys: error.<code> for AppError codes, dotted
// names for everything else.

import type { Catalogue } from './index';

const encoder: Catalogue = {
  'pt-BR': {
    'error.encoder_folder_not_found': 'Pasta do modelo não encontrada: {{dir}}. Confira o caminho e tente de novo.',
    'error.encoder_file_missing':
      'Falta o arquivo {{file}} na pasta do modelo {{dir}}. Baixe o modelo completo (com a exportação ONNX) e instale de novo.',
    'error.encoder_file_empty': 'O arquivo {{file}} do modelo em {{dir}} está vazio. Baixe-o de novo.',
    'error.encoder_json_invalid': 'O arquivo {{file}} do modelo em {{dir}} não é um JSON válido ({{reason}}). Baixe-o de novo.',
    'error.encoder_config_invalid':
      'O campo {{field}} de {{file}} no modelo em {{dir}} está ausente ou inválido. Use o config.json original do modelo.',
    'error.encoder_max_length_too_small':
      'Um comprimento máximo de {{maxLength}} tokens não deixa espaço para o texto além dos {{special}} tokens especiais do modelo. Use pelo menos {{minimum}} (aderencia models options --max-length) ou confira model_max_length no tokenizer_config.json do modelo.',
    'error.encoder_pooling_unsupported':
      'O arquivo {{file}} do modelo em {{dir}} pede um pooling diferente de média ou CLS, que o Aderência não suporta. Escolha outro modelo.',
    'error.encoder_tokenizer_invalid':
      'Não foi possível carregar o tokenizador {{file}} do modelo em {{dir}}: {{reason}}. Baixe o tokenizer.json original do modelo.',
    'error.encoder_onnx_invalid':
      'O ONNX Runtime não conseguiu carregar ou executar {{file}}: {{reason}}. Confira se o arquivo é uma exportação ONNX completa do modelo.',
    'error.encoder_dimension_mismatch':
      'O modelo em {{dir}} não confere com o config.json: o campo {{field}} diz {{expected}}, mas o modelo usa {{found}}. Use o config.json que acompanha esta exportação ONNX.',
    'error.encoder_inputs_unsupported':
      'O grafo ONNX do modelo em {{dir}} tem a entrada {{field}}, que o Aderência não sabe preencher. Exporte o modelo com as entradas input_ids, attention_mask e token_type_ids.',
    'error.encoder_gpu_unavailable':
      'Nenhum provedor de GPU carregou ({{attempts}}). Instale os drivers e bibliotecas da GPU ou desative a opção "somente GPU".',
    'error.encoder_already_installed':
      'Já existe um modelo instalado com o id {{id}} em {{dir}}. Escolha outro id ou peça para substituí-lo.',
    'error.encoder_not_installed': 'Nenhum modelo instalado tem o id {{id}}. Modelos instalados: {{known}}.',
    'error.encoder_variant_missing': 'O modelo {{id}} não tem a variante {{variant}}. Variantes disponíveis: {{known}}.',
    'error.encoder_none_active':
      'Nenhum codificador está ativo. Instale um modelo e ative-o com "aderencia models activate ID".',
    'error.encoder_worker_crashed':
      'O processo de codificação parou inesperadamente (código {{code}}, sinal {{signal}}). Ele será reiniciado; tente de novo e, se repetir, veja o arquivo de log.',
    'error.encoder_zip_invalid': 'O arquivo {{file}} não é um zip legível ({{reason}}). Baixe-o de novo.',
    'error.encoder_zip_unsafe':
      'O zip contém a entrada "{{file}}", que apontaria para fora da pasta do modelo. Nada foi instalado; use um zip de fonte confiável.',
    'error.encoder_zip_bomb':
      'A entrada "{{file}}" do zip se expande de {{compressed}} para {{size}} bytes, muito mais do que arquivos de modelo se comprimem. Nada foi instalado; use um zip de fonte confiável.',
    'error.encoder_link_rejected': 'O modelo contém um link simbólico ({{file}}). Copie os arquivos reais para a pasta e instale de novo.',
    'error.encoder_repo_not_found':
      'O repositório {{repo}} não existe no hub (revisão {{revision}}) ou exige login. Confira o nome, como intfloat/multilingual-e5-small.',
    'error.encoder_repo_incomplete': 'O repositório {{repo}} não tem o arquivo {{file}}. Escolha um repositório com o modelo completo.',
    'error.encoder_repo_no_onnx':
      'O repositório {{repo}} não tem arquivo ONNX ({{file}}). Exporte o modelo para ONNX (veja docs/encoders.md) e instale a pasta.',
    'error.encoder_download_failed': 'O download de {{repo}} falhou em {{url}}: {{reason}}. Confira a conexão e tente de novo.',
    'error.encoder_checksum_mismatch':
      'O arquivo {{file}} de {{repo}} chegou corrompido (sha256 {{found}}, esperado {{expected}}). Nada foi instalado; tente baixar de novo.',
    'models.none': 'Nenhum modelo instalado. Use "aderencia models install PASTA" ou "aderencia models download REPO".',
    'models.installed': 'Modelo {{id}} instalado em {{dir}} ({{dimension}} dimensões).',
    'models.activated': 'Codificador ativo: {{id}}.',
    'models.active_marker': 'ativo',
    'embed.summary': '{{kind}}: {{texts}} textos, {{encoded}} codificados, {{cached}} já no cache.',
    'embed.theses': 'Teses',
    'embed.themes': 'Temas',
    'models.listRow': '{{marker}} {{id}}  {{dimension}}d  {{pooling}}  máx. {{maxLength}}  {{variants}}  {{size}} MB{{active}}',
    'models.options.providers': 'Provedores (--providers): {{value}}',
    'models.options.gpuOnly': 'Somente GPU (--gpu-only): {{value}}',
    'models.options.threads': 'Threads por operador (--threads): {{value}}',
    'models.options.maxLength': 'Máximo de tokens por trecho (--max-length): {{value}}',
    'models.options.maxChunks': 'Trechos por texto (--max-chunks): {{value}}',
    'models.options.chunkPooling': 'Combinação dos trechos (--chunk-pooling): {{value}}',
    'models.options.batchSize': 'Sequências por chamada (--batch-size): {{value}}',
    'models.options.platformDefault': 'padrão da plataforma',
    'models.options.allCores': 'todos os núcleos disponíveis',
    'models.options.modelMaximum': 'o máximo do modelo',
    'models.options.yes': 'sim',
    'models.options.no': 'não',
    'models.options.notPositive': 'esperado um número inteiro positivo, recebido "{{value}}"',
    'models.options.unknownProviders': 'provedores desconhecidos: {{unknown}}; use {{known}} ou auto',
    'models.catalogueRow':
      '{{repo}}\n  {{parameters}} parâmetros, ~{{size}} MB, {{dimension}}d, máx. {{maxLength}} tokens, {{licence}}, ONNX: {{onnx}}\n  {{languages}}. {{notes}}',
    'models.onnx.repo': 'no repositório',
    'models.onnx.export': 'exportar com optimum',
    'models.providers.platform': 'plataforma: {{value}}',
    'models.providers.supported': 'suportados: {{value}}',
    'models.providers.order': 'ordem: {{value}}',
    'models.providers.threads': 'threads por operador: {{value}}',
    'models.providers.active': 'o codificador ativo roda em: {{provider}} {{placement}}',
    // Languages of the recommended encoders, keyed by Hugging Face repository id.
    'encoder.languages.intfloat/multilingual-e5-small': '~100 idiomas, português incluído',
    'encoder.languages.intfloat/multilingual-e5-base': '~100 idiomas, português incluído',
    'encoder.languages.neuralmind/bert-base-portuguese-cased': 'português (Brasil)',
    'encoder.languages.sentence-transformers/paraphrase-multilingual-mpnet-base-v2': '50+ idiomas, português incluído',
    'encoder.languages.answerdotai/ModernBERT-base': 'sobretudo inglês; qualidade em português não verificada',
    'encoder.languages.ibm-granite/granite-embedding-278m-multilingual': '12 idiomas, português incluído',
    // Notes of the recommended encoders, keyed by Hugging Face repository id.
    'encoder.catalogue.intfloat/multilingual-e5-small': 'Usa os prefixos "query: " / "passage: "; uma boa primeira escolha sem GPU.',
    'encoder.catalogue.intfloat/multilingual-e5-base': 'Melhor que o small, a cerca de três vezes o custo.',
    'encoder.catalogue.neuralmind/bert-base-portuguese-cased': 'Não foi treinado para embeddings de frases; usa média dos tokens mais a cabeça treinada.',
    'encoder.catalogue.sentence-transformers/paraphrase-multilingual-mpnet-base-v2': 'Treinado com entradas de 128 tokens; resumos longos são divididos em trechos.',
    'encoder.catalogue.answerdotai/ModernBERT-base': 'Contexto longo; não tem a entrada token_type_ids. Treinado sobretudo em inglês.',
    'encoder.catalogue.ibm-granite/granite-embedding-278m-multilingual': 'Pooling CLS, definido pelo seu 1_Pooling/config.json.',
  },
  en: {
    'error.encoder_folder_not_found': 'Model folder not found: {{dir}}. Check the path and try again.',
    'error.encoder_file_missing':
      'The model folder {{dir}} has no {{file}}. Download the complete model (with its ONNX export) and install it again.',
    'error.encoder_file_empty': 'The model file {{file}} in {{dir}} is empty. Download it again.',
    'error.encoder_json_invalid': 'The model file {{file}} in {{dir}} is not valid JSON ({{reason}}). Download it again.',
    'error.encoder_config_invalid':
      'The field {{field}} of {{file}} in the model at {{dir}} is missing or invalid. Use the model’s original config.json.',
    'error.encoder_max_length_too_small':
      'A maximum length of {{maxLength}} tokens leaves no room for text beside the model’s {{special}} special tokens. Use at least {{minimum}} (aderencia models options --max-length) or check model_max_length in the model’s tokenizer_config.json.',
    'error.encoder_pooling_unsupported':
      'The file {{file}} of the model in {{dir}} asks for a pooling mode other than mean or CLS, which Aderência does not support. Choose another model.',
    'error.encoder_tokenizer_invalid':
      'The tokenizer {{file}} of the model in {{dir}} could not be loaded: {{reason}}. Download the model’s original tokenizer.json.',
    'error.encoder_onnx_invalid':
      'ONNX Runtime could not load or run {{file}}: {{reason}}. Check that the file is a complete ONNX export of the model.',
    'error.encoder_dimension_mismatch':
      'The model in {{dir}} does not match its config.json: {{field}} is {{expected}}, but the model uses {{found}}. Use the config.json that came with this ONNX export.',
    'error.encoder_inputs_unsupported':
      'The ONNX graph of the model in {{dir}} has an input {{field}} that Aderência cannot fill. Export the model with the inputs input_ids, attention_mask and token_type_ids.',
    'error.encoder_gpu_unavailable':
      'No GPU execution provider loaded ({{attempts}}). Install the GPU drivers and libraries, or turn off the "GPU only" setting.',
    'error.encoder_already_installed': 'A model with id {{id}} is already installed in {{dir}}. Choose another id or ask to replace it.',
    'error.encoder_not_installed': 'No installed model has id {{id}}. Installed models: {{known}}.',
    'error.encoder_variant_missing': 'Model {{id}} has no {{variant}} variant. Available variants: {{known}}.',
    'error.encoder_none_active': 'No encoder is active. Install a model and activate it with "aderencia models activate ID".',
    'error.encoder_worker_crashed':
      'The encoding process stopped unexpectedly (code {{code}}, signal {{signal}}). It restarts on the next request; try again, and if it repeats, see the log file.',
    'error.encoder_zip_invalid': 'The file {{file}} is not a readable zip ({{reason}}). Download it again.',
    'error.encoder_zip_unsafe':
      'The zip contains the entry "{{file}}", which would point outside the model folder. Nothing was installed; use a zip from a trusted source.',
    'error.encoder_zip_bomb':
      'The zip entry "{{file}}" expands from {{compressed}} to {{size}} bytes, far more than model files compress. Nothing was installed; use a zip from a trusted source.',
    'error.encoder_link_rejected': 'The model contains a symbolic link ({{file}}). Copy the real files into the folder and install again.',
    'error.encoder_repo_not_found':
      'The repository {{repo}} does not exist on the hub (revision {{revision}}) or needs a login. Check the name, such as intfloat/multilingual-e5-small.',
    'error.encoder_repo_incomplete': 'The repository {{repo}} has no {{file}}. Choose a repository with the complete model.',
    'error.encoder_repo_no_onnx':
      'The repository {{repo}} has no ONNX file ({{file}}). Export the model to ONNX (see docs/encoders.md) and install the folder.',
    'error.encoder_download_failed': 'The download of {{repo}} failed at {{url}}: {{reason}}. Check the connection and try again.',
    'error.encoder_checksum_mismatch':
      'The file {{file}} from {{repo}} arrived corrupted (sha256 {{found}}, expected {{expected}}). Nothing was installed; try the download again.',
    'models.none': 'No model is installed. Use "aderencia models install FOLDER" or "aderencia models download REPO".',
    'models.installed': 'Model {{id}} installed in {{dir}} ({{dimension}} dimensions).',
    'models.activated': 'Active encoder: {{id}}.',
    'models.active_marker': 'active',
    'embed.summary': '{{kind}}: {{texts}} texts, {{encoded}} encoded, {{cached}} already cached.',
    'embed.theses': 'Theses',
    'embed.themes': 'Themes',
    'models.listRow': '{{marker}} {{id}}  {{dimension}}d  {{pooling}}  max {{maxLength}}  {{variants}}  {{size}} MB{{active}}',
    'models.options.providers': 'Providers (--providers): {{value}}',
    'models.options.gpuOnly': 'GPU only (--gpu-only): {{value}}',
    'models.options.threads': 'Threads per operator (--threads): {{value}}',
    'models.options.maxLength': 'Maximum tokens per chunk (--max-length): {{value}}',
    'models.options.maxChunks': 'Chunks per text (--max-chunks): {{value}}',
    'models.options.chunkPooling': 'Chunk pooling (--chunk-pooling): {{value}}',
    'models.options.batchSize': 'Sequences per call (--batch-size): {{value}}',
    'models.options.platformDefault': 'platform default',
    'models.options.allCores': 'all available cores',
    'models.options.modelMaximum': "the model's maximum",
    'models.options.yes': 'yes',
    'models.options.no': 'no',
    'models.options.notPositive': 'expected a positive integer, got "{{value}}"',
    'models.options.unknownProviders': 'unknown providers {{unknown}}; use {{known}} or auto',
    'models.catalogueRow':
      '{{repo}}\n  {{parameters}} params, ~{{size}} MB, {{dimension}}d, max {{maxLength}} tokens, {{licence}}, ONNX: {{onnx}}\n  {{languages}}. {{notes}}',
    'models.onnx.repo': 'in the repository',
    'models.onnx.export': 'export with optimum',
    'models.providers.platform': 'platform: {{value}}',
    'models.providers.supported': 'supported: {{value}}',
    'models.providers.order': 'order: {{value}}',
    'models.providers.threads': 'intra-op threads: {{value}}',
    'models.providers.active': 'active encoder runs on: {{provider}} {{placement}}',
    'encoder.languages.intfloat/multilingual-e5-small': '~100 languages, Portuguese included',
    'encoder.languages.intfloat/multilingual-e5-base': '~100 languages, Portuguese included',
    'encoder.languages.neuralmind/bert-base-portuguese-cased': 'Portuguese (Brazil)',
    'encoder.languages.sentence-transformers/paraphrase-multilingual-mpnet-base-v2': '50+ languages, Portuguese included',
    'encoder.languages.answerdotai/ModernBERT-base': 'mostly English; Portuguese quality unverified',
    'encoder.languages.ibm-granite/granite-embedding-278m-multilingual': '12 languages, Portuguese included',
    // Notes of the recommended encoders, keyed by Hugging Face repository id.
    'encoder.catalogue.intfloat/multilingual-e5-small': 'Uses "query: " / "passage: " prefixes; a good first choice on a CPU.',
    'encoder.catalogue.intfloat/multilingual-e5-base': 'Better than small at about three times the cost.',
    'encoder.catalogue.neuralmind/bert-base-portuguese-cased': 'Not trained for sentence embeddings; mean pooling plus the trained head.',
    'encoder.catalogue.sentence-transformers/paraphrase-multilingual-mpnet-base-v2': 'Trained on 128-token inputs; long abstracts are chunked.',
    'encoder.catalogue.answerdotai/ModernBERT-base': 'Long context; has no token_type_ids input. Trained mostly on English.',
    'encoder.catalogue.ibm-granite/granite-embedding-278m-multilingual': 'CLS pooling, set by its 1_Pooling/config.json.',
  },
};

export default encoder;
