import path from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { corpusStatus, importFile, pairCorpus } from '../../../src/main/corpus/service';
import { openTempDb, type TempDb } from '../../helpers/db';
import { collectEvents, expectValidProgress } from '../../helpers/progress';
import { CAPES_CSV, writeText } from './import/files';

let temp: TempDb | undefined;
afterEach(() => temp?.cleanup());

describe('pairing by state', () => {
  it('pairs imported theses with their state and national themes', async () => {
    temp = openTempDb();
    const themes = writeText(path.join(temp.dir, 'temas.csv'), 'tema_id;uf;tema\n1;SP;Tema paulista\n2;RS;Tema gaúcho\n3;;Tema nacional\n');
    await importFile(temp.db, themes);
    const result = await importFile(temp.db, CAPES_CSV);
    const perState = Object.fromEntries(
      (temp.db.prepare('SELECT uf, COUNT(*) AS n FROM theses GROUP BY uf').all() as { uf: string; n: number }[]).map((r) => [r.uf, r.n]),
    );
    const expected = 400 + perState.SP + perState.RS;
    expect(result.pairing?.created).toBe(expected);
    expect(result.pairing?.byState.find((s) => s.uf === 'SP')?.created).toBe(2 * perState.SP);
    expect(result.pairing?.byState.find((s) => s.uf === 'BA')?.created).toBe(perState.BA);
    const wrongState = temp.db
      .prepare("SELECT COUNT(*) AS n FROM pairs p JOIN theses t ON t.id = p.thesis_id JOIN themes th ON th.id = p.theme_id WHERE th.uf IS NOT NULL AND th.uf <> t.uf")
      .get();
    expect(wrongState).toEqual({ n: 0 });
  });

  it('pairs themes imported after the theses', async () => {
    temp = openTempDb();
    await importFile(temp.db, writeText(path.join(temp.dir, 'teses.csv'), 'titulo,uf\nTese A,AM\nTese B,AM\nTese C,PA\n'));
    const themes = await importFile(temp.db, writeText(path.join(temp.dir, 'temas.csv'), 'tema_id,uf,tema\n1,AM,Floresta\n'));
    expect(themes.pairing?.created).toBe(2);
  });

  it('is idempotent when run on its own', async () => {
    temp = openTempDb();
    await importFile(temp.db, writeText(path.join(temp.dir, 'teses.csv'), 'titulo,uf\nTese A,AM\n'), { pair: false });
    await importFile(temp.db, writeText(path.join(temp.dir, 'temas.csv'), 'tema_id,uf,tema\n1,AM,Floresta\n2,,Nacional\n'), { pair: false });
    expect(temp.db.prepare('SELECT COUNT(*) AS n FROM pairs').get()).toEqual({ n: 0 });
    const { events, listener } = collectEvents();
    expect(pairCorpus(temp.db, { onProgress: listener }).created).toBe(2);
    expectValidProgress(events, 'done');
    expect(pairCorpus(temp.db).created).toBe(0);
    const status = corpusStatus(temp.db);
    expect(status.pairs).toBe(2);
    expect(status.byState.find((s) => s.uf === 'AM')).toMatchObject({ theses: 1, themes: 1, pairs: 2, unlabelled: 2 });
    expect(status.byState.find((s) => s.uf === null)).toMatchObject({ theses: 0, themes: 1, pairs: 0 });
  });

  it('leaves CAPES rows with theme columns unpaired', async () => {
    temp = openTempDb();
    await importFile(temp.db, writeText(path.join(temp.dir, 'temas.csv'), 'tema_id;uf;tema\n1;;Tema nacional\n'));
    const file = writeText(
      path.join(temp.dir, 'capes-pares.csv'),
      'ID_PRODUCAO_INTELECTUAL;NM_PRODUCAO;SG_UF_IES;tema_id;tema;nivel\n10;Tese A;RS;2;Tema gaúcho;ALTA\n',
    );
    const result = await importFile(temp.db, file);
    expect(result.kind).toBe('capes');
    expect(result.pairs.created).toBe(1);
    expect(result.pairing).toBeNull();
    expect(temp.db.prepare('SELECT COUNT(*) AS n FROM pairs').get()).toEqual({ n: 1 });
  });
});
