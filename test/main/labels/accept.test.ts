// Accepting the active model's prediction: one event per change of label, so a repeated Enter on
// a pair that already carries the accepted prediction leaves the history as it was.

import { afterEach, describe, expect, it } from 'vitest';

import { labelHistory } from '../../../src/main/db/labels';
import { acceptPrediction, setLabel } from '../../../src/main/labels/service';
import { openTempDb, type TempDb } from '../../helpers/db';
import { insertModelVersion, insertPair, insertPrediction, insertThesis, insertTheme } from '../../helpers/pairs';

let temp: TempDb | undefined;
afterEach(() => temp?.cleanup());

function seedPredicted(db: TempDb['db']): number {
  const thesis = insertThesis(db, { sourceId: 'T1', title: 'Tese' });
  const theme = insertTheme(db, { sourceId: '1', name: 'Tema' });
  const pairId = insertPair(db, thesis, theme);
  insertPrediction(db, pairId, insertModelVersion(db, 'v1'), [0.1, 0.2, 0.7]);
  return pairId;
}

describe('acceptPrediction', () => {
  it('appends one event for a repeated accept', () => {
    temp = openTempDb();
    const pairId = seedPredicted(temp.db);
    expect(acceptPrediction(temp.db, { pairId, curator: 'ana' })).toMatchObject({ level: 'ALTA', levelSource: 'accepted_prediction' });
    expect(acceptPrediction(temp.db, { pairId, curator: 'ana' })).toMatchObject({ level: 'ALTA', levelSource: 'accepted_prediction' });
    expect(labelHistory(temp.db, pairId)).toHaveLength(1);
  });

  it('records an accept after a curator level', () => {
    temp = openTempDb();
    const pairId = seedPredicted(temp.db);
    setLabel(temp.db, { pairId, level: 'ALTA', curator: 'ana' });
    expect(acceptPrediction(temp.db, { pairId, curator: 'ana' }).levelSource).toBe('accepted_prediction');
    expect(labelHistory(temp.db, pairId)).toHaveLength(2);
  });
});
