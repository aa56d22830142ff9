// Imports through the corpus worker thread: the same result as in process, a responsive event loop
// during the write transaction, cancellation that leaves the database as it was, and AppErrors that
// keep their code and params.

import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { importFileInWorker, pairCorpusInWorker } from '../../../src/main/corpus/jobs';
import { corpusStatus, importFile, type ImportResult } from '../../../src/main/corpus/service';
import { openDatabase } from '../../../src/main/db/connection';
import { AppError, CancelledError } from '../../../src/shared/errors';
import { translator } from '../../../src/shared/i18n';
import type { JobEvent } from '../../../src/shared/progress';
import { snapshot, useTempDbs } from '../../helpers/db';
import { collectEvents, expectValidProgress } from '../../helpers/progress';
import { CAPES_HEADERS, capesLine, capesRow, PAIRS_CSV, writeCapesCsv, writeText } from './import/files';

const tempDb = useTempDbs();

/** Imports a large CAPES file in the worker and aborts it at the first progress event of `phase`. */
async function importCancelledAt(phase: 'read' | 'write', cancelGraceMs?: number) {
  const temp = tempDb();
  const file = writeLargeCapesFile(temp.dir);
  const before = snapshot(temp.db);
  const controller = new AbortController();
  const { events, listener } = collectEvents();
  const onProgress = (event: JobEvent): void => {
    listener(event);
    if (event.type === 'progress' && event.phase === phase) controller.abort();
  };
  const error = await importFileInWorker(temp.db, file, { onProgress, signal: controller.signal, cancelGraceMs }).catch((caught: unknown) => caught);
  return { temp, file, before, error, events };
}

/** Returns the result without its run time, which differs between any two runs. */
function comparable(result: ImportResult): Omit<ImportResult, 'durationMs'> {
  const { durationMs: _durationMs, ...rest } = result;
  return rest;
}

/** Writes a CAPES-layout file of about 4 MB: 8000 theses with distinct ids and long abstracts. */
function writeLargeCapesFile(dir: string, rows = 8000): string {
  const lines = [capesLine(CAPES_HEADERS)];
  const states = ['RS', 'SP', 'AM', 'PA', 'BA', 'MG'];
  for (let i = 1; i <= rows; i++) {
    const abstract = `ESTUDO ${i} SOBRE INTELIGÊNCIA ARTIFICIAL NA EDUCAÇÃO. `.repeat(8);
    lines.push(capesRow(String(100000 + i), `TESE NÚMERO ${i} SOBRE APRENDIZADO DE MÁQUINA`, abstract, states[i % states.length]));
  }
  return writeCapesCsv(path.join(dir, 'capes_grande.csv'), lines);
}

describe('import in a worker thread', () => {
  it('imports the evaluation pairs like in process', async () => {
    const inProcess = tempDb();
    const inWorker = tempDb();
    const expected = await importFile(inProcess.db, PAIRS_CSV, { pair: false });

    const { events, listener } = collectEvents();
    const result = await importFileInWorker(inWorker.db, PAIRS_CSV, { pair: false, onProgress: listener });

    expectValidProgress(events, 'done');
    expect(events[0]).toMatchObject({ type: 'start', kind: 'import' });
    expect(comparable(result)).toEqual(comparable(expected));
    // The caller's own connection reads the worker's committed rows.
    expect(corpusStatus(inWorker.db)).toEqual(corpusStatus(inProcess.db));
    expect(result.rowsRead).toBeGreaterThan(0);
  });

  it('keeps the event loop ticking during the write', async () => {
    const temp = tempDb();
    const file = writeLargeCapesFile(temp.dir);
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 1);
    const ticksAt: Partial<Record<'write' | 'end', number>> = {};
    const record = (event: JobEvent): void => {
      if (event.type === 'progress' && event.phase === 'write') ticksAt.write ??= ticks;
      if (event.type === 'end') ticksAt.end = ticks;
    };

    try {
      const inWorker = await importFileInWorker(temp.db, file, { onProgress: record });
      expect(inWorker.imported).toBe(8000);
      expect(ticksAt.write).toBeDefined();
      expect(ticksAt.end! - ticksAt.write!).toBeGreaterThan(0);

      // The same import in process cannot tick between its write event and its end: the write is
      // synchronous. This shows the check above measures the write phase.
      const inProcess = tempDb();
      delete ticksAt.write;
      await importFile(inProcess.db, file, { onProgress: record });
      expect(ticksAt.end! - ticksAt.write!).toBe(0);
    } finally {
      clearInterval(timer);
    }
  });

  it('leaves the database unchanged when cancelled while reading', async () => {
    const { temp, before, error, events } = await importCancelledAt('read');

    expect(error).toBeInstanceOf(CancelledError);
    expectValidProgress(events, 'cancelled');
    expect(snapshot(temp.db)).toEqual(before);
  });

  it('rolls back when cancelled during the write', async () => {
    // With no grace the worker is terminated at once, as it starts or runs its write transaction.
    const { temp, file, before, error, events } = await importCancelledAt('write', 0);

    expect(error).toBeInstanceOf(CancelledError);
    expectValidProgress(events, 'cancelled');
    expect(snapshot(temp.db)).toEqual(before);
    // The terminated worker's connection released its lock: a new writer can import the file.
    const reopened = openDatabase(temp.file);
    try {
      expect((await importFile(reopened, file)).imported).toBe(8000);
    } finally {
      reopened.close();
    }
  });

  it('raises a bad file error with its code and params', async () => {
    const temp = tempDb();
    const file = writeCapesCsv(path.join(temp.dir, 'duplicado.csv'), [
      capesLine(CAPES_HEADERS),
      capesRow('7', 'TESE A', 'RESUMO A'),
      capesRow('8', 'TESE B', 'RESUMO B'),
      capesRow('7', 'TESE C', 'RESUMO C'),
    ]);
    const before = snapshot(temp.db);
    const { events, listener } = collectEvents();

    const error = await importFileInWorker(temp.db, file, { onProgress: listener }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(AppError);
    const appError = error as AppError;
    expect(appError.code).toBe('import_duplicate_id');
    expect(appError.params).toMatchObject({ file: 'duplicado.csv', line: 4, column: 'ID_PRODUCAO_INTELECTUAL', id: '7', firstLine: 2 });
    const message = translator('en')(`error.${appError.code}`, { ...appError.params });
    expect(message).toContain('duplicado.csv');
    expect(message).toContain('ID_PRODUCAO_INTELECTUAL');
    expectValidProgress(events, 'failed');
    expect(events.at(-1)).toMatchObject({ type: 'end', errorCode: 'import_duplicate_id' });
    expect(snapshot(temp.db)).toEqual(before);
  });

  it('runs an in-memory database in process', async () => {
    const db = openDatabase(':memory:');
    try {
      const result = await importFileInWorker(db, PAIRS_CSV, { pair: false });
      expect(corpusStatus(db).theses).toBeGreaterThan(0);
      expect(result.importId).toBe(1);
    } finally {
      db.close();
    }
  });
});

describe('pairing in a worker thread', () => {
  it('pairs the imported theses and themes', async () => {
    const temp = tempDb();
    await importFile(temp.db, writeText(path.join(temp.dir, 'teses.csv'), 'titulo,uf\nTese A,AM\nTese B,AM\nTese C,PA\n'), { pair: false });
    await importFile(temp.db, writeText(path.join(temp.dir, 'temas.csv'), 'tema_id,uf,tema\n1,AM,Floresta\n2,,Nacional\n'), { pair: false });
    const { events, listener } = collectEvents();

    const result = await pairCorpusInWorker(temp.db, { onProgress: listener });

    expectValidProgress(events, 'done');
    expect(events[0]).toMatchObject({ type: 'start', kind: 'pairing' });
    expect(result.created).toBe(5);
    expect(corpusStatus(temp.db).pairs).toBe(5);
  });
});
