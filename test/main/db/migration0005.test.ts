import { afterEach, describe, expect, it } from 'vitest';

import { migrate, schemaVersion } from '../../../src/main/db/connection';
import { deleteView, getView, insertView, listViews } from '../../../src/main/db/views';
import { openTempDb, snapshot, type TempDb } from '../../helpers/db';

let temp: TempDb | undefined;
afterEach(() => temp?.cleanup());

describe('migration 0005 saved views', () => {
  it('adds saved_views and keeps existing rows', () => {
    temp = openTempDb({ migrateTo: 4 });
    expect(schemaVersion(temp.db)).toBe(4);
    temp.db.prepare("INSERT INTO settings (key, value) VALUES ('language', '\"en\"')").run();
    const before = snapshot(temp.db);
    migrate(temp.db, temp.file, 5);
    expect(schemaVersion(temp.db)).toBe(5);
    const after = snapshot(temp.db);
    expect(after.saved_views).toEqual([]);
    expect(after.settings).toEqual(before.settings);
  });

  it('stores a view and reads it back', () => {
    temp = openTempDb();
    const id = insertView(temp.db, { name: 'ALTA no RS', filter: { ufs: ['RS'], levels: ['ALTA'] }, sort: { key: 'year', direction: 'desc' }, columns: ['title', 'level'] });
    expect(getView(temp.db, id)).toMatchObject({ name: 'ALTA no RS', filter: { ufs: ['RS'], levels: ['ALTA'] }, sort: { key: 'year', direction: 'desc' }, columns: ['title', 'level'] });
    expect(() => insertView(temp!.db, { name: 'alta no rs', filter: {}, sort: { key: 'pair', direction: 'asc' }, columns: [] })).toThrow(/UNIQUE/);
    expect(deleteView(temp.db, id)).toBe(true);
    expect(listViews(temp.db)).toEqual([]);
  });

  it('drops filter fields it no longer knows', () => {
    temp = openTempDb();
    temp.db
      .prepare("INSERT INTO saved_views (name, filter, sort, columns, created_at, updated_at) VALUES ('old', '{\"gone\":1}', 'x', '[1,\"title\"]', 't', 't')")
      .run();
    expect(listViews(temp.db)[0]).toMatchObject({ filter: {}, sort: { key: 'pair', direction: 'asc' }, columns: ['title'] });
  });
});
