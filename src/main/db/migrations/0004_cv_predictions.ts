// Out-of-fold level probabilities of each model version: what cross-validation predicted for every
// labelled pair while that pair was held out. The label-error finder reads them, because
// probabilities from a model that trained on the pair would agree with its label too easily.

import type { Migration } from './index';

const migration: Migration = {
  version: 4,
  name: 'cv_predictions',
  up: `
CREATE TABLE cv_predictions (
  model_version_id INTEGER NOT NULL REFERENCES model_versions(id) ON DELETE CASCADE,
  pair_id INTEGER NOT NULL REFERENCES pairs(id),
  -- The label the pair had when the version was trained.
  level TEXT NOT NULL CHECK (level IN ('BAIXA', 'MEDIA', 'ALTA')),
  fold INTEGER NOT NULL,
  p_baixa REAL NOT NULL,
  p_media REAL NOT NULL,
  p_alta REAL NOT NULL,
  PRIMARY KEY (model_version_id, pair_id)
) WITHOUT ROWID;
`,
};

export default migration;
