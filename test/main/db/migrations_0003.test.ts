// Migration 0003: the FTS5 search index over theses, built for rows that existed before it and kept
// in step with later inserts, updates and deletes.

import { afterEach, describe, expect, it } from 'vitest';

import { migrate, schemaVersion } from '../../../src/main/db/connection';
import { openTempDb, type TempDb } from '../../helpers/db';

let temp: TempDb | undefined;
afterEach(() => temp?.cleanup());

function searchIds(temp: TempDb, query: string): number[] {
  return (temp.db.prepare('SELECT rowid FROM thesis_search WHERE thesis_search MATCH ? ORDER BY rowid').all(query) as { rowid: number }[]).map(
    (row) => row.rowid,
  );
}

describe('migration 0003', () => {
  it('indexes rows that existed before it', () => {
    temp = openTempDb({ migrateTo: 2 });
    expect(schemaVersion(temp.db)).toBeLessThan(3);
    temp.db
      .prepare("INSERT INTO theses (id, source_id, content_hash, title, abstract, keywords) VALUES (1, 'T1', 'h1', ?, ?, ?)")
      .run('EDUCAÇÃO AMBIENTAL NA AMAZÔNIA', 'Um estudo sobre políticas públicas', 'água; floresta');
    temp.db.prepare("INSERT INTO theses (id, source_id, content_hash, title) VALUES (2, 'T2', 'h2', 'Direito penal')").run();

    migrate(temp.db, temp.file, 3);

    expect(schemaVersion(temp.db)).toBe(3);
    expect(searchIds(temp, 'educacao')).toEqual([1]);
    expect(searchIds(temp, 'amazonia')).toEqual([1]);
    expect(searchIds(temp, 'politicas')).toEqual([1]);
    expect(searchIds(temp, 'agua')).toEqual([1]);
    expect(searchIds(temp, 'DIREITO')).toEqual([2]);
  });

  it('matches accented queries against plain text', () => {
    temp = openTempDb({ migrateTo: 3 });
    temp.db.prepare("INSERT INTO theses (id, content_hash, title) VALUES (1, 'h1', 'HISTORIA DO DIREITO')").run();
    expect(searchIds(temp, 'história')).toEqual([1]);
  });

  it('follows updates and deletes', () => {
    temp = openTempDb({ migrateTo: 3 });
    temp.db.prepare("INSERT INTO theses (id, content_hash, title) VALUES (1, 'h1', 'Saúde coletiva')").run();
    temp.db.prepare("UPDATE theses SET title = 'Energia solar' WHERE id = 1").run();
    expect(searchIds(temp, 'saude')).toEqual([]);
    expect(searchIds(temp, 'energia')).toEqual([1]);

    temp.db.prepare('DELETE FROM theses WHERE id = 1').run();
    expect(searchIds(temp, 'energia')).toEqual([]);
    temp.db.prepare("INSERT INTO thesis_search (thesis_search) VALUES ('integrity-check')").run();
  });

  it('adds the filter indexes', () => {
    temp = openTempDb({ migrateTo: 3 });
    const names = (temp.db.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").all() as { name: string }[]).map((row) => row.name);
    for (const name of ['theses_state', 'theses_year', 'theses_programme', 'theses_area', 'themes_macro_theme']) {
      expect(names).toContain(name);
    }
  });
});
