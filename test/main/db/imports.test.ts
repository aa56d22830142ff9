import { afterEach, describe, expect, it } from 'vitest';

import { finishImport, getImport, insertImport, listImports } from '../../../src/main/db/imports';
import { openTempDb, type TempDb } from '../../helpers/db';

let temp: TempDb | undefined;
afterEach(() => temp?.cleanup());

describe('imports repository', () => {
  it('records counts and skipped rows', () => {
    temp = openTempDb();
    const id = insertImport(temp.db, { fileName: 'a.csv', fileSize: 10, sha256: 'ab', kind: 'capes', startedAt: '2026-01-01T00:00:00Z' });
    finishImport(temp.db, id, {
      rowsRead: 3,
      rowsImported: 2,
      rowsSkipped: 1,
      skipped: [{ line: 3, column: 'DS_RESUMO', reason: 'broken_quote' }],
    });
    const row = getImport(temp.db, id);
    expect(row?.rowsRead).toBe(3);
    expect(row?.rowsImported).toBe(2);
    expect(row?.skipped).toEqual([{ line: 3, column: 'DS_RESUMO', reason: 'broken_quote' }]);
    expect(row?.finishedAt).not.toBeNull();
    expect(listImports(temp.db).map((i) => i.id)).toEqual([id]);
  });
});
