import fs from 'node:fs';
import path from 'node:path';

import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';

import { importFile } from '../../../../src/main/corpus/service';
import { CancelledError } from '../../../../src/shared/errors';
import { openTempDb, snapshot, type TempDb } from '../../../helpers/db';
import { collectEvents, expectValidProgress } from '../../../helpers/progress';
import { CAPES_CSV, CAPES_HEADERS, CAPES_NO_ABSTRACT_CSV, capesLine, capesRow, writeCapesCsv } from './files';

let temp: TempDb | undefined;
afterEach(() => temp?.cleanup());

describe('CAPES catalogue import', () => {
  it('imports the real latin-1 file with accents intact', async () => {
    temp = openTempDb();
    const { events, listener } = collectEvents();
    const result = await importFile(temp.db, CAPES_CSV, { onProgress: listener });
    expectValidProgress(events, 'done');
    expect(result.kind).toBe('capes');
    expect(result.encoding).toBe('iso-8859-1');
    expect(result.rowsRead).toBe(400);
    expect(result.theses.inserted).toBe(400);
    const row = temp.db
      .prepare(
        "SELECT title, uf, defence_date, year, degree, grande_area, source_id_field, subarea FROM theses WHERE source_id = '13950696'",
      )
      .get();
    expect(row).toEqual({
      title: 'FEMINILIDADES MAQUÍNICAS: GÊNERO, SEXUALIDADE E CORPO DE MULHERES ARTIFICIAIS NO CINEMA FANTÁSTICO',
      uf: 'SP',
      defence_date: '2023-08-25',
      year: 2023,
      degree: 'DOUTORADO',
      grande_area: 'CIÊNCIAS HUMANAS',
      source_id_field: 'ID_PRODUCAO_INTELECTUAL',
      subarea: 'NÃO SE APLICA',
    });
  });

  it('imports the 12,995-row file without abstracts', async () => {
    temp = openTempDb();
    const result = await importFile(temp.db, CAPES_NO_ABSTRACT_CSV);
    expect(result.rowsRead).toBe(12995);
    expect(result.imported).toBe(12993);
    // The same work appears under one id in two base years; the first row wins.
    expect(result.errors.map((e) => [e.line, e.reason])).toEqual([
      [2698, 'duplicate_id'],
      [12349, 'duplicate_id'],
    ]);
    const states = temp.db.prepare('SELECT COUNT(DISTINCT uf) AS n FROM theses').get();
    expect(states).toEqual({ n: 27 });
    expect(temp.db.prepare('SELECT COUNT(*) AS n FROM theses WHERE abstract IS NOT NULL').get()).toEqual({ n: 0 });
  });

  it('skips rows broken by a stray quote and goes on', async () => {
    temp = openTempDb();
    const file = writeCapesCsv(path.join(temp.dir, 'broken.csv'), [
      capesLine(CAPES_HEADERS),
      capesRow('1', 'PRIMEIRA TESE', 'RESUMO NORMAL'),
      capesRow('2', 'SEGUNDA TESE', 'RESUMO COM "CITAÇÃO QUEBRADA'),
      capesRow('3', 'TERCEIRA TESE', 'RESUMO QUE TERMINA EM ASPAS"'),
      capesRow('4', 'QUARTA TESE', 'RESUMO\r\nEM DUAS LINHAS'),
      capesLine(['5', '2023', 'QUINTA TESE', 'SEM COLUNAS']),
      capesRow('6', 'SEXTA TESE', 'ÚLTIMO RESUMO'),
    ]);
    const result = await importFile(temp.db, file);
    expect(result.rowsRead).toBe(6);
    expect(result.imported).toBe(3);
    expect(result.errors.map((e) => [e.line, e.reason])).toEqual([
      [3, 'broken_quote'],
      [4, 'broken_quote'],
      [7, 'column_count'],
    ]);
    expect(result.errors[0].column).toBe('DS_RESUMO');
    const titles = temp.db.prepare('SELECT source_id, title, abstract FROM theses ORDER BY source_id').all();
    expect(titles).toEqual([
      { source_id: '1', title: 'PRIMEIRA TESE', abstract: 'RESUMO NORMAL' },
      { source_id: '4', title: 'QUARTA TESE', abstract: 'RESUMO\nEM DUAS LINHAS' },
      { source_id: '6', title: 'SEXTA TESE', abstract: 'ÚLTIMO RESUMO' },
    ]);
  });

  it('reads NI and NA as missing', async () => {
    temp = openTempDb();
    const file = writeCapesCsv(path.join(temp.dir, 'ni.csv'), [
      capesLine(CAPES_HEADERS),
      capesLine(['1', '2022', 'TESE', 'NI', 'NA', 'NI', 'MG', 'NI']),
    ]);
    await importFile(temp.db, file);
    const row = temp.db.prepare('SELECT abstract, keywords, institution_acronym, defence_date, year, uf FROM theses').get();
    expect(row).toEqual({ abstract: null, keywords: null, institution_acronym: null, defence_date: null, year: 2022, uf: 'MG' });
  });

  it('maps the 1987–2012 column names', async () => {
    temp = openTempDb();
    const headers = ['AnoBase', 'Uf', 'SiglaIes', 'NomeIes', 'NomePrograma', 'GrandeAreaDescricao', 'TituloTese', 'Nivel', 'PalavrasChave', 'ResumoTese', 'DataDefesa'];
    const file = writeCapesCsv(path.join(temp.dir, 'capes2005.csv'), [
      capesLine(headers),
      capesLine(['2005', 'BA', 'UFBA', 'UNIVERSIDADE FEDERAL DA BAHIA', 'HISTÓRIA', 'CIÊNCIAS HUMANAS', 'A BAHIA COLONIAL', 'MESTRADO', 'COLÔNIA', 'RESUMO ANTIGO', '15MAR2005:00:00:00']),
    ]);
    const result = await importFile(temp.db, file);
    expect(result.kind).toBe('capes');
    const row = temp.db
      .prepare('SELECT title, abstract, keywords, uf, institution_acronym, institution, programme, grande_area, degree, year, defence_date FROM theses')
      .get();
    expect(row).toEqual({
      title: 'A BAHIA COLONIAL',
      abstract: 'RESUMO ANTIGO',
      keywords: 'COLÔNIA',
      uf: 'BA',
      institution_acronym: 'UFBA',
      institution: 'UNIVERSIDADE FEDERAL DA BAHIA',
      programme: 'HISTÓRIA',
      grande_area: 'CIÊNCIAS HUMANAS',
      degree: 'MESTRADO',
      year: 2005,
      defence_date: '2005-03-15',
    });
  });

  it('reads UTF-8 with a byte-order mark and commas', async () => {
    temp = openTempDb();
    const file = path.join(temp.dir, 'bom.csv');
    fs.writeFileSync(file, '\uFEFFNM_PRODUCAO,DS_RESUMO,SG_UF_IES\r\nAÇÃO E REAÇÃO,"RESUMO, COM VÍRGULA",PE\r\n', 'utf8');
    const result = await importFile(temp.db, file);
    expect(result.encoding).toBe('utf-8-bom');
    expect(temp.db.prepare('SELECT title, abstract, uf FROM theses').get()).toEqual({
      title: 'AÇÃO E REAÇÃO',
      abstract: 'RESUMO, COM VÍRGULA',
      uf: 'PE',
    });
  });

  it('decodes latin-1 bytes found late in the file', async () => {
    temp = openTempDb();
    const file = path.join(temp.dir, 'late.csv');
    const ascii = Array.from({ length: 3000 }, (_, i) => capesRow(String(i + 1), `TESE ${i + 1}`, 'RESUMO SIMPLES ' + 'X'.repeat(400)));
    const lines = [capesLine(CAPES_HEADERS), ...ascii, capesRow('9999', 'AÇÃO FINAL', 'É O FIM')];
    fs.writeFileSync(file, iconv.encode(lines.join('\r\n') + '\r\n', 'latin1'));
    expect(fs.statSync(file).size).toBeGreaterThan(1024 * 1024);
    const result = await importFile(temp.db, file, { pair: false });
    expect(result.encoding).toBe('iso-8859-1');
    expect(temp.db.prepare("SELECT title, abstract FROM theses WHERE source_id = '9999'").get()).toEqual({ title: 'AÇÃO FINAL', abstract: 'É O FIM' });
  });

  it('cancels mid-file without writing', async () => {
    temp = openTempDb();
    const before = snapshot(temp.db);
    const controller = new AbortController();
    const { events, listener } = collectEvents();
    const onProgress = (event: Parameters<typeof listener>[0]): void => {
      listener(event);
      if (event.type === 'progress') controller.abort();
    };
    const run = importFile(temp.db, CAPES_NO_ABSTRACT_CSV, { onProgress, signal: controller.signal });
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    expect(events.some((event) => event.type === 'progress')).toBe(true);
    expectValidProgress(events, 'cancelled');
    expect(snapshot(temp.db)).toEqual(before);
  });
});
