// Accent-insensitive full-text search over theses, and indexes for the Pairs screen's filters.
// thesis_search is an FTS5 index whose content stays in `theses` (external content), kept in step
// by triggers; `remove_diacritics 2` folds accents on both the indexed text and the query, so
// "educacao" finds "EDUCAÇÃO". Existing rows are indexed by the final 'rebuild'.

import type { Migration } from './index';

const migration: Migration = {
  version: 3,
  name: 'thesis_search',
  up: `
CREATE VIRTUAL TABLE thesis_search USING fts5(
  title, abstract, abstract_en, keywords, keywords_en,
  content = 'theses',
  content_rowid = 'id',
  tokenize = "unicode61 remove_diacritics 2"
);

CREATE TRIGGER theses_search_insert AFTER INSERT ON theses
BEGIN
  INSERT INTO thesis_search (rowid, title, abstract, abstract_en, keywords, keywords_en)
  VALUES (NEW.id, NEW.title, NEW.abstract, NEW.abstract_en, NEW.keywords, NEW.keywords_en);
END;

-- An external-content FTS5 table forgets a row only through the special 'delete' command, which
-- needs the old values to remove exactly the tokens they produced.
CREATE TRIGGER theses_search_delete AFTER DELETE ON theses
BEGIN
  INSERT INTO thesis_search (thesis_search, rowid, title, abstract, abstract_en, keywords, keywords_en)
  VALUES ('delete', OLD.id, OLD.title, OLD.abstract, OLD.abstract_en, OLD.keywords, OLD.keywords_en);
END;

CREATE TRIGGER theses_search_update AFTER UPDATE OF id, title, abstract, abstract_en, keywords, keywords_en ON theses
BEGIN
  INSERT INTO thesis_search (thesis_search, rowid, title, abstract, abstract_en, keywords, keywords_en)
  VALUES ('delete', OLD.id, OLD.title, OLD.abstract, OLD.abstract_en, OLD.keywords, OLD.keywords_en);
  INSERT INTO thesis_search (rowid, title, abstract, abstract_en, keywords, keywords_en)
  VALUES (NEW.id, NEW.title, NEW.abstract, NEW.abstract_en, NEW.keywords, NEW.keywords_en);
END;

INSERT INTO thesis_search (thesis_search) VALUES ('rebuild');

-- The state a thesis is paired by: its institution's, else its researcher's (challenge data only
-- gives the researcher's). Filters must write the same expression for SQLite to use this index.
CREATE INDEX theses_state ON theses(COALESCE(uf, researcher_uf));
CREATE INDEX theses_year ON theses(year);
CREATE INDEX theses_programme ON theses(programme);
CREATE INDEX theses_area ON theses(area);
CREATE INDEX themes_macro_theme ON themes(macro_theme);
`,
};

export default migration;
