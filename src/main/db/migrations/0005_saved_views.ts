// Saved views of the Pairs screen: a named filter, sort and column set the curator returns to.

import type { Migration } from './index';

const migration: Migration = {
  version: 5,
  name: 'saved_views',
  up: `
CREATE TABLE saved_views (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE,
  -- JSON: a PairFilter.
  filter TEXT NOT NULL DEFAULT '{}',
  -- JSON: a PairSort.
  sort TEXT NOT NULL DEFAULT '{"key":"pair","direction":"asc"}',
  -- JSON array of PairRow keys in display order.
  columns TEXT NOT NULL DEFAULT '[]',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
`,
};

export default migration;
