import { afterEach, describe, expect, it } from 'vitest';

import { appendLabel, labelHistory } from '../../../src/main/db/labels';
import { archiveTheme, mergeThemes, previewMerge, unarchiveTheme, updateKeywords, uniqueKeywords } from '../../../src/main/themes/service';
import { listThemeSummaries } from '../../../src/main/db/themeCatalogue';
import { AppError } from '../../../src/shared/errors';
import { openTempDb, snapshot, type TempDb } from '../../helpers/db';

let temp: TempDb | undefined;
afterEach(() => temp?.cleanup());

/**
 * Two RS themes: 1 "Energia" (theses 1, 2, 3) and 2 "Energia renovável" (theses 3, 4).
 * Thesis 3 is paired with both, so a merge of 1 into 2 leaves pair (3, 1) on theme 1.
 */
function seed(): TempDb {
  const t = openTempDb();
  const { db } = t;
  for (const id of [1, 2, 3, 4]) {
    db.prepare("INSERT INTO theses (id, source_id, content_hash, title, uf) VALUES (?, ?, 'h', ?, 'RS')").run(id, `T${id}`, `Tese ${id}`);
  }
  db.prepare(`INSERT INTO themes (id, source_id, uf, name, keywords) VALUES (1, '10', 'RS', 'Energia', '["solar","Eólica"]')`).run();
  db.prepare(`INSERT INTO themes (id, source_id, uf, name, keywords) VALUES (2, '11', 'RS', 'Energia renovável', '["eolica","biomassa"]')`).run();
  db.prepare(`INSERT INTO themes (id, source_id, uf, name, keywords) VALUES (3, '12', 'SC', 'Pesca', '[]')`).run();
  const pair = db.prepare("INSERT INTO pairs (id, thesis_id, theme_id, created_at) VALUES (?, ?, ?, '2026-01-01')");
  pair.run(1, 1, 1);
  pair.run(2, 2, 1);
  pair.run(3, 3, 1);
  pair.run(4, 3, 2);
  pair.run(5, 4, 2);
  appendLabel(db, { pairId: 1, level: 'ALTA', source: 'imported' });
  appendLabel(db, { pairId: 1, level: 'MEDIA', source: 'curator', curator: 'Ana' });
  appendLabel(db, { pairId: 3, level: 'BAIXA', source: 'curator' });
  return t;
}

describe('theme keywords', () => {
  it('dedupes ignoring case and accents', () => {
    expect(uniqueKeywords([' Eólica ', 'eolica', 'solar  térmica', 'SOLAR TÉRMICA', ''])).toEqual(['Eólica', 'solar térmica']);
  });

  it('replaces a theme keywords', () => {
    temp = seed();
    const theme = updateKeywords(temp.db, 1, ['hidrogênio', 'Hidrogenio', 'solar']);
    expect(theme.keywords).toEqual(['hidrogênio', 'solar']);
  });

  it('rejects an unknown theme', () => {
    temp = seed();
    expect(() => updateKeywords(temp!.db, 99, ['x'])).toThrow(expect.objectContaining({ code: 'theme_not_found' }));
  });
});

describe('theme archive', () => {
  it('hides a theme but keeps pairs and labels', () => {
    temp = seed();
    const before = snapshot(temp.db);
    const archived = archiveTheme(temp.db, 1);
    expect(archived.archivedAt).not.toBeNull();
    expect(listThemeSummaries(temp.db).map((theme) => theme.id)).toEqual([2, 3]);
    expect(listThemeSummaries(temp.db, { includeArchived: true }).map((theme) => theme.id)).toEqual([1, 2, 3]);
    const after = snapshot(temp.db);
    expect(after.pairs).toEqual(before.pairs);
    expect(after.label_events).toEqual(before.label_events);
    expect(unarchiveTheme(temp.db, 1).archivedAt).toBeNull();
  });
});

describe('theme merge', () => {
  it('previews without changing anything', () => {
    temp = seed();
    const before = snapshot(temp.db);
    const preview = previewMerge(temp.db, 1, 2);
    expect(preview.pairsMoved).toBe(2);
    expect(preview.pairsConflicting).toBe(1);
    expect(preview.labelEventsMoved).toBe(2);
    expect(preview.sample.map((row) => row.pairId)).toEqual([1, 2]);
    expect(snapshot(temp.db)).toEqual(before);
  });

  it('moves pairs with their label history', () => {
    temp = seed();
    const result = mergeThemes(temp.db, 1, 2);
    expect(result.pairsMoved).toBe(2);
    expect(result.pairsConflicting).toBe(1);
    expect(result.target.pairs).toBe(4);
    expect(result.target.keywords).toEqual(['eolica', 'biomassa', 'solar']);
    const moved = temp.db.prepare('SELECT id, theme_id AS themeId, level FROM pairs ORDER BY id').all();
    expect(moved).toEqual([
      { id: 1, themeId: 2, level: 'MEDIA' },
      { id: 2, themeId: 2, level: null },
      { id: 3, themeId: 1, level: 'BAIXA' },
      { id: 4, themeId: 2, level: null },
      { id: 5, themeId: 2, level: null },
    ]);
    expect(labelHistory(temp.db, 1).map((event) => event.level)).toEqual(['ALTA', 'MEDIA']);
    const source = temp.db.prepare('SELECT archived_at AS archivedAt, merged_into AS mergedInto FROM themes WHERE id = 1').get() as {
      archivedAt: string | null;
      mergedInto: number | null;
    };
    expect(source.mergedInto).toBe(2);
    expect(source.archivedAt).not.toBeNull();
  });

  it('refuses themes of different states', () => {
    temp = seed();
    const before = snapshot(temp.db);
    expect(() => mergeThemes(temp!.db, 1, 3)).toThrow(expect.objectContaining({ code: 'theme_merge_other_state' }));
    expect(snapshot(temp.db)).toEqual(before);
  });

  it('refuses a theme already merged', () => {
    temp = seed();
    mergeThemes(temp.db, 1, 2);
    let error: unknown;
    try {
      mergeThemes(temp.db, 1, 2);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('theme_merged');
    expect(() => updateKeywords(temp!.db, 1, ['x'])).toThrow(expect.objectContaining({ code: 'theme_merged' }));
  });

  it('refuses merging a theme into itself', () => {
    temp = seed();
    expect(() => previewMerge(temp!.db, 2, 2)).toThrow(expect.objectContaining({ code: 'theme_merge_same' }));
  });
});
