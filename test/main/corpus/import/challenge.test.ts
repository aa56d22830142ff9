import { describe, expect, it } from 'vitest';
import path from 'node:path';

import { importFile } from '../../../../src/main/corpus/service';
import { CancelledError } from '../../../../src/shared/errors';
import { snapshot, useTempDbs, type TempDb } from '../../../helpers/db';
import { collectEvents, expectValidProgress } from '../../../helpers/progress';
import { CHALLENGE_HEADERS, challengeRow, PAIRS_CSV, PAIRS_PARQUET, writeCsv } from './files';

const tempDb = useTempDbs();

function labelledPairs(temp: TempDb): string[] {
  const rows = temp.db
    .prepare(
      `SELECT t.source_id AS thesis, th.source_id AS theme, p.level FROM pairs p
         JOIN theses t ON t.id = p.thesis_id JOIN themes th ON th.id = p.theme_id
        WHERE p.level IS NOT NULL ORDER BY 1, 2`,
    )
    .all() as { thesis: string; theme: string; level: string }[];
  return rows.map((row) => `${row.thesis}|${row.theme}|${row.level}`);
}

describe('challenge data import', () => {
  it('imports the real CSV with labels and notes', async () => {
    const temp = tempDb();
    const { events, listener } = collectEvents();
    const result = await importFile(temp.db, PAIRS_CSV, { onProgress: listener, pair: false });
    expectValidProgress(events, 'done');
    expect(result.kind).toBe('challenge');
    expect(result.rowsRead).toBe(1756);
    expect(result.imported).toBe(1756);
    expect(result.skipped).toBe(0);
    expect(result.theses.inserted).toBe(439);
    expect(result.themes.inserted).toBe(406);
    const levels = temp.db.prepare('SELECT level, COUNT(*) AS n FROM pairs GROUP BY level ORDER BY level').all();
    expect(levels).toEqual([
      { level: 'ALTA', n: 237 },
      { level: 'BAIXA', n: 1201 },
      { level: 'MEDIA', n: 318 },
    ]);
    const event = temp.db
      .prepare(
        `SELECT e.source, e.note, t.researcher_uf, t.institution_acronym FROM label_events e
           JOIN pairs p ON p.id = e.pair_id JOIN theses t ON t.id = p.thesis_id
           JOIN themes th ON th.id = p.theme_id
          WHERE t.source_id = 'LMicol:46196' AND th.source_id = '459'`,
      )
      .get();
    expect(event).toEqual({
      source: 'imported',
      note: 'Estudo linguístico de gênero textual; não contribui para estatística',
      researcher_uf: 'RS',
      institution_acronym: 'UNIVERSIDADE FEDERAL DE SANTA MARIA',
    });
  });

  it('reads the parquet twin to the same pairs', async () => {
    const fromCsv = tempDb();
    const fromParquet = tempDb();
    await importFile(fromCsv.db, PAIRS_CSV, { pair: false });
    const { events, listener } = collectEvents();
    const result = await importFile(fromParquet.db, PAIRS_PARQUET, { onProgress: listener, pair: false });
    expectValidProgress(events, 'done');
    expect(result.format).toBe('parquet');
    expect(result.kind).toBe('challenge');
    expect(labelledPairs(fromParquet)).toEqual(labelledPairs(fromCsv));
    const title = "SELECT title, abstract FROM theses WHERE source_id = 'rafaellamera:184'";
    expect(fromParquet.db.prepare(title).get()).toEqual(fromCsv.db.prepare(title).get());
  });

  it('keeps the pairs the file lists by default', async () => {
    const temp = tempDb();
    const result = await importFile(temp.db, PAIRS_CSV);
    expect(result.pairing).toBeNull();
    expect(temp.db.prepare('SELECT COUNT(*) AS n FROM pairs').get()).toEqual({ n: 1756 });
  });

  it('re-imports without changing the corpus', async () => {
    const temp = tempDb();
    await importFile(temp.db, PAIRS_CSV, { pair: true });
    const before = snapshot(temp.db);
    const again = await importFile(temp.db, PAIRS_CSV, { pair: true });
    const after = snapshot(temp.db);
    expect(again.theses).toEqual({ inserted: 0, updated: 0, unchanged: 439 });
    expect(again.labels.added).toBe(0);
    expect(again.pairing?.created).toBe(0);
    for (const table of ['theses', 'themes', 'pairs', 'label_events']) expect(after[table]).toEqual(before[table]);
    expect(after.imports).toHaveLength(2);
  });

  it('keeps an empty level as an unlabelled pair', async () => {
    const temp = tempDb();
    const file = writeCsv(path.join(temp.dir, 'pares.csv'), CHALLENGE_HEADERS, [
      challengeRow({ hash_id: 'h1', tema_id: '7', tema: 'Agro', nome_producao: 'Soja no cerrado', uf_pesquisador: 'GO', modelo_nivel: 'ALTA' }),
      challengeRow({ hash_id: 'h1', tema_id: '8', tema: 'Saúde', nome_producao: 'Soja no cerrado', uf_pesquisador: 'GO', modelo_nivel: '' }),
    ]);
    const result = await importFile(temp.db, file, { pair: false });
    expect(result.pairs.created).toBe(2);
    expect(result.labels.added).toBe(1);
    const rows = temp.db.prepare('SELECT th.source_id AS theme, p.level FROM pairs p JOIN themes th ON th.id = p.theme_id ORDER BY 1').all();
    expect(rows).toEqual([
      { theme: '7', level: 'ALTA' },
      { theme: '8', level: null },
    ]);
    expect(temp.db.prepare('SELECT COUNT(*) AS n FROM label_events').get()).toEqual({ n: 1 });
  });

  it('reads theme states written in full and keyword lists', async () => {
    const temp = tempDb();
    const file = writeCsv(path.join(temp.dir, 'pares.csv'), CHALLENGE_HEADERS, [
      challengeRow({
        hash_id: 'h1', tema_id: '7', tema: 'Agro', palavras_chave: "['soja', 'milho']", uf_tema_info: 'RIO GRANDE DO SUL',
        nome_producao: 'Soja', modelo_nivel: 'MEDIA',
      }),
      challengeRow({ hash_id: 'h1', tema_id: '9', tema: 'Nacional', palavras_chave: '[]', uf_tema_info: '', nome_producao: 'Soja', modelo_nivel: 'BAIXA' }),
    ]);
    await importFile(temp.db, file);
    const themes = temp.db.prepare('SELECT source_id, uf, keywords FROM themes ORDER BY source_id').all();
    expect(themes).toEqual([
      { source_id: '7', uf: 'RS', keywords: '["soja","milho"]' },
      { source_id: '9', uf: null, keywords: '[]' },
    ]);
  });

  it('skips a repeated pair and reports its line', async () => {
    const temp = tempDb();
    const row = challengeRow({ hash_id: 'h1', tema_id: '7', tema: 'Agro', nome_producao: 'Soja', modelo_nivel: 'ALTA' });
    const file = writeCsv(path.join(temp.dir, 'pares.csv'), CHALLENGE_HEADERS, [row, row]);
    const result = await importFile(temp.db, file);
    expect(result.skipped).toBe(1);
    expect(result.errors).toEqual([{ line: 3, column: null, reason: 'duplicate_pair', detail: '2' }]);
  });

  it('stops on an aborted signal and writes nothing', async () => {
    const temp = tempDb();
    const before = snapshot(temp.db);
    const controller = new AbortController();
    controller.abort();
    const { events, listener } = collectEvents();
    await expect(importFile(temp.db, PAIRS_CSV, { signal: controller.signal, onProgress: listener })).rejects.toBeInstanceOf(CancelledError);
    expectValidProgress(events, 'cancelled');
    expect(snapshot(temp.db)).toEqual(before);
  });
});
