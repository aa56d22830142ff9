// Numbered, append-only schema migrations. Never edit a migration that has shipped: add the next
// number. PRAGMA user_version records the last one applied.

import m0001 from './0001_initial';
import m0002 from './0002_embeddings';
import m0003 from './0003_thesis_search';
import m0004 from './0004_cv_predictions';
import m0005 from './0005_saved_views';
import m0006 from './0006_label_undo';

export interface Migration {
  version: number;
  name: string;
  /** SQL run inside one transaction together with the user_version bump. */
  up: string;
}

export const MIGRATIONS: readonly Migration[] = [m0001, m0002, m0003, m0004, m0005, m0006];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
