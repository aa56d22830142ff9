// The first schema: corpus (imports, theses, themes, pairs), append-only label events with the
// current label kept on the pair by trigger, model versions and predictions, and settings.

import type { Migration } from './index';

const migration: Migration = {
  version: 1,
  name: 'initial',
  up: `
CREATE TABLE imports (
  id INTEGER PRIMARY KEY,
  file_name TEXT NOT NULL,
  file_size INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  kind TEXT NOT NULL,
  rows_read INTEGER NOT NULL DEFAULT 0,
  rows_imported INTEGER NOT NULL DEFAULT 0,
  rows_skipped INTEGER NOT NULL DEFAULT 0,
  -- JSON array of {line, column, reason} for every skipped row, in file order.
  skipped TEXT NOT NULL DEFAULT '[]',
  started_at TEXT NOT NULL,
  finished_at TEXT
);

CREATE TABLE theses (
  id INTEGER PRIMARY KEY,
  -- Identifier exactly as imported (ID_PRODUCAO_INTELECTUAL, hash_id, a spreadsheet id); NULL when the file has none.
  source_id TEXT,
  -- Which column or file kind the source_id came from, such as ID_PRODUCAO_INTELECTUAL or hash_id.
  source_id_field TEXT,
  -- sha256 of the normalised title and abstract, the dedupe key when there is no source_id.
  content_hash TEXT NOT NULL,
  title TEXT NOT NULL,
  abstract TEXT,
  abstract_en TEXT,
  keywords TEXT,
  keywords_en TEXT,
  programme TEXT,
  programme_code TEXT,
  institution TEXT,
  institution_acronym TEXT,
  -- State (UF, two letters) of the institution, and of the researcher when the source gives it.
  uf TEXT,
  researcher_uf TEXT,
  region TEXT,
  grande_area TEXT,
  area TEXT,
  subarea TEXT,
  especialidade TEXT,
  area_avaliacao TEXT,
  degree TEXT,
  subtype TEXT,
  -- ISO date (YYYY-MM-DD).
  defence_date TEXT,
  year INTEGER,
  concentration_area TEXT,
  research_line TEXT,
  project TEXT,
  import_id INTEGER REFERENCES imports(id)
);
CREATE UNIQUE INDEX theses_source_id ON theses(source_id) WHERE source_id IS NOT NULL;
CREATE INDEX theses_content_hash ON theses(content_hash);
CREATE INDEX theses_uf ON theses(uf);

CREATE TABLE themes (
  id INTEGER PRIMARY KEY,
  -- tema_id exactly as imported; NULL for a theme created in the app.
  source_id TEXT,
  -- Two-letter state that defined the theme; NULL for a national theme.
  uf TEXT,
  macro_theme TEXT,
  name TEXT NOT NULL,
  -- JSON array of strings.
  keywords TEXT NOT NULL DEFAULT '[]',
  archived_at TEXT,
  merged_into INTEGER REFERENCES themes(id),
  import_id INTEGER REFERENCES imports(id)
);
CREATE UNIQUE INDEX themes_source_id ON themes(source_id) WHERE source_id IS NOT NULL;
CREATE INDEX themes_uf ON themes(uf);

CREATE TABLE pairs (
  id INTEGER PRIMARY KEY,
  thesis_id INTEGER NOT NULL REFERENCES theses(id),
  theme_id INTEGER NOT NULL REFERENCES themes(id),
  created_at TEXT NOT NULL,
  -- Current label, derived from label_events by the trigger below; never written directly.
  level TEXT CHECK (level IN ('BAIXA', 'MEDIA', 'ALTA')),
  level_source TEXT CHECK (level_source IN ('imported', 'curator', 'accepted_prediction')),
  level_event_id INTEGER,
  UNIQUE (thesis_id, theme_id)
);
CREATE INDEX pairs_theme ON pairs(theme_id);
CREATE INDEX pairs_level ON pairs(level);

CREATE TABLE label_events (
  id INTEGER PRIMARY KEY,
  pair_id INTEGER NOT NULL REFERENCES pairs(id),
  -- NULL clears the label (an undo back to unlabelled).
  level TEXT CHECK (level IN ('BAIXA', 'MEDIA', 'ALTA')),
  previous_level TEXT CHECK (previous_level IN ('BAIXA', 'MEDIA', 'ALTA')),
  source TEXT NOT NULL CHECK (source IN ('imported', 'curator', 'accepted_prediction')),
  curator TEXT,
  note TEXT,
  model_version_id INTEGER REFERENCES model_versions(id),
  import_id INTEGER REFERENCES imports(id),
  created_at TEXT NOT NULL
);
CREATE INDEX label_events_pair ON label_events(pair_id);

CREATE TRIGGER label_events_no_update BEFORE UPDATE ON label_events
BEGIN SELECT RAISE(ABORT, 'label_events is append-only'); END;
CREATE TRIGGER label_events_no_delete BEFORE DELETE ON label_events
BEGIN SELECT RAISE(ABORT, 'label_events is append-only'); END;
CREATE TRIGGER label_events_current AFTER INSERT ON label_events
BEGIN
  UPDATE pairs
     SET level = NEW.level,
         level_source = CASE WHEN NEW.level IS NULL THEN NULL ELSE NEW.source END,
         level_event_id = NEW.id
   WHERE id = NEW.pair_id;
END;

CREATE TABLE model_versions (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  -- JSON: extractors, loss, seed, head shape, hyper-parameters.
  config TEXT NOT NULL,
  -- Serialised adapter weights and feature statistics.
  parameters BLOB NOT NULL,
  -- JSON: accuracy, macro-F1, per-level figures, confusion matrix, calibration.
  metrics TEXT NOT NULL DEFAULT '{}',
  -- JSON: training seconds, peak memory bytes, energy and CO2 estimates with their settings.
  resources TEXT NOT NULL DEFAULT '{}',
  -- JSON: labelled pairs per level the version was trained on.
  label_counts TEXT NOT NULL DEFAULT '{}',
  encoder_id TEXT,
  active INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1))
);
CREATE UNIQUE INDEX model_versions_one_active ON model_versions(active) WHERE active = 1;

CREATE TABLE predictions (
  pair_id INTEGER NOT NULL REFERENCES pairs(id),
  model_version_id INTEGER NOT NULL REFERENCES model_versions(id),
  level TEXT NOT NULL CHECK (level IN ('BAIXA', 'MEDIA', 'ALTA')),
  p_baixa REAL NOT NULL,
  p_media REAL NOT NULL,
  p_alta REAL NOT NULL,
  -- JSON: matched terms and the abstract passage that ties thesis and theme most strongly.
  justification TEXT,
  created_at TEXT NOT NULL,
  PRIMARY KEY (pair_id, model_version_id)
) WITHOUT ROWID;
CREATE INDEX predictions_version ON predictions(model_version_id);

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  -- JSON value.
  value TEXT NOT NULL
) WITHOUT ROWID;
`,
};

export default migration;
