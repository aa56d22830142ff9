import { afterEach, describe, expect, it } from 'vitest';

import { insertImport } from '../../../src/main/db/imports';
import { appendLabel } from '../../../src/main/db/labels';
import { applyImportedLabel, countPairsByLevel, ensurePair, pairByState } from '../../../src/main/db/pairs';
import { openTempDb, type TempDb } from '../../helpers/db';

let temp: TempDb | undefined;
afterEach(() => temp?.cleanup());

function seed(t: TempDb): void {
  const insertThesis = t.db.prepare('INSERT INTO theses (id, source_id, content_hash, title, uf, researcher_uf) VALUES (?, ?, ?, ?, ?, ?)');
  insertThesis.run(1, 'T1', 'h1', 'Tese RS', 'RS', null);
  insertThesis.run(2, 'T2', 'h2', 'Tese do pesquisador SP', null, 'SP');
  insertThesis.run(3, 'T3', 'h3', 'Tese sem UF', null, null);
  const insertTheme = t.db.prepare('INSERT INTO themes (id, source_id, uf, name) VALUES (?, ?, ?, ?)');
  insertTheme.run(1, '10', 'RS', 'Tema RS');
  insertTheme.run(2, '20', 'SP', 'Tema SP');
  insertTheme.run(3, '30', null, 'Tema nacional');
  t.db.prepare("INSERT INTO themes (id, source_id, uf, name, archived_at) VALUES (4, '40', 'RS', 'Arquivado', '2026-01-01')").run();
}

describe('pairs repository', () => {
  it('creates a pair once', () => {
    temp = openTempDb();
    seed(temp);
    const first = ensurePair(temp.db, 1, 1);
    expect(first.created).toBe(true);
    expect(ensurePair(temp.db, 1, 1)).toEqual({ id: first.id, created: false });
  });

  it('never overrides a curator level with an imported one', () => {
    temp = openTempDb();
    seed(temp);
    const importId = insertImport(temp.db, { fileName: 'x.csv', fileSize: 1, sha256: 'x', kind: 'labels', startedAt: '2026-01-01' });
    const { id } = ensurePair(temp.db, 1, 1);
    expect(applyImportedLabel(temp.db, id, 'BAIXA', 'nota', importId)).toBe('added');
    expect(applyImportedLabel(temp.db, id, 'BAIXA', null, importId)).toBe('unchanged');
    appendLabel(temp.db, { pairId: id, level: 'ALTA', source: 'curator', curator: 'ana' });
    expect(applyImportedLabel(temp.db, id, 'MEDIA', null, importId)).toBe('kept');
    expect(temp.db.prepare('SELECT level, level_source FROM pairs WHERE id = ?').get(id)).toEqual({ level: 'ALTA', level_source: 'curator' });
  });

  it('pairs by effective state plus national themes', () => {
    temp = openTempDb();
    seed(temp);
    const result = pairByState(temp.db);
    expect(result.created).toBe(5);
    expect(result.byState).toEqual([
      { uf: null, created: 1 },
      { uf: 'RS', created: 2 },
      { uf: 'SP', created: 2 },
    ]);
    const pairs = temp.db.prepare('SELECT thesis_id, theme_id FROM pairs ORDER BY 1, 2').all();
    expect(pairs).toEqual([
      { thesis_id: 1, theme_id: 1 },
      { thesis_id: 1, theme_id: 3 },
      { thesis_id: 2, theme_id: 2 },
      { thesis_id: 2, theme_id: 3 },
      { thesis_id: 3, theme_id: 3 },
    ]);
    expect(pairByState(temp.db).created).toBe(0);
    expect(countPairsByLevel(temp.db)).toEqual({ pairs: 5, BAIXA: 0, MEDIA: 0, ALTA: 0, unlabelled: 5 });
  });
});
