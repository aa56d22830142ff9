// Recommended Portuguese-capable encoders. Sizes are the approximate fp32 ONNX file sizes and
// parameter counts from each model card; `onnx` says whether the repository itself ships an ONNX
// export (otherwise export it with optimum, see docs/encoders.md).
// NOTE: sizes and ONNX availability were taken from the model cards as of 2025 and may change.

export interface CatalogueEntry {
  repo: string;
  name: string;
  parameters: string;
  /** Approximate download size of the fp32 ONNX graph, in megabytes. */
  sizeMb: number;
  hiddenSize: number;
  maxLength: number;
  licence: string;
  languages: string;
  /** 'repo': ONNX files in the repository; 'export': needs an optimum export first. */
  onnx: 'repo' | 'export';
  notes: string;
}

export const CATALOGUE: readonly CatalogueEntry[] = [
  {
    repo: 'intfloat/multilingual-e5-small',
    name: 'multilingual-e5-small',
    parameters: '118M',
    sizeMb: 470,
    hiddenSize: 384,
    maxLength: 512,
    licence: 'MIT',
    languages: '~100 languages, Portuguese included',
    onnx: 'repo',
    notes: 'Uses "query: " / "passage: " prefixes; a good first choice on a CPU.',
  },
  {
    repo: 'intfloat/multilingual-e5-base',
    name: 'multilingual-e5-base',
    parameters: '278M',
    sizeMb: 1110,
    hiddenSize: 768,
    maxLength: 512,
    licence: 'MIT',
    languages: '~100 languages, Portuguese included',
    onnx: 'repo',
    notes: 'Better than small at about three times the cost.',
  },
  {
    repo: 'neuralmind/bert-base-portuguese-cased',
    name: 'BERTimbau base',
    parameters: '110M',
    sizeMb: 435,
    hiddenSize: 768,
    maxLength: 512,
    licence: 'MIT',
    languages: 'Portuguese (Brazil)',
    onnx: 'export',
    notes: 'Not trained for sentence embeddings; mean pooling plus the trained head.',
  },
  {
    repo: 'sentence-transformers/paraphrase-multilingual-mpnet-base-v2',
    name: 'multilingual MPNet',
    parameters: '278M',
    sizeMb: 1110,
    hiddenSize: 768,
    maxLength: 128,
    licence: 'Apache-2.0',
    languages: '50+ languages, Portuguese included',
    onnx: 'repo',
    notes: 'Trained on 128-token inputs; long abstracts are chunked.',
  },
  {
    repo: 'answerdotai/ModernBERT-base',
    name: 'ModernBERT base',
    parameters: '149M',
    sizeMb: 600,
    hiddenSize: 768,
    maxLength: 8192,
    licence: 'Apache-2.0',
    languages: 'mostly English; Portuguese quality unverified',
    onnx: 'repo',
    notes: 'Long context; has no token_type_ids input.',
  },
  {
    repo: 'ibm-granite/granite-embedding-278m-multilingual',
    name: 'Granite Embedding 278M multilingual',
    parameters: '278M',
    sizeMb: 1110,
    hiddenSize: 768,
    maxLength: 512,
    licence: 'Apache-2.0',
    languages: '12 languages, Portuguese included',
    onnx: 'export',
    notes: 'CLS pooling, set by its 1_Pooling/config.json.',
  },
];
