// The embedding cache: one L2-normalised vector per (encoder model, text hash), so retraining and
// prediction never re-encode a text, and an interrupted encoding run resumes where it stopped.

import type { Migration } from './index';

const migration: Migration = {
  version: 2,
  name: 'embeddings',
  up: `
CREATE TABLE embeddings (
  -- Installed model id plus variant, such as intfloat--multilingual-e5-small or the same with @quantized.
  model_id TEXT NOT NULL,
  -- sha256 (hex) of the role, pooling settings and text, as textKey() in src/main/db/embeddings.ts builds it.
  text_hash TEXT NOT NULL,
  dimension INTEGER NOT NULL CHECK (dimension > 0),
  -- dimension float32 values, little-endian.
  vector BLOB NOT NULL CHECK (length(vector) = 4 * dimension),
  created_at TEXT NOT NULL,
  PRIMARY KEY (model_id, text_hash)
) WITHOUT ROWID;
`,
};

export default migration;
