import { afterEach, describe, expect, it } from 'vitest';

import { countThemesByState, findThemeIdBySourceId, upsertTheme } from '../../../src/main/db/themes';
import { openTempDb, type TempDb } from '../../helpers/db';

let temp: TempDb | undefined;
afterEach(() => temp?.cleanup());

describe('themes repository', () => {
  it('upserts by tema_id and keeps stored keywords', () => {
    temp = openTempDb();
    const first = upsertTheme(temp.db, { sourceId: '10', uf: 'RS', macroTheme: 'Saúde', name: 'Saúde digital', keywords: ['telemedicina'] }, null);
    expect(first.outcome).toBe('inserted');
    const renamed = upsertTheme(temp.db, { sourceId: '10', uf: null, macroTheme: null, name: 'Saúde Digital', keywords: [] }, null);
    expect(renamed).toEqual({ id: first.id, outcome: 'updated' });
    const row = temp.db.prepare('SELECT uf, macro_theme, name, keywords FROM themes').get();
    expect(row).toEqual({ uf: 'RS', macro_theme: 'Saúde', name: 'Saúde Digital', keywords: '["telemedicina"]' });
    expect(findThemeIdBySourceId(temp.db, '10')).toBe(first.id);
  });

  it('dedupes themes without id by state and name', () => {
    temp = openTempDb();
    const a = upsertTheme(temp.db, { sourceId: null, uf: 'AC', macroTheme: null, name: 'Bioeconomia', keywords: [] }, null);
    const b = upsertTheme(temp.db, { sourceId: null, uf: 'AC', macroTheme: null, name: 'Bioeconomia', keywords: [] }, null);
    const c = upsertTheme(temp.db, { sourceId: null, uf: 'AM', macroTheme: null, name: 'Bioeconomia', keywords: [] }, null);
    expect(b).toEqual({ id: a.id, outcome: 'unchanged' });
    expect(c.id).not.toBe(a.id);
    expect(countThemesByState(temp.db)).toEqual([
      { uf: 'AC', themes: 1 },
      { uf: 'AM', themes: 1 },
    ]);
  });
});
