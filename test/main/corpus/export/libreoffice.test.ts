// LibreOffice reads the exported XLSX: a headless `soffice --convert-to csv` of the real labelled
// pairs must give back every row with its accents, dates shown as dd/mm/aaaa and levels intact.
// LibreOffice Calc is a required test dependency (CI installs Debian's libreoffice-calc).

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { exportPairs } from '../../../../src/main/corpus/export/service';
import { importFile } from '../../../../src/main/corpus/service';
import { queryPairs } from '../../../../src/main/db/pairQuery';
import type { PairRow } from '../../../../src/shared/filters';
import { openTempDb, tempDir, type TempDb } from '../../../helpers/db';
import { insertModelVersion, insertPrediction, SHARED_DATA } from '../../../helpers/pairs';

let temp: TempDb;
let profile: string;
let rows: Record<string, string>[];
let pairs: PairRow[];

/** Converts the first sheet to UTF-8 CSV (filter options: comma, double quote, UTF-8, from row 1). */
function convertWithLibreOffice(file: string, outDir: string): string {
  const result = spawnSync(
    'soffice',
    [
      `-env:UserInstallation=${pathToFileURL(profile).href}`,
      '--headless',
      '--convert-to',
      'csv:Text - txt - csv (StarCalc):44,34,76,1',
      '--outdir',
      outDir,
      file,
    ],
    { encoding: 'utf8', timeout: 120_000 },
  );
  if (result.error) throw new Error(`soffice failed to start (install libreoffice-calc): ${result.error.message}`);
  expect(result.status, result.stderr).toBe(0);
  return path.join(outDir, `${path.basename(file, '.xlsx')}.csv`);
}

beforeAll(async () => {
  temp = openTempDb();
  profile = tempDir('aderencia-lo-profile-');
  await importFile(temp.db, path.join(SHARED_DATA, 'eval', 'pares_dev.csv'), { pair: false });
  // The labelled pairs file has no defence dates, so a few theses get one here.
  temp.db.prepare("UPDATE theses SET defence_date = '2023-03-' || printf('%02d', (id % 28) + 1) WHERE id % 5 = 0").run();
  const model = insertModelVersion(temp.db, 'lo-v1');
  const unlabelled = temp.db.prepare('SELECT id FROM pairs WHERE level IS NULL').all() as { id: number }[];
  const first = temp.db.prepare('SELECT id FROM pairs ORDER BY id LIMIT 1').get() as { id: number };
  insertPrediction(temp.db, first.id, model, [0.125, 0.25, 0.625]);
  for (const { id } of unlabelled) if (id !== first.id) insertPrediction(temp.db, id, model, [0.5, 0.25, 0.25]);

  const file = path.join(temp.dir, 'pares.xlsx');
  await exportPairs(temp.db, { file });
  const csv = convertWithLibreOffice(file, path.join(temp.dir, 'lo'));
  rows = parse(fs.readFileSync(csv), { columns: true, bom: true }) as Record<string, string>[];
  pairs = [];
  let after: string | undefined;
  for (;;) {
    const page = queryPairs(temp.db, {}, { key: 'pair', direction: 'asc' }, { limit: 1000, after });
    pairs.push(...page.rows);
    if (!page.nextCursor) break;
    after = page.nextCursor;
  }
}, 180_000);

afterAll(() => {
  temp?.cleanup();
  if (profile) fs.rmSync(profile, { recursive: true, force: true });
});

describe('XLSX read by LibreOffice', () => {
  it('has every exported row', () => {
    expect(pairs.length).toBeGreaterThan(1000);
    expect(rows).toHaveLength(pairs.length);
  });

  it('keeps ids, themes and levels', () => {
    rows.forEach((row, index) => {
      const pair = pairs[index];
      expect(row.ID_PRODUCAO_INTELECTUAL).toBe(pair.thesisSourceId);
      expect(row.tema_id).toBe(pair.themeSourceId);
      expect(row.nivel).toBe(pair.level ?? pair.predictedLevel ?? '');
    });
  });

  it('keeps accents in titles and abstracts', () => {
    let accented = 0;
    rows.forEach((row, index) => {
      const pair = pairs[index];
      expect(row.NM_PRODUCAO).toBe(pair.title);
      expect(row.DS_RESUMO).toBe((pair.abstract ?? '').replace(/\r\n?/g, '\n'));
      expect(row.tema).toBe(pair.themeName);
      if (/[ãõçáéíóúâê]/i.test(row.DS_RESUMO)) accented += 1;
    });
    expect(rows.join('')).not.toContain('\uFFFD');
    expect(accented).toBeGreaterThan(100);
  });

  it('shows dates as dd/mm/aaaa', () => {
    const dated = rows.filter((row) => row.DT_TITULACAO !== '');
    expect(dated.length).toBeGreaterThan(0);
    for (const row of dated) expect(row.DT_TITULACAO).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    const withDate = pairs.find((pair) => pair.defenceDate);
    const [year, month, day] = withDate!.defenceDate!.split('-');
    expect(rows[pairs.indexOf(withDate!)].DT_TITULACAO).toBe(`${day}/${month}/${year}`);
  });

  it('reads probabilities as numbers', () => {
    expect(rows[0].versao_modelo).toBe('lo-v1');
    expect(rows[0].p_alta).toBe('0.625');
  });
});
