// Undo in the label history: each undo reverts the newest change still in effect, so repeated
// undos step back through the history, and the source of a restored level comes back with it.

import { afterEach, describe, expect, it } from 'vitest';

import { migrate, schemaVersion } from '../../../src/main/db/connection';
import { appendLabel, labelHistory } from '../../../src/main/db/labels';
import { setLabel, undoLabel } from '../../../src/main/labels/service';
import { openTempDb, snapshot, type TempDb } from '../../helpers/db';
import { insertPair, insertThesis, insertTheme } from '../../helpers/pairs';

let temp: TempDb | undefined;
afterEach(() => temp?.cleanup());

function seed(temp: TempDb): number {
  const thesis = insertThesis(temp.db, { sourceId: 'T1', title: 'Tese' });
  const theme = insertTheme(temp.db, { sourceId: '1', name: 'Tema' });
  return insertPair(temp.db, thesis, theme);
}

describe('undoLabel', () => {
  it('steps back through curator labels', () => {
    temp = openTempDb();
    const pairId = seed(temp);
    setLabel(temp.db, { pairId, level: 'BAIXA', curator: 'ana' });
    setLabel(temp.db, { pairId, level: 'ALTA', curator: 'ana' });

    expect(undoLabel(temp.db, { pairId, curator: 'ana' }).level).toBe('BAIXA');
    expect(undoLabel(temp.db, { pairId, curator: 'ana' }).level).toBeNull();
    expect(() => undoLabel(temp!.db, { pairId, curator: 'ana' })).toThrow(/no label to undo/);
  });

  it('restores an imported level with its source', () => {
    temp = openTempDb();
    const pairId = seed(temp);
    appendLabel(temp.db, { pairId, level: 'MEDIA', source: 'imported' });
    setLabel(temp.db, { pairId, level: 'ALTA', curator: 'ana' });

    const state = undoLabel(temp.db, { pairId, curator: 'ana' });
    expect(state.level).toBe('MEDIA');
    expect(state.levelSource).toBe('imported');
  });

  it('records which event each undo reverts', () => {
    temp = openTempDb();
    const pairId = seed(temp);
    setLabel(temp.db, { pairId, level: 'BAIXA', curator: 'ana' });
    setLabel(temp.db, { pairId, level: 'ALTA', curator: 'ana' });
    undoLabel(temp.db, { pairId, curator: 'ana' });
    undoLabel(temp.db, { pairId, curator: 'ana' });

    const history = labelHistory(temp.db, pairId);
    expect(history.map((event) => event.undoesEventId)).toEqual([null, null, history[1].id, history[0].id]);
  });
});

describe('migration 0006 label undo', () => {
  it('adds undoes_event_id and keeps old events', () => {
    temp = openTempDb({ migrateTo: 5 });
    const pairId = seed(temp);
    temp.db
      .prepare("INSERT INTO label_events (pair_id, level, source, created_at) VALUES (?, 'ALTA', 'curator', '2026-01-01T00:00:00Z')")
      .run(pairId);
    const before = snapshot(temp.db);

    migrate(temp.db, temp.file, 6);

    expect(schemaVersion(temp.db)).toBe(6);
    const after = snapshot(temp.db);
    expect(after.label_events).toEqual((before.label_events as object[]).map((row) => ({ ...row, undoes_event_id: null })));
    expect(after.pairs).toEqual(before.pairs);
  });
});
