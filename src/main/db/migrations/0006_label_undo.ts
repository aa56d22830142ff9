// Records which label event an undo reverts, so undoing again steps further back through the
// history instead of restoring the level the first undo removed.

import type { Migration } from './index';

const migration: Migration = {
  version: 6,
  name: 'label_undo',
  up: `
ALTER TABLE label_events ADD COLUMN undoes_event_id INTEGER REFERENCES label_events(id);
`,
};

export default migration;
